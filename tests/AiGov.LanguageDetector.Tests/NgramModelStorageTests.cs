using Lingua;

namespace AiGov.LanguageDetector.Tests;

public sealed class NgramModelStorageTests : IDisposable
{
    private static readonly Language[] s_languages = [Language.Indonesian, Language.Malay];
    private static readonly NgramTable s_table = new(s_languages, 3, NgramEstimate.Joint, NgramLayout.Dense);
    private static readonly string s_fingerprint = s_table.Fingerprint;
    private static readonly Lazy<(NgramModel Model, byte[] File)> s_built = new(() =>
    {
        var model = NgramModelBuilder.Build(s_languages, 3);
        using var stream = new MemoryStream();
        NgramModelFile.Write(stream, model, s_fingerprint);
        return (model, stream.ToArray());
    });

    private static readonly string[] s_texts =
    [
        "Perusahaan wajib menjelaskan kepada warga bagaimana sebuah algoritme mengambil keputusan tentang mereka.",
        "Kerajaan akan memperkenalkan undang-undang baharu mengenai kecerdasan buatan tahun hadapan.",
        "AI Act",
        string.Concat(Enumerable.Repeat("kecerdasan buatan ", 10_000)),
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aigov-ngrams-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ATableWrittenAndReadBack_HasTheSameContent_AndGivesIdenticalScores()
    {
        var (built, file) = s_built.Value;
        var read = NgramModelFile.TryRead(new MemoryStream(file), s_fingerprint, out var problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal(built.Codes, read.Codes);
        Assert.Equal(built.Order, read.Order);
        Assert.True(built.Keys.SequenceEqual(read.Keys));
        Assert.True(built.Rows.SequenceEqual(read.Rows));
        Assert.All(s_texts, text => Assert.Equal(built.Score(text), read.Score(text)));
    }

    [Fact]
    public void Build_ScoresOnlyTheLanguagesItWasGiven_AndNothingWithoutLetters()
    {
        var model = s_built.Value.Model;
        Assert.Contains(model.Score(s_texts[0]).Code, model.Codes);
        Assert.InRange(model.Score(s_texts[0]).Ngrams, 50, 200);
        Assert.Equal(["id", "ms"], model.Codes);
        Assert.Equal(0, model.Score("123 !!").Ngrams);
    }

    public static TheoryData<NgramEstimate, NgramLayout, NgramScope, int> Kinds => new()
    {
        { NgramEstimate.Joint, NgramLayout.Sparse, NgramScope.Sliding, 4 },
        { NgramEstimate.ConditionalBackOff, NgramLayout.Dense, NgramScope.Sliding, 4 },
        { NgramEstimate.Joint, NgramLayout.Dense, NgramScope.ShortWords, 2 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindOfTable_WrittenAndReadBack_HasTheSameContent_AndGivesIdenticalScores(NgramEstimate estimate, NgramLayout layout, NgramScope scope, int order)
    {
        var table = new NgramTable(s_languages, order, estimate, layout, scope);
        var built = NgramModelBuilder.Build(table);
        using var stream = new MemoryStream();
        NgramModelFile.Write(stream, built, table.Fingerprint);

        var read = NgramModelFile.TryRead(new MemoryStream(stream.ToArray()), table.Fingerprint, out var problem);

        Assert.Null(problem);
        Assert.NotNull(read);
        Assert.Equal((layout, scope, order), (read.Layout, read.Scope, read.Order));
        Assert.True(built.Keys.SequenceEqual(read.Keys));
        Assert.True(built.Rows.SequenceEqual(read.Rows));
        Assert.True(built.Floors.SequenceEqual(read.Floors));
        Assert.True(built.Offsets.SequenceEqual(read.Offsets));
        Assert.True(built.EntryLanguages.SequenceEqual(read.EntryLanguages));
        Assert.True(built.EntryValues.SequenceEqual(read.EntryValues));
        Assert.All(s_texts, text => Assert.Equal(built.Score(text), read.Score(text)));
        Assert.NotEqual(0, s_texts.Sum(text => built.Score(text).Ngrams));
    }

    [Fact]
    public void ASparseTable_ScoresExactlyAsTheDenseTableOfTheSameNgrams()
    {
        var dense = NgramModelBuilder.Build(new NgramTable(s_languages, 4, NgramEstimate.Joint, NgramLayout.Dense));
        var sparse = NgramModelBuilder.Build(new NgramTable(s_languages, 4, NgramEstimate.Joint, NgramLayout.Sparse));

        Assert.True(sparse.EntryLanguages.Length < dense.Rows.Length);
        Assert.All(s_texts, text => Assert.Equal(dense.Score(text), sparse.Score(text)));
    }

    [Fact]
    public void AShortWordsTable_ScoresOnlyWholeWordsOfItsLength()
    {
        var words = NgramModelBuilder.Build(new NgramTable(s_languages, 2, NgramEstimate.Joint, NgramLayout.Dense, NgramScope.ShortWords));

        Assert.Equal(3, words.Score("di ke dan yang, ia").Ngrams);
        Assert.Equal(1, words.Score("ke").Ngrams);
        Assert.Equal(0, words.Score("kecerdasan buatan").Ngrams);
    }

    [Fact]
    public void ConditionalBackOff_GivesAnNgramALanguageNeverShowed_ItsLongestKnownPrefix()
    {
        // Between relatives almost every quadrigram is known to both; those that are not must not sink a language.
        var conditional = NgramModelBuilder.Build(new NgramTable(s_languages, 4, NgramEstimate.ConditionalBackOff, NgramLayout.Dense));
        var rows = conditional.Rows.ToArray();

        Assert.All(Enumerable.Range(0, conditional.NgramCount), row =>
            Assert.All(Enumerable.Range(0, 2), language => Assert.InRange(rows[row * conditional.Stride + language], -25 * NgramModel.Scale, 0)));
    }

    public static TheoryData<string> Damages => new() { "flipped byte", "truncated", "empty", "garbage", "other version", "stale fingerprint" };

    [Theory]
    [MemberData(nameof(Damages))]
    public void TryRead_RejectsAFile_ThatIsCorruptOrStale(string damage)
    {
        var model = NgramModelFile.TryRead(new MemoryStream(Damaged(s_built.Value.File, damage)), s_fingerprint, out var problem);

        Assert.Null(model);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void GetOrBuild_RebuildsAndReplaces_ACorruptOrStaleCacheFile(string damage)
    {
        var (built, file) = s_built.Value;
        var path = Path.Combine(_directory, s_table.FileName);
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(path, Damaged(file, damage));

        var model = new NgramModelCache(_directory).GetOrBuild(s_languages, 3);

        Assert.All(s_texts, text => Assert.Equal(built.Score(text), model.Score(text)));
        Assert.Equal(file, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void GetOrBuild_WritesAMissingFile_AndReadsItTheNextTime()
    {
        var (built, file) = s_built.Value;
        var cache = new NgramModelCache(Path.Combine(_directory, "not", "there", "yet"));
        var path = Path.Combine(cache.Directory, s_table.FileName);

        cache.GetOrBuild(s_languages, 3);
        Assert.Equal(file, File.ReadAllBytes(path));
        var writtenAt = File.GetLastWriteTimeUtc(path);

        var again = cache.GetOrBuild(s_languages, 3);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(path));
        Assert.All(s_texts, text => Assert.Equal(built.Score(text), again.Score(text)));
    }

    [Fact]
    public void TheBuildStep_WroteEveryTable_CurrentAndWhole()
    {
        foreach (var table in ScriptModels.Tables)
        {
            var path = Path.Combine(NgramModelCache.DefaultDirectory, table.FileName);
            using var stream = File.OpenRead(path);
            var model = NgramModelFile.TryRead(stream, table.Fingerprint, out var problem);
            Assert.True(model is not null, $"{path}: {problem}");
            Assert.Equal(table.Codes, model.Codes);
            Assert.Equal(table.Order, model.Order);
            Assert.Equal(table.Layout, model.Layout);
        }
    }

    private static byte[] Damaged(byte[] file, string damage)
    {
        var bytes = (byte[])file.Clone();
        switch (damage)
        {
            case "flipped byte":
                bytes[bytes.Length * 2 / 3] ^= 0x10;
                return bytes;
            case "truncated":
                return bytes[..(bytes.Length / 2)];
            case "empty":
                return [];
            case "garbage":
                return [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))];
            case "other version":
                BitConverter.TryWriteBytes(bytes.AsSpan(8), NgramModelFile.FormatVersion + 1);
                return bytes;
            case "stale fingerprint":
                using (var stream = new MemoryStream())
                {
                    NgramModelFile.Write(stream, s_built.Value.Model, s_fingerprint.Replace("lingua ", "lingua 0.", StringComparison.Ordinal));
                    return stream.ToArray();
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }
}
