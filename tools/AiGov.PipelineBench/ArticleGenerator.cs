using System.Text;

namespace AiGov.PipelineBench;

/// <summary>One generated file: its name in the inbox and its bytes.</summary>
public sealed record BenchArticle(string FileName, byte[] Bytes);

/// <summary>Distinct news-like articles of about 5 KB: a headline, a dateline, 7–10 paragraphs of sentences drawn from
/// the seed articles' words (case kept, so names and numbers occur as in real news), every article with its own
/// names and figures. A share are HTML pages with navigation, share widgets and a footer for the cleaner to remove,
/// a share are Chinese. Then duplicates: exact copies under another name, and copies with a few words changed.</summary>
public sealed class ArticleGenerator
{
    private static readonly string[] s_chinese =
    [
        "人工智能", "治理", "框架", "国际", "合作", "安全", "标准", "监管", "发展", "技术", "数据", "隐私", "透明", "问责",
        "风险", "评估", "模型", "算法", "伦理", "原则", "政策", "政府", "企业", "研究", "创新", "全球", "倡议", "会议",
        "联合国", "中国", "美国", "欧盟", "专家", "报告", "指出", "认为", "强调", "推动", "建立", "完善", "加强", "促进",
        "应用", "产业", "经济", "社会", "公众", "信任", "开放", "共享", "能力", "建设", "未来", "挑战", "机遇", "责任",
    ];

    private static readonly string[] s_places = ["Geneva", "Beijing", "Brussels", "Washington", "Seoul", "Paris", "London", "Tokyo", "Nairobi", "Ottawa"];
    private static readonly string[] s_firstNames = ["Maria", "Chen", "David", "Amira", "Kenji", "Olga", "Samuel", "Priya", "Lukas", "Fatima", "Tomas", "Ines"];
    private static readonly string[] s_lastNames = ["Okafor", "Lindqvist", "Zhang", "Moreau", "Haddad", "Novak", "Tanaka", "Ferreira", "Kowalski", "Mensah", "Ibrahim", "Rossi"];

    private readonly string[] _words;

    public ArticleGenerator(IEnumerable<string> seedTexts)
    {
        _words = seedTexts
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(t => t.Trim('"', '“', '”', '(', ')', ',', ';', ':', '.', '’', '‘'))
            .Where(t => t.Length > 1 && t.All(c => c < 0x2E80))
            .ToArray();
        if (_words.Length < 100)
        {
            throw new InvalidOperationException("The seed articles gave fewer than 100 words: is seeds/*.txt copied beside the bench?");
        }
    }

