using System.Runtime.CompilerServices;

namespace AiGov.LanguageDetector;

/// <summary>Packed n-gram key → row: open addressing with linear probing over two flat arrays, at most half full.
/// A <see cref="Dictionary{TKey,TValue}"/> costs ~24 bytes an entry plus its buckets and a slower probe.</summary>
internal sealed class NgramIndex
{
    private readonly ulong[] _slotKeys;
    private readonly int[] _slotRows;
    private readonly int _shift;

    // Runs once over ~1 million keys at start, before tiered compilation would have optimised it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NgramIndex(ReadOnlySpan<ulong> keys)
    {
        var capacity = 16;
        while (capacity < keys.Length * 2)
        {
            capacity *= 2;
        }
        _slotKeys = new ulong[capacity];
        _slotRows = new int[capacity];
        _shift = 64 - int.Log2(capacity);
        for (var row = 0; row < keys.Length; row++)
        {
            // Key 0 marks an empty slot; a key of letters is never 0.
            if (keys[row] == 0)
            {
                throw new ArgumentException("n-gram key 0", nameof(keys));
            }
            var slot = Slot(keys[row]);
            while (_slotKeys[slot] != 0)
            {
                if (_slotKeys[slot] == keys[row])
                {
                    throw new ArgumentException($"duplicate n-gram key {keys[row]:x}", nameof(keys));
                }
                slot = (slot + 1) & (capacity - 1);
            }
            _slotKeys[slot] = keys[row];
            _slotRows[slot] = row;
        }
    }

    /// <summary>The keys in row order, read back from the slots: the model keeps no other copy of them.</summary>
    public ulong[] KeysByRow(int rows)
    {
        var keys = new ulong[rows];
        for (var slot = 0; slot < _slotKeys.Length; slot++)
        {
            if (_slotKeys[slot] != 0)
            {
                keys[_slotRows[slot]] = _slotKeys[slot];
            }
        }
        return keys;
    }

    /// <summary>The key's row, or −1.</summary>
    public int RowOf(ulong key)
    {
        var mask = _slotKeys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var found = _slotKeys[slot];
            if (found == key)
            {
                return _slotRows[slot];
            }
            if (found == 0)
            {
                return -1;
            }
        }
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
