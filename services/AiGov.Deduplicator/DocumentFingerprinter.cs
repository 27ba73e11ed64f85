using AiGov.Infrastructure.Persistence;
using AiGov.Text.Similarity;

namespace AiGov.Deduplicator;

/// <summary>Computes what the index compares: MinHash signature, LSH band keys, story anchors.</summary>
public static class DocumentFingerprinter
{
    public static DedupFingerprint Compute(Guid documentId, string contentSha256, string text)
    {
        var shingles = Shingler.Default.Shingle(text);
        var signature = shingles.Count == 0 ? null : MinHasher.Default.Signature(shingles);
        return new DedupFingerprint
        {
            DocumentId = documentId,
            ContentSha256 = contentSha256,
            Signature = signature,
            BandKeys = signature is null ? [] : LshBanding.Default.Keys(signature),
            AnchorKeys = StoryAnchors.Extract(text).Select(a => unchecked((long)a)).ToArray(),
        };
    }
}