    public static ArticleGenerator FromSeeds() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Select(File.ReadAllText));

    /// <summary><paramref name="distinct"/> articles, then 10 % duplicates of them (half exact copies under another
    /// name, half with 5 % of the words changed), interleaved so duplicates arrive while their originals flow.</summary>
    public List<BenchArticle> Generate(int distinct, int seed)
    {
        var random = new Random(seed);
        var originals = new List<(string Name, string Text, bool Html)>(distinct);
        for (var i = 0; i < distinct; i++)
        {
            var chinese = i % 10 == 7;
            var html = !chinese && i % 10 is 1 or 4 or 8;
            var text = chinese ? ChineseArticle(random, i) : EnglishArticle(random, i);
            originals.Add(($"bench/{i:D6}-{(chinese ? "zh" : "en")}.{(html ? "html" : "txt")}", text, html));
        }

        var result = new List<BenchArticle>(distinct + distinct / 10);
        var duplicates = distinct / 10;
        var every = duplicates == 0 ? int.MaxValue : distinct / duplicates;
        var made = 0;
        for (var i = 0; i < originals.Count; i++)
        {
            var (name, text, html) = originals[i];
            result.Add(new BenchArticle(name, Encode(text, html, name)));
            if (made < duplicates && i % every == every - 1)
            {
                // A copy of an article dropped a little earlier, so its original is usually still in flight.
                var original = originals[Math.Max(0, i - random.Next(0, Math.Min(i + 1, 50)))];
                var copyText = made % 2 == 0 ? original.Text : ChangeWords(original.Text, 0.05, random);
                var copyName = $"bench/dup-{made:D6}-of-{Path.GetFileNameWithoutExtension(original.Name)}{Path.GetExtension(original.Name)}";
                result.Add(new BenchArticle(copyName, Encode(copyText, original.Html, copyName)));
                made++;
            }
        }
        return result;
    }

    private string EnglishArticle(Random random, int index)
    {
        var place = s_places[random.Next(s_places.Length)];
        var person = $"{s_firstNames[random.Next(s_firstNames.Length)]} {s_lastNames[random.Next(s_lastNames.Length)]}";
        var builder = new StringBuilder(5600);
        builder.Append(Capitalise(Sentence(random, 6, 10, end: false))).Append(" (report ").Append(index).Append(")\n\n");
        builder.Append(place).Append(", ").Append(new DateTime(2024, 1, 1).AddDays(index % 700).ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append("\n\n");
        while (builder.Length < 4900)
        {
            var sentences = random.Next(3, 6);
            for (var s = 0; s < sentences; s++)
            {
                builder.Append(Capitalise(Sentence(random, 12, 24, end: true))).Append(' ');
            }
            if (random.Next(3) == 0)
            {
                builder.Append('"').Append(Capitalise(Sentence(random, 8, 14, end: true))).Append("\" said ").Append(person)
                    .Append(", who cited ").Append(random.Next(2, 98)).Append(" percent and ").Append(random.Next(100, 9999)).Append(" cases.");
            }
            builder.Append("\n\n");
        }
        return builder.ToString().TrimEnd() + "\n";
    }

    private static string ChineseArticle(Random random, int index)
    {
        var builder = new StringBuilder(2000);
        builder.Append("关于").Append(s_chinese[random.Next(s_chinese.Length)]).Append(s_chinese[random.Next(s_chinese.Length)])
            .Append("的报告 第").Append(index).Append("号\n\n");
        // ~1,700 characters: about 5 KB in UTF-8.
        while (builder.Length < 1700)
        {
            var sentences = random.Next(3, 6);
            for (var s = 0; s < sentences; s++)
            {
                var words = random.Next(8, 16);
                for (var w = 0; w < words; w++)
                {
                    builder.Append(s_chinese[random.Next(s_chinese.Length)]);
                    if (w == words / 2)
                    {
                        builder.Append('，');
                    }
                }
                builder.Append(random.Next(2) == 0 ? "。" : $"，涉及{random.Next(10, 999)}项。");
            }
            builder.Append("\n\n");
        }
        return builder.ToString().TrimEnd() + "\n";
    }

    private string Sentence(Random random, int min, int max, bool end)
    {
        var count = random.Next(min, max + 1);
        var builder = new StringBuilder(count * 8);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(i == count / 2 && random.Next(3) == 0 ? ", " : " ");
            }
            builder.Append(_words[random.Next(_words.Length)]);
        }
        if (end)
        {
            builder.Append('.');
        }
        return builder.ToString();
    }

    private string ChangeWords(string text, double share, Random random)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (random.NextDouble() < share && !words[i].Contains('\n'))
            {
                words[i] = _words[random.Next(_words.Length)];
            }
        }
        return string.Join(' ', words);
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static byte[] Encode(string text, bool html, string name)
    {
        if (!html)
        {
            return Encoding.UTF8.GetBytes(text);
        }
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder(text.Length + 2000);
        builder.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(System.Net.WebUtility.HtmlEncode(paragraphs[0])).Append(" | World Policy Wire</title>")
            .Append("<meta property=\"og:site_name\" content=\"World Policy Wire\"></head><body>\n")
            .Append("<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/tech\">Technology</a> <a href=\"/policy\">Policy</a> <a href=\"/subscribe\">Subscribe</a></nav></header>\n")
            .Append("<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies</div>\n<article>\n<h1>")
            .Append(System.Net.WebUtility.HtmlEncode(paragraphs[0])).Append("</h1>\n");
        foreach (var paragraph in paragraphs.Skip(1))
        {
            builder.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(paragraph.Trim())).Append("</p>\n");
        }
        builder.Append("<div class=\"share\">Share on Facebook Share on X Share by email</div>\n</article>\n")
            .Append("<aside><h2>Most read</h2><ul><li><a href=\"/a\">Markets rally as chip exports resume</a></li><li><a href=\"/b\">Ten things to know this week</a></li></ul></aside>\n")
            .Append("<footer>© 2026 World Policy Wire. All rights reserved. <a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer>\n")
            .Append("<!-- ").Append(name).Append(" -->\n</body></html>\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
