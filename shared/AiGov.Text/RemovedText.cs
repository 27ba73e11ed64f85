namespace AiGov.Text;

/// <summary>A piece of the extracted text that cleaning dropped, and why.</summary>
/// <param name="Label">nav, related, comments, share, sponsored, subscribe, cookie, ad, footer, credit, source, byline,
/// date, debris, title-repeat, foreign-tail, …: the label of the phrase-list section or rule that matched.</param>
/// <param name="Text">The dropped lines, joined by line breaks.</param>
public sealed record RemovedText(string Label, string Text);

/// <summary>The outcome of <see cref="BoilerplateRemover.Apply"/>: the kept text and what was dropped, in order.</summary>
public sealed record BoilerplateResult(string Text, IReadOnlyList<RemovedText> Removed);
