namespace AiGov.LanguageDetector;

/// <summary>Paragraphs of one script taken together: a heading or a short line says too little on its own.</summary>
public readonly record struct TextBlock(int Start, int End, int Letters, Script Script, int Kana, int Han);

public static class TextBlocks
{
    /// <summary>A paragraph with fewer letters joins its neighbour of the same script.</summary>
    public const int ShortParagraphLetters = 60;

    public static List<TextBlock> Of(IReadOnlyList<Paragraph> paragraphs)
    {
        var blocks = new List<TextBlock>();
        foreach (var paragraph in paragraphs)
        {
            var script = Family(paragraph.Script);
            if (blocks.Count > 0 && blocks[^1] is var last && last.Script == script
                && (paragraph.Letters < ShortParagraphLetters || last.Letters < ShortParagraphLetters))
            {
                blocks[^1] = last with
                {
                    End = paragraph.End,
                    Letters = last.Letters + paragraph.Letters,
                    Kana = last.Kana + paragraph.Kana,
                    Han = last.Han + paragraph.Han,
                };
            }
            else
            {
                blocks.Add(new TextBlock(paragraph.Start, paragraph.End, paragraph.Letters, script, paragraph.Kana, paragraph.Han));
            }
        }
        return blocks;
    }

    /// <summary>Japanese is Han plus kana: a kanji-only line and a kana-rich one belong together.</summary>
    private static Script Family(Script script) => script is Script.Kana ? Script.Han : script;
}
