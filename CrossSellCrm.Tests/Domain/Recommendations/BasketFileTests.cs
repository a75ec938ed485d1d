using System.Diagnostics;
using System.Text;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class BasketFileTests
{
    private static string[][] Names(BasketSet set) => set.Baskets.Select(b => b.Select(i => set.ItemNames[i]).ToArray()).ToArray();

    [Fact]
    public void ReadBaskets_SpacesEmptyItemsBlankLinesAndLineEnds_AreReadAsBefore()
    {
        var set = BasketFile.ReadBaskets(new StringReader(" bread , butter,,jam \r\n\r\n\nmilk\rtea, \n ,\ncoffee"));
        Assert.Equal([["bread", "butter", "jam"], ["milk"], ["tea"], ["coffee"]], Names(set));
    }

    [Fact]
    public void ReadBaskets_RepeatedItem_CountsOnceWithIdsInOrderOfFirstAppearance()
    {
        var set = BasketFile.ReadBaskets(new StringReader("tea,bread,tea\nbread,jam,bread"));
        Assert.Equal(["tea", "bread", "jam"], set.ItemNames);
        Assert.Equal([[0, 1], [1, 2]], set.Baskets);
    }

    [Fact]
    public void ReadBaskets_BasketOverTheLimit_NamesItsLineCountingCrLfOnce()
    {
        var text = "a,b\r\nc\r\nd,e,f,g\r\n";
        var e = Assert.Throws<BasketFileException>(() => BasketFile.ReadBaskets(new StringReader(text), new BasketFileLimits { MaxBasketItems = 3 }));
        Assert.Equal("line 3 holds more than 3 items (--max-basket-items 3); raise --max-basket-items if such baskets are real.", e.Message);
    }

    [Fact]
    public void ReadBaskets_ItemLongerThanAnyName_IsRefused()
    {
        var text = "a,b\n" + new string('x', 2_000) + "\n";
        var e = Assert.Throws<BasketFileException>(() => BasketFile.ReadBaskets(new StringReader(text)));
        Assert.StartsWith("line 2 holds an item longer than 1,000 characters", e.Message);
    }

    [Fact]
    public void ReadBaskets_EndlessInput_StopsWhenCancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => BasketFile.ReadBaskets(new EndlessBaskets(), ct: stop.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void ReadBaskets_WhitespaceSeparated_TabsRunsOfSpacesTrailingSpaceAndEmptyLines()
    {
        // As in the FIMI files (retail.dat): no comma anywhere, so Auto reads whitespace.
        var set = BasketFile.ReadBaskets(new StringReader("1 2  3 \n\n\t4\t\t5\r\n \r\n6 \u00A07\n8"));
        Assert.Equal([["1", "2", "3"], ["4", "5"], ["6", "7"], ["8"]], Names(set));
    }

    [Fact]
    public void ReadBaskets_Auto_ACommaInTheFirstBlockMeansCommas()
    {
        var set = BasketFile.ReadBaskets(new StringReader("mineral water\nbread, whole wheat pasta\n"));
        Assert.Equal([["mineral water"], ["bread", "whole wheat pasta"]], Names(set));
    }

    [Fact]
    public void ReadBaskets_SeparatorGiven_OverridesAuto()
    {
        Assert.Equal([["a,b", "c"]], Names(BasketFile.ReadBaskets(new StringReader("a,b c"), separator: BasketSeparator.Whitespace)));
        Assert.Equal([["mineral water"], ["tea"]], Names(BasketFile.ReadBaskets(new StringReader("mineral water\ntea"), separator: BasketSeparator.Comma)));
    }

    [Fact]
    public void ReadBaskets_WhitespaceAcrossBlocks_ReadsTheSameBasketsAsCommas()
    {
        // Far more than one 64K block, so that items and line ends fall on the block boundaries.
        var random = new Random(5);
        var lines = Enumerable.Range(0, 30_000).Select(_ => Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(5_000).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        var spaces = string.Join("\r\n", lines.Select(l => string.Join(random.Next(2) == 0 ? " " : " \t ", l) + " "));
        var commas = string.Join("\n", lines.Select(l => string.Join(',', l)));
        Assert.True(spaces.Length > 3 * BasketFile.AutoSeparatorWindow);
        var fromSpaces = BasketFile.ReadBaskets(new StringReader(spaces));
        var fromCommas = BasketFile.ReadBaskets(new StringReader(commas));
        Assert.Equal(fromCommas.ItemNames, fromSpaces.ItemNames);
        Assert.Equal(fromCommas.Baskets, fromSpaces.Baskets);
    }

    [Fact]
    public void ReadBaskets_WhitespaceBasketOverTheLimit_NamesItsLine()
    {
        var e = Assert.Throws<BasketFileException>(() =>
            BasketFile.ReadBaskets(new StringReader("a b\r\nc\r\nd e\tf g\r\n"), new BasketFileLimits { MaxBasketItems = 3 }));
        Assert.Equal("line 3 holds more than 3 items (--max-basket-items 3); raise --max-basket-items if such baskets are real.", e.Message);
        var longItem = Assert.Throws<BasketFileException>(() => BasketFile.ReadBaskets(new StringReader("a b\n" + new string('x', 2_000))));
        Assert.StartsWith("line 2 holds an item longer than 1,000 characters", longItem.Message);
    }

    [Fact]
    public void ReadTransactions_TransactionOverTheLimit_IsRefused()
    {
        var text = "Transaction,Item\n1,a\n2,a\n2,b\n2,c\n1,b\n";
        var e = Assert.Throws<BasketFileException>(() => BasketFile.ReadTransactions(new StringReader(text), "Transaction", "Item", limits: new BasketFileLimits { MaxBasketItems = 2 }));
        Assert.Equal("transaction '2' (line 5) holds more than 2 items (--max-basket-items 2); raise --max-basket-items if such baskets are real.", e.Message);
    }

    [Fact]
    public void ReadTransactions_OverlongLine_IsRefused()
    {
        var text = "Transaction,Item\n1,a\n2," + new string('x', 200_000) + "\n";
        var e = Assert.Throws<BasketFileException>(() => BasketFile.ReadTransactions(new StringReader(text), "Transaction", "Item"));
        Assert.Contains("lines may be at most 100,000 characters", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "a PNG image")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x12, 0x34 }, "a gzip archive")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "a ZIP archive (also .xlsx, .docx)")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01 }, "a program (ELF)")]
    public void BinaryFormatOf_KnownSignature_IsNamed(byte[] head, string expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, head);
            Assert.Equal(expected, BasketFile.BinaryFormatOf(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BinaryFormatOf_TextWithAStrayNulOrUtf16_IsText()
    {
        var path = Path.GetTempFileName();
        try
        {
            // A real data set once held one stray NUL byte; it is still a text file.
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("bread,butter\n", 500))), 0, .. "jam\n"u8]);
            Assert.Null(BasketFile.BinaryFormatOf(path));
            File.WriteAllText(path, "bread,butter\njam\n", Encoding.Unicode); // with its byte order mark
            Assert.Null(BasketFile.BinaryFormatOf(path));
            File.WriteAllText(path, "");
            Assert.Null(BasketFile.BinaryFormatOf(path));
        }
        finally { File.Delete(path); }
    }

    /// <summary>"a,b,c" lines without end, as a pipe that never closes would give.</summary>
    private sealed class EndlessBaskets : TextReader
    {
        private const string Line = "bread,butter,jam\n";
        private int _at;

        public override int Read(Span<char> buffer)
        {
            for (var i = 0; i < buffer.Length; i++, _at = (_at + 1) % Line.Length) buffer[i] = Line[_at];
            return buffer.Length;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
        public override int Peek() => Line[_at];
        public override int Read()
        {
            var c = Line[_at];
            _at = (_at + 1) % Line.Length;
            return c;
        }
    }
}
