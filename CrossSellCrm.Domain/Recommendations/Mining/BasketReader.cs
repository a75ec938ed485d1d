using System.Globalization;
using System.Runtime.CompilerServices;

namespace CrossSellCrm.Domain.Recommendations.Mining;

/// <summary>
/// The baskets format's reader behind <see cref="BasketFile.ReadBaskets"/>: one pass over blocks of characters, each item
/// looked up where it lies in the block (copied only when a block ends inside it), its id found in an
/// <see cref="ItemTable"/> and appended to an array that is sorted and de-duplicated at the end of the line.
/// </summary>
/// <remarks>
/// Written for a run that reads once and exits (the `mine` verb): the loops are compiled fully optimised at once
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>) and call nothing generic from the framework per character
/// or per item. A general-purpose call there (a dictionary look-up, <c>IndexOfAny</c>, <c>List.Sort</c>) runs as slow
/// first-tier or instrumented code for the first few hundred milliseconds, which is the whole run: on retail.dat
/// (900,000 items) that made reading 0.3 s instead of 0.03 s.
/// </remarks>
internal sealed class BasketReader
{
    /// <summary>What an ASCII character is in each format; every other character is part of an item, or a separator when
    /// <see cref="char.IsWhiteSpace(char)"/> calls it white in the whitespace format.</summary>
    private static readonly bool[] CommaSeparates = SeparatorTable(c => c is ',' or '\r' or '\n');
    private static readonly bool[] WhitespaceSeparates = SeparatorTable(char.IsWhiteSpace);

    private readonly BasketFileLimits _limits;
    private readonly bool _comma;
    private readonly bool[] _separates;
    private readonly ItemTable _items = new();
    private readonly List<int[]> _baskets = [];
    /// <summary>Each line's distinct ids in the order they first appear on it, when asked for (an evaluation hides the last one).</summary>
    private readonly List<int[]>? _inFileOrder;
    /// <summary>The ids of the current line's items in file order, repeats included (the limit counts them).</summary>
    private int[] _basket;
    private int _basketLength;
    /// <summary>An item that a block ended in, until the next block ends it.</summary>
    private readonly char[] _pending;
    private int _pendingLength;
    private int _line = 1;
    private bool _afterCarriageReturn;

    public BasketReader(BasketFileLimits limits, BasketSeparator separator, bool keepFileOrder = false)
    {
        if (keepFileOrder) _inFileOrder = [];
        _limits = limits;
        _comma = separator == BasketSeparator.Comma;
        _separates = _comma ? CommaSeparates : WhitespaceSeparates;
        _basket = new int[Math.Min(limits.MaxBasketItems, 64)];
        _pending = new char[limits.MaxItemLength];
    }

    public int BasketCount => _baskets.Count;

    /// <summary>Reads one block: the items and line ends in it, and the start of an item it ends in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(ReadOnlySpan<char> block)
    {
        var i = 0;
        while (i < block.Length)
        {
            var from = i;
            while (i < block.Length && !Separates(block[i])) i++;
            if (i > from)
            {
                _afterCarriageReturn = false;
                var text = block[from..i];
                if (_pendingLength + text.Length > _pending.Length)
                    throw new BasketFileException(string.Create(CultureInfo.InvariantCulture,
                        $"line {_line} holds an item longer than {_limits.MaxItemLength:N0} characters; is this a file of baskets?"));
                if (i == block.Length)
                {
                    text.CopyTo(_pending.AsSpan(_pendingLength));
                    _pendingLength += text.Length;
                    return;
                }
                if (_pendingLength == 0) AddItem(text);
                else
                {
                    text.CopyTo(_pending.AsSpan(_pendingLength));
                    _pendingLength += text.Length;
                    EndPendingItem();
                }
            }
            else if (_pendingLength > 0) EndPendingItem();

            var end = block[i++];
            if (end is not ('\r' or '\n')) _afterCarriageReturn = false; // between two items
            else if (end == '\n' && _afterCarriageReturn) _afterCarriageReturn = false; // the second half of \r\n
            else
            {
                EndBasket();
                _line++;
                _afterCarriageReturn = end == '\r';
            }
        }
    }

    /// <summary>The end of the input: the last item and line need no line end.</summary>
    public BasketSet Finish()
    {
        if (_pendingLength > 0) EndPendingItem();
        EndBasket();
        if (_baskets.Count == 0) throw new BasketFileException("the file holds no baskets (it is empty or only blank lines).");
        return BasketSet.FromSortedIds([.. _baskets], _items.Names);
    }

