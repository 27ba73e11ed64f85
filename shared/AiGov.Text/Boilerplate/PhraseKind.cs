namespace AiGov.Text.Boilerplate;

/// <summary>How a phrase of a boilerplate list is matched against a line (see Boilerplate/en.txt).</summary>
internal enum PhraseKind
{
    /// <summary>The whole line; late in the text it starts the furniture after the article.</summary>
    Tail,

    /// <summary>The whole line.</summary>
    Line,

    /// <summary>The start of the line, followed by a colon.</summary>
    Prefix,

    /// <summary>Anywhere in the line.</summary>
    Contains,
}
