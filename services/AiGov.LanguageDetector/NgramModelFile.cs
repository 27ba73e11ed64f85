using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace AiGov.LanguageDetector;

/// <summary>The flat binary form of an <see cref="NgramModel"/>, read straight into its arrays (no parsing):
/// <code>
/// "AIGNGRAM" | format version (int) | source fingerprint (length-prefixed UTF-8) | order, languages, rows, layout, scope (int)
/// | each language code (length-prefixed UTF-8) | keys (rows × ulong)
/// | dense: values (rows × stride × short)
/// | sparse: floors (languages × short), entry count (int), offsets ((rows + 1) × int), entry languages (byte),
///   entry values (ushort)
/// | checksum (ulong) of everything before it
/// </code>
/// Little-endian, the byte order of every machine .NET runs this on.</summary>
public static class NgramModelFile
{
    /// <summary>Bump when the layout or the meaning of the values changes: older files are then stale.</summary>
    public const int FormatVersion = 4;

    private static readonly byte[] s_magic = "AIGNGRAM"u8.ToArray();

    public static void Write(Stream stream, NgramModel model, string fingerprint)
    {
        var checksum = new Checksum();
        WriteBytes(stream, s_magic, ref checksum);
        WriteInt(stream, FormatVersion, ref checksum);
        WriteString(stream, fingerprint, ref checksum);
        WriteInt(stream, model.Order, ref checksum);
        WriteInt(stream, model.Codes.Count, ref checksum);
        WriteInt(stream, model.NgramCount, ref checksum);
        WriteInt(stream, (int)model.Layout, ref checksum);
        WriteInt(stream, (int)model.Scope, ref checksum);
        foreach (var code in model.Codes)
        {
            WriteString(stream, code, ref checksum);
        }
        WriteBytes(stream, MemoryMarshal.AsBytes(model.Keys), ref checksum);
        if (model.Layout is NgramLayout.Dense)
        {
            WriteBytes(stream, MemoryMarshal.AsBytes(model.Rows), ref checksum);
        }
        else
        {
            WriteBytes(stream, MemoryMarshal.AsBytes(model.Floors), ref checksum);
            WriteInt(stream, model.EntryLanguages.Length, ref checksum);
            WriteBytes(stream, MemoryMarshal.AsBytes(model.Offsets), ref checksum);
            WriteBytes(stream, model.EntryLanguages, ref checksum);
            WriteBytes(stream, MemoryMarshal.AsBytes(model.EntryValues), ref checksum);
        }
        Span<byte> end = stackalloc byte[sizeof(ulong)];
        BitConverter.TryWriteBytes(end, checksum.Value);
        stream.Write(end);
    }