    /// <summary>The baskets with each line's items in file order (first occurrences); only when the reader was made to keep it.</summary>
    public IReadOnlyList<int[]> InFileOrder => _inFileOrder ?? throw new InvalidOperationException("The reader was not asked to keep the file's order.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Separates(char c) => c < 128 ? _separates[c] : !_comma && char.IsWhiteSpace(c);

    private void EndPendingItem()
    {
        AddItem(_pending.AsSpan(0, _pendingLength));
        _pendingLength = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddItem(ReadOnlySpan<char> text)
    {
        // Comma items are trimmed ("bread , butter"); whitespace items hold no white characters to trim.
        var name = _comma ? text.Trim() : text;
        if (name.IsEmpty) return;
        if (_basketLength == _limits.MaxBasketItems) throw BasketFile.TooManyItems($"line {_line}", _limits);
        if (_basketLength == _basket.Length) Array.Resize(ref _basket, (int)Math.Min(2L * _basket.Length, _limits.MaxBasketItems));
        _basket[_basketLength++] = _items.IdOf(name);
    }

    /// <summary>The line's items as a basket: distinct ids, ascending (so no later pass over all baskets is needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndBasket()
    {
        if (_basketLength == 0) return;
        var ids = _basket.AsSpan(0, _basketLength);
        _basketLength = 0;
        if (_inFileOrder is not null)
        {
            var seen = new HashSet<int>();
            var ordered = new List<int>(ids.Length);
            foreach (var id in ids)
                if (seen.Add(id)) ordered.Add(id);
            _inFileOrder.Add([.. ordered]);
        }
        SmallSort.Sort(ids);
        var distinct = 1;
        for (var i = 1; i < ids.Length; i++)
            if (ids[i] != ids[distinct - 1]) ids[distinct++] = ids[i];
        _baskets.Add(ids[..distinct].ToArray());
    }

    private static bool[] SeparatorTable(Func<char, bool> separates)
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++) table[c] = separates((char)c);
        return table;
    }

    /// <summary>
    /// Item names and their ids (in order of first appearance), by open addressing. A slot holds the name's hash and id,
    /// and the names' characters lie one after the other in one array: a look-up reads one slot and, when the hashes
    /// agree, one run of characters, instead of chasing an entry, a string reference and the string (three cache misses
    /// per item, most of the reading time on retail.dat). The hash is the runtime's per-process randomised one, so no
    /// file can be made to pile its names into one chain.
    /// </summary>
    private sealed class ItemTable
    {
        private record struct Slot(int Hash, int IdPlusOne);

        /// <summary>A power of two, at most half full; IdPlusOne 0 is an empty slot.</summary>
        private Slot[] _slots = new Slot[1 << 12];
        private char[] _chars = new char[1 << 14];
        /// <summary>Where each id's name starts in <see cref="_chars"/>; the next one's start is where it ends.</summary>
        private int[] _starts = new int[(1 << 11) + 1];
        private int _count;

        public List<string> Names { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int IdOf(ReadOnlySpan<char> name)
        {
            var hash = string.GetHashCode(name);
            var mask = _slots.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var (slotHash, idPlusOne) = _slots[slot];
                if (idPlusOne == 0) return Add(name, hash, slot);
                var id = idPlusOne - 1;
                if (slotHash == hash && name.SequenceEqual(_chars.AsSpan(_starts[id], _starts[id + 1] - _starts[id]))) return id;
            }
        }

        private int Add(ReadOnlySpan<char> name, int hash, int slot)
        {
            var id = _count++;
            Names.Add(name.ToString());
            if (_count == _starts.Length) Array.Resize(ref _starts, 2 * _starts.Length);
            var start = _starts[id];
            if (start + name.Length > _chars.Length) Array.Resize(ref _chars, (int)Math.Min(Math.Max(2L * _chars.Length, start + name.Length), Array.MaxLength));
            name.CopyTo(_chars.AsSpan(start));
            _starts[id + 1] = start + name.Length;
            _slots[slot] = new Slot(hash, id + 1);
            if (2 * _count > _slots.Length) Grow();
            return id;
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new Slot[2 * old.Length];
            var mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry.IdPlusOne == 0) continue;
                var slot = entry.Hash & mask;
                while (_slots[slot].IdPlusOne != 0) slot = (slot + 1) & mask;
                _slots[slot] = entry;
            }
        }
    }
}
