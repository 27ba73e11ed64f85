namespace AiGov.Contracts;

/// <summary>The stage queues of the observable contract.</summary>
public static class QueueNames
{
    public const string Cleaning = "cleaning";
    public const string LanguageDetection = "language-detection";
    public const string Deduplication = "deduplication";
    public const string Storage = "storage";

    public static readonly IReadOnlyList<string> All = [Cleaning, LanguageDetection, Deduplication, Storage];
}