    /// <summary>The model in the file, or null (with the reason) if the file is not a whole, uncorrupted model of
    /// this format built from the source with this <paramref name="fingerprint"/>.</summary>
    public static NgramModel? TryRead(Stream stream, string fingerprint, out string? problem)
    {
        try
        {
            var checksum = new Checksum();
            var magic = ReadBytes(stream, s_magic.Length, ref checksum);
            if (!magic.AsSpan().SequenceEqual(s_magic))
            {
                problem = "not a model file";
                return null;
            }
            if (ReadInt(stream, ref checksum) is var version and not FormatVersion)
            {
                problem = $"format version {version}, expected {FormatVersion}";
                return null;
            }
            if (ReadString(stream, ref checksum) is var source && source != fingerprint)
            {
                problem = $"built from '{source}', expected '{fingerprint}'";
                return null;
            }
            var order = ReadInt(stream, ref checksum);
            var languages = ReadInt(stream, ref checksum);
            var rows = ReadInt(stream, ref checksum);
            var layout = (NgramLayout)ReadInt(stream, ref checksum);
            var scope = (NgramScope)ReadInt(stream, ref checksum);
            var stride = NgramModel.StrideFor(languages);
            var left = stream.Length - stream.Position;
            if (order is < 1 or > NgramModel.MaximumOrder || languages is < 1 or > byte.MaxValue || rows < 0
                || layout is not (NgramLayout.Dense or NgramLayout.Sparse) || scope is not (NgramScope.Sliding or NgramScope.ShortWords)
                || (long)rows * (sizeof(ulong) + (layout is NgramLayout.Dense ? stride * sizeof(short) : sizeof(int))) > left)
            {
                problem = "header out of range";
                return null;
            }
            var codes = new string[languages];
            for (var i = 0; i < languages; i++)
            {
                codes[i] = ReadString(stream, ref checksum);
            }
            var keys = new ulong[rows];
            ReadInto(stream, MemoryMarshal.AsBytes(keys.AsSpan()), ref checksum);
            if (layout is NgramLayout.Dense)
            {
                var values = new short[rows * stride];
                ReadInto(stream, MemoryMarshal.AsBytes(values.AsSpan()), ref checksum);
                return VerifyChecksum(stream, checksum, out problem) ? new NgramModel(codes, order, keys, values, scope) : null;
            }
            var floors = new short[languages];
            ReadInto(stream, MemoryMarshal.AsBytes(floors.AsSpan()), ref checksum);
            var entries = ReadInt(stream, ref checksum);
            if (entries < 0 || (long)entries * (sizeof(byte) + sizeof(ushort)) > stream.Length - stream.Position)
            {
                problem = "entry count out of range";
                return null;
            }
            var offsets = new int[rows + 1];
            var entryLanguages = new byte[entries];
            var entryValues = new ushort[entries];
            ReadInto(stream, MemoryMarshal.AsBytes(offsets.AsSpan()), ref checksum);
            ReadInto(stream, entryLanguages, ref checksum);
            ReadInto(stream, MemoryMarshal.AsBytes(entryValues.AsSpan()), ref checksum);
            return VerifyChecksum(stream, checksum, out problem)
                ? new NgramModel(codes, order, keys, floors, offsets, entryLanguages, entryValues, scope)
                : null;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or DecoderFallbackException)
        {
            problem = e.Message;
            return null;
        }
    }

    private static bool VerifyChecksum(Stream stream, Checksum checksum, out string? problem)
    {
        Span<byte> end = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(end);
        problem = BitConverter.ToUInt64(end) != checksum.Value || stream.Position != stream.Length ? "checksum mismatch" : null;
        return problem is null;
    }

    private static void WriteInt(Stream stream, int value, ref Checksum checksum)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(bytes, value);
        WriteBytes(stream, bytes, ref checksum);
    }

    private static void WriteString(Stream stream, string value, ref Checksum checksum)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt(stream, bytes.Length, ref checksum);
        WriteBytes(stream, bytes, ref checksum);
    }

    private static void WriteBytes(Stream stream, ReadOnlySpan<byte> bytes, ref Checksum checksum)
    {
        checksum.Add(bytes);
        stream.Write(bytes);
    }

    private static int ReadInt(Stream stream, ref Checksum checksum) =>
        BitConverter.ToInt32(ReadBytes(stream, sizeof(int), ref checksum));

    private static string ReadString(Stream stream, ref Checksum checksum)
    {
        var length = ReadInt(stream, ref checksum);
        if (length is < 0 or > 4096)
        {
            throw new ArgumentException($"string of {length} bytes");
        }
        return new UTF8Encoding(false, true).GetString(ReadBytes(stream, length, ref checksum));
    }

    private static byte[] ReadBytes(Stream stream, int count, ref Checksum checksum)
    {
        var bytes = new byte[count];
        ReadInto(stream, bytes, ref checksum);
        return bytes;
    }

    private static void ReadInto(Stream stream, Span<byte> bytes, ref Checksum checksum)
    {
        stream.ReadExactly(bytes);
        checksum.Add(bytes);
    }

    /// <summary>FNV-1a over 64-bit words (then the tail bytes): every step is a bijection of the running value, so
    /// a changed word always changes the result, and it runs at memory speed.</summary>
    private struct Checksum()
    {
        private const ulong Prime = 0x100000001B3UL;

        public ulong Value { get; private set; } = 0xCBF29CE484222325UL;

        // Runs once over ~50 MB at start, before tiered compilation would have optimised it.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<byte> bytes)
        {
            var value = Value;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words)
            {
                value = (value ^ word) * Prime;
            }
            foreach (var b in bytes[(words.Length * sizeof(ulong))..])
            {
                value = (value ^ b) * Prime;
            }
            Value = value;
        }
    }
}
