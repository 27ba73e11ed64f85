using AiGov.IntegrationTests.Watcher.Rig;
using Xunit;

namespace AiGov.IntegrationTests.Watcher;

internal static class WatcherAssertions
{
    /// <summary>Exactly once at the message level with a deterministic id: each file has one document id (a message
    /// repeated after a crash carries the same one), and no two files share an id.</summary>
    public static void OneDocumentIdPerFile(IReadOnlyList<CapturedMessage> messages, IReadOnlyCollection<string> fileNames)
    {
        var byFile = messages.GroupBy(m => m.FileName).ToDictionary(g => g.Key, g => g.Select(m => m.DocumentId).Distinct().ToList());
        var unexpected = byFile.Keys.Except(fileNames).ToList();
        Assert.True(unexpected.Count == 0, $"messages for files never dropped: {string.Join(", ", unexpected.Take(10))}");
        var missing = fileNames.Where(f => !byFile.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} file(s) without a message, e.g. {string.Join(", ", missing.Take(10))}");
        var split = byFile.Where(kv => kv.Value.Count != 1).ToList();
        Assert.True(split.Count == 0, $"{split.Count} file(s) published under more than one document id, e.g. {string.Join(", ", split.Take(5).Select(kv => kv.Key))}");
        Assert.Equal(fileNames.Count, messages.Select(m => m.DocumentId).Distinct().Count());
    }
}
