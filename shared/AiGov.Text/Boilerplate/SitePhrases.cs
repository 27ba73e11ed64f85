using System.Text;

namespace AiGov.Text.Boilerplate;

/// <summary>
/// Lines a site repeats in many of its articles ("Follow us on WeChat for more news", a stock disclaimer): mined from
/// the stored documents (<see cref="Mine"/>, the <c>aigov site-phrases</c> command), kept as a reviewable data file,
/// and dropped by the cleaner from that site's documents with the label <c>site-repeat</c>. Mining is a separate step
/// rather than something the cleaner learns while it runs, so the same document always cleans to the same text
/// (exact duplicates stay exact, a reprocess gives the same result) until the file changes.
/// </summary>
/// <remarks>File format: <c>[site example.com]</c> headers, then one line per phrase, compared after
/// <see cref="NormalizeLine"/>; '#' starts a comment; a phrase that begins with '#', '[' or '\' is written with a
/// backslash before it. A site is the host of the document's address (without "www."), else its declared source,
/// lower case (<see cref="SiteKey"/>).</remarks>
public sealed class SitePhrases
{
    // Longest line that is looked up or mined: site furniture is short, and a 10 MiB line costs one length check.
    public const int MaxLineLength = 200;

    // Written before a phrase that begins with '#', '[' or itself (see Format).
    private const char Escape = '\\';

    private readonly Dictionary<string, HashSet<string>> _bySite;

    private SitePhrases(Dictionary<string, HashSet<string>> bySite) => _bySite = bySite;

    public static SitePhrases Empty { get; } = new(new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));

    public int SiteCount => _bySite.Count;

    public int PhraseCount => _bySite.Values.Sum(lines => lines.Count);

    /// <summary>The normalised phrases of <paramref name="site"/>, or null when there are none.</summary>
    public IReadOnlySet<string>? For(string? site) =>
        site is not null && _bySite.TryGetValue(site, out var lines) ? lines : null;

    /// <summary>The site a document belongs to: the host of its address without "www.", else its declared source,
    /// lower case; null when it names neither.</summary>
    public static string? SiteKey(ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.SourceUrl is { } url && TextMetadataReader.HostOf(url) is { Length: > 0 } host)
        {
            return host.ToLowerInvariant();
        }

        return string.IsNullOrWhiteSpace(metadata.Source) ? null : NormalizeLine(metadata.Source);
    }

    /// <summary>Lower case (invariant), runs of whitespace as one space, trimmed.</summary>
    public static string NormalizeLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return WhitespaceCollapser.CollapseAndTrim(line).ToLowerInvariant();
    }

    /// <summary>
    /// The lines that occur in at least <paramref name="minDocuments"/> and at least <paramref name="minShare"/> of a
    /// site's distinct documents (the same text twice counts once, so duplicates cannot make a phrase). Lines longer
    /// than <see cref="MaxLineLength"/> or without a letter are never phrases.
    /// </summary>
    public static SitePhrases Mine(IEnumerable<(string Site, string Text)> documents, int minDocuments, double minShare)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDocuments, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minShare, 1.0);

        var sites = new Dictionary<string, (HashSet<string> Texts, Dictionary<string, int> Lines)>(StringComparer.Ordinal);
        foreach (var (site, text) in documents)
        {
            if (string.IsNullOrEmpty(site) || string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!sites.TryGetValue(site, out var counts))
            {
                sites[site] = counts = (new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal));
            }

            if (!counts.Texts.Add(ContentFingerprint.Sha256Hex(Encoding.UTF8.GetBytes(text))))
            {
                continue;
            }

            foreach (var line in DistinctLines(text))
            {
                counts.Lines[line] = counts.Lines.GetValueOrDefault(line) + 1;
            }
        }

        var bySite = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (site, (texts, lines)) in sites)
        {
            var needed = Math.Max(minDocuments, (int)Math.Ceiling(minShare * texts.Count));
            var phrases = lines.Where(line => line.Value >= needed).Select(line => line.Key).ToHashSet(StringComparer.Ordinal);
            if (phrases.Count > 0)
            {
                bySite[site] = phrases;
            }
        }

        return new SitePhrases(bySite);
    }

    /// <summary>Reads the file format; a phrase before any <c>[site …]</c> header is an error naming its line.</summary>
    public static SitePhrases Parse(string content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bySite = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string>? current = null;
        foreach (var line in DataFileLines.Read(content))
        {
            if (line.Header is { } header)
            {
                if (!header.StartsWith("site ", StringComparison.Ordinal))
                {
                    throw new FormatException($"{sourceName}:{line.Number}: unknown header '{line.Text}' -- a section starts with [site example.com]; a phrase that begins with '[' is written with a backslash before it.");
                }

                var site = NormalizeLine(header["site ".Length..]);
                if (site.Length == 0)
                {
                    throw new FormatException($"{sourceName}:{line.Number}: a site header names the site, like [site example.com].");
                }

                if (!bySite.TryGetValue(site, out current))
                {
                    bySite[site] = current = new HashSet<string>(StringComparer.Ordinal);
                }

                continue;
            }

            if (current is null)
            {
                throw new FormatException($"{sourceName}:{line.Number}: phrase '{line.Text}' before the first [site …] header.");
            }

            // A lone backslash escapes nothing: like a blank line, it is no phrase.
            if (NormalizeLine(line.Text.StartsWith(Escape) ? line.Text[1..] : line.Text) is { Length: > 0 } phrase)
            {
                current.Add(phrase);
            }
        }

        return new SitePhrases(bySite);
    }

    /// <summary>The file text: a header comment, then the sites and their phrases in ordinal order.</summary>
    public string Format(string header)
    {
        var builder = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            builder.Append("# ").Append(line.TrimEnd()).Append('\n');
        }

        foreach (var (site, lines) in _bySite.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append("[site ").Append(site).Append("]\n");
            foreach (var line in lines.Order(StringComparer.Ordinal))
            {
                // A phrase that would read back as a comment, a header or an escaped phrase gets a backslash before it.
                if (line[0] is '#' or '[' or Escape)
                {
                    builder.Append(Escape);
                }

                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> DistinctLines(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            if (rawLine.Length > MaxLineLength * 2)
            {
                continue;
            }

            var line = NormalizeLine(rawLine);
            if (line.Length is > 0 and <= MaxLineLength && line.Any(char.IsLetter) && seen.Add(line))
            {
                yield return line;
            }
        }
    }
}
