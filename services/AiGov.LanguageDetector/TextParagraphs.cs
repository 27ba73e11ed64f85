namespace AiGov.LanguageDetector;

/// <summary>A line of the clean text that holds letters: its place, its letters by script and its dominant script.</summary>
public readonly record struct Paragraph(int Start, int Length, int Letters, Script Script, int Kana, int Han)
{
    public int End => Start + Length;
}

/// <summary>Splits a text into its lines (the cleaner puts each paragraph, heading and list item on its own line)
/// and keeps those with letters.</summary>
public static class TextParagraphs
{
    public static List<Paragraph> Of(string text)
    {
        var paragraphs = new List<Paragraph>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var line = text.AsSpan(start, end - start);
            var trimmedStart = line.Length - line.TrimStart().Length;
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                var histogram = ScriptHistogram.Of(trimmed);
                if (histogram.LetterCount > 0)
                {
                    paragraphs.Add(new Paragraph(start + trimmedStart, trimmed.Length, histogram.LetterCount,
                        histogram.Dominant().Script, histogram[Script.Kana], histogram[Script.Han]));
                }
            }
            start = end + 1;
        }
        return paragraphs;
    }
}
