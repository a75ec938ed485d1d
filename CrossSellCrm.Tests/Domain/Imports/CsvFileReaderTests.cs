using System.Text;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Integration.Imports;

namespace CrossSellCrm.Tests.Domain.Imports;

public class CsvFileReaderTests
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private static CsvFileReader Open(byte[] bytes) => CsvFileReader.Open(new MemoryStream(bytes));

    private static CsvFileReader Open(string text) => Open(Utf8.GetBytes(text));

    private static List<CsvRecord> ReadAll(CsvFileReader reader)
    {
        var records = new List<CsvRecord>();
        while (reader.Read() is { } record) records.Add(record);
        return records;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void Utf8WithByteOrderMark_MarkIsNotPartOfTheFirstHeader_UmlautsRead()
    {
        using var csv = Open(Concat([0xEF, 0xBB, 0xBF], Utf8.GetBytes("Name,City\nMüller,Köln\n")));
        Assert.Equal("utf-8", csv.Dialect.EncodingName);
        Assert.True(csv.Dialect.HasByteOrderMark);
        Assert.Equal(',', csv.Dialect.Separator);
        Assert.Equal(["Name", "City"], csv.Header);
        var record = Assert.Single(ReadAll(csv));
        Assert.Equal(["Müller", "Köln"], record.Fields);
        Assert.Equal(2, record.Line);
        Assert.Null(record.Problem);
    }

    [Fact]
    public void Utf8WithoutByteOrderMark_Umlauts_ReadAsUtf8()
    {
        using var csv = Open("Kunde;Straße\n1;Größenweg ü\n2;Ärzteplatz\n");
        Assert.Equal("utf-8", csv.Dialect.EncodingName);
        Assert.False(csv.Dialect.HasByteOrderMark);
        Assert.Equal(';', csv.Dialect.Separator);
        Assert.Equal(["Kunde", "Straße"], csv.Header);
        Assert.Equal([["1", "Größenweg ü"], ["2", "Ärzteplatz"]], ReadAll(csv).Select(r => r.Fields));
    }

    [Fact]
    public void Utf8WithoutMark_SampleEndsInsideATwoByteCharacter_StillUtf8()
    {
        // The encoding is judged on the first 64 KiB: here that sample ends between the two bytes of "ü".
        var text = new StringBuilder("id,text\n");
        var n = 1;
        while (text.Length < 65_000) text.Append(n++).Append(",Zeile ").Append('a', 20).Append('\n');
        var last = $"{n},";
        var pad = 65_535 - text.Length - last.Length;
        text.Append(last).Append('a', pad).Append("ü\n").Append(n + 1).Append(",Müller\n");
        var bytes = Utf8.GetBytes(text.ToString());
        Assert.Equal(0xC3, bytes[65_535]);
        Assert.Equal(0xBC, bytes[65_536]);
        using var csv = Open(bytes);
        Assert.Equal("utf-8", csv.Dialect.EncodingName);
        var records = ReadAll(csv);
        Assert.Equal(n + 1, records.Count);
        Assert.EndsWith("aü", records[^2].Fields[1]);
        Assert.Equal([(n + 1).ToString(), "Müller"], records[^1].Fields);
    }

    [Fact]
    public void Windows1252_UmlautAndEuroSign_DecodedRight()
    {
        // "Müller" with ü as 0xFC, "5 €" with € as 0x80, "Straße" with ß as 0xDF: what German Excel writes.
        byte[] bytes = Concat(Encoding.ASCII.GetBytes("Name;Preis;Ort\r\nM"), [0xFC], Encoding.ASCII.GetBytes("ller;5 "), [0x80],
            Encoding.ASCII.GetBytes(";Stra"), [0xDF], Encoding.ASCII.GetBytes("e\r\n"));
        using var csv = Open(bytes);
        Assert.Equal("windows-1252", csv.Dialect.EncodingName);
        Assert.False(csv.Dialect.HasByteOrderMark);
        Assert.Equal(';', csv.Dialect.Separator);
        var record = Assert.Single(ReadAll(csv));
        Assert.Equal(["Müller", "5 €", "Straße"], record.Fields);
    }

    /// <summary>A whole file ending in a Windows-1252 letter such as é (a UTF-8 lead byte) is no cut-off UTF-8 sample: "Café" stays "Café".</summary>
    [Fact]
    public void Windows1252_FileEndingInAnAccentedLetter_DecodedAsWindows1252()
    {
        byte[] bytes = Concat(Encoding.ASCII.GetBytes("Name;Ort\r\n1;Caf"), [0xE9]);
        using var csv = Open(bytes);
        Assert.Equal("windows-1252", csv.Dialect.EncodingName);
        Assert.Equal(["1", "Café"], Assert.Single(ReadAll(csv)).Fields);
    }

    [Fact]
    public void Utf16LittleEndianWithMark_TabSeparated_Read()
    {
        var bytes = Concat(Encoding.Unicode.GetPreamble(), Encoding.Unicode.GetBytes("Name\tOrt\r\nMüller\tKöln\r\nŁukasz\tGdańsk\r\n"));
        using var csv = Open(bytes);
        Assert.Equal("utf-16", csv.Dialect.EncodingName);
        Assert.True(csv.Dialect.HasByteOrderMark);
        Assert.Equal('\t', csv.Dialect.Separator);
        Assert.Equal(["Name", "Ort"], csv.Header);
        var records = ReadAll(csv);
        Assert.Equal([["Müller", "Köln"], ["Łukasz", "Gdańsk"]], records.Select(r => r.Fields));
        Assert.Equal([2L, 3L], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("\"x;y;z\",b,c\n1,2,3\n", ',')]          // separators inside quotes do not count
    [InlineData("\"x,y,z\";b;c\n1;2;3\n", ';')]
    [InlineData("Menge;Preis;Ort\n1;2,5;3\n", ';')]      // a decimal comma in the data does not count: the header decides
    public void Separator_TakenFromTheHeaderLineOutsideQuotes(string text, char expected)
    {
        using var csv = Open(text);
        Assert.Equal(expected, csv.Dialect.Separator);
        Assert.Equal(3, csv.Header.Count);
        Assert.Equal(3, Assert.Single(ReadAll(csv)).Fields.Length);
    }

    [Fact]
    public void Separator_GivenByTheCaller_WinsOverDetection()
    {
        using var csv = CsvFileReader.Open(new MemoryStream(Utf8.GetBytes("a;b,c\n1;2,3\n")), ';');
        Assert.Equal(';', csv.Dialect.Separator);
        Assert.Equal(["a", "b,c"], csv.Header);
    }

    [Fact]
    public void QuotedFields_SeparatorsQuotesAndLineBreaksInside_LineNumbersOfLaterRecordsArePhysicalLines()
    {
        var text =
            "id,text,n\r\n" +                      // line 1
            "1,\"a,b\",x\r\n" +                    // line 2
            "2,\"say \"\"hi\"\"\",y\r\n" +         // line 3
            "3,\"two\r\nlines\",z\r\n" +           // lines 4-5 (CRLF inside)
            "4,\"three\nlines\nhere\",w\n" +       // lines 6-8 (LF inside)
            "5,plain,v\n" +                        // line 9
            "6,\"\",\"\"\"\"\n";                   // line 10: an empty quoted field, a field that is one quote
        using var csv = Open(text);
        var records = ReadAll(csv);
        Assert.Equal([2L, 3L, 4L, 6L, 9L, 10L], records.Select(r => r.Line));
        Assert.Equal(["1", "a,b", "x"], records[0].Fields);
        Assert.Equal(["2", "say \"hi\"", "y"], records[1].Fields);
        Assert.Equal(["3", "two\r\nlines", "z"], records[2].Fields);
        Assert.Equal(["4", "three\nlines\nhere", "w"], records[3].Fields);
        Assert.Equal(["5", "plain", "v"], records[4].Fields);
        Assert.Equal(["6", "", "\""], records[5].Fields);
        Assert.All(records, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void BlankLines_AreSkipped_LineNumbersStillCountThem()
    {
        using var csv = Open("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
        var records = ReadAll(csv);
        Assert.Equal([["1", "2"], ["3", "4"]], records.Select(r => r.Fields));
        Assert.Equal([3L, 6L], records.Select(r => r.Line));
    }

    [Fact]
    public void LastRecordWithoutLineBreak_IsRead()
    {
        using var csv = Open("a,b\r\n1,2\r\n3,4");
        Assert.Equal([["1", "2"], ["3", "4"]], ReadAll(csv).Select(r => r.Fields));
    }

    [Fact]
    public void FieldOfExactlyTheLimit_IsNoProblem_OneCharacterMoreIs()
    {
        using var _ = ImportTest.English();
        var limit = new string('x', CsvFileReader.MaxFieldLength);
        using var csv = Open($"id,text\n1,{limit}\n2,{limit}y\n");
        var records = ReadAll(csv);
        Assert.Null(records[0].Problem);
        Assert.Equal(limit, records[0].Fields[1]);
        Assert.Equal("A field is longer than 32,768 characters.", records[1].Problem);
    }

    [Fact]
    public void Field_OfHundredThousandCharacters_IsTheRecordsProblem_FollowingRecordsReadRight()
    {
        using var _ = ImportTest.English();
        var huge = new string('x', 100_000);
        var text = "id,text,n\n" +
                   "1,short,a\n" +                                       // line 2
                   $"2,{huge},b\n" +                                     // line 3: unquoted
                   "3,after,c\n" +                                       // line 4
                   $"4,\"{huge[..50_000]}\n{huge[..50_000]}\",d\n" +     // lines 5-6: quoted, with a line break
                   "5,\"last, really\",e\n";                             // line 7
        using var csv = Open(text);
        var records = ReadAll(csv);
        Assert.Equal([2L, 3L, 4L, 5L, 7L], records.Select(r => r.Line));
        Assert.Null(records[0].Problem);
        Assert.Equal("A field is longer than 32,768 characters.", records[1].Problem);
        Assert.Equal("2", records[1].Fields[0]);
        Assert.Equal("b", records[1].Fields[2]);
        Assert.Equal(["3", "after", "c"], records[2].Fields);
        Assert.Null(records[2].Problem);
        Assert.Equal("A field is longer than 32,768 characters.", records[3].Problem);
        Assert.Equal("d", records[3].Fields[2]);
        Assert.Equal(["5", "last, really", "e"], records[4].Fields);
        Assert.Null(records[4].Problem);
    }

    /// <summary>A long quoted field with line breaks that is closed is read to its end (too long, but one record), not as records of its own.</summary>
    [Fact]
    public void LongClosedQuotedFieldWithLineBreaks_IsReadToItsEnd()
    {
        using var _ = ImportTest.English();
        var line = new string('x', 999);
        var longField = string.Join("\n", Enumerable.Repeat(line, 1_100)); // 1.1 million characters, 1,099 line breaks
        var text = $"id,text\n1,\"{longField}\"\n2,after\n";
        using var csv = Open(text);
        var records = ReadAll(csv);
        Assert.Equal("A field is longer than 32,768 characters.", records[0].Problem);
        Assert.Equal(2, records.Count);
        Assert.Equal(["2", "after"], records[1].Fields);
        Assert.Equal(2L + 1_100, records[1].Line);
    }

    [Fact]
    public void RecordWithMoreThanTheMaximumOfFields_IsTheRecordsProblem_FieldsCutToTheMaximum()
    {
        using var _ = ImportTest.English();
        var wide = string.Join(",", Enumerable.Range(0, 600));
        using var csv = Open($"a,b\n{wide}\n1,2\n");
        var records = ReadAll(csv);
        Assert.Equal("The row has more than 512 fields.", records[0].Problem);
        Assert.Equal(CsvFileReader.MaxFields, records[0].Fields.Length);
        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Null(records[1].Problem);
    }

    [Fact]
    public void QuoteNeverClosed_IsTheRecordsProblem_NamingTheLineItOpened()
    {
        using var _ = ImportTest.English();
        using var csv = Open("a,b\n1,ok\n2,\"open\n3,x\n");
        var records = ReadAll(csv);
        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Problem);
        Assert.Equal(3L, records[1].Line);
        Assert.Equal("A quote opened in line 3 is never closed.", records[1].Problem);
        Assert.Null(csv.Read());
    }

    [Fact]
    public void EmptyFile_Throws()
    {
        using var _ = ImportTest.English();
        var e = Assert.Throws<ImportFileException>(() => Open(Array.Empty<byte>()));
        Assert.Equal("The file is empty.", e.Message);
        using var file = TempFile.Of(Array.Empty<byte>());
        Assert.Equal("The file is empty.", Assert.Throws<ImportFileException>(() => CsvFileReader.Open(file.Path)).Message);
    }

    public static TheoryData<string, byte[]> BinaryFiles() => new()
    {
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00] },
        { "zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00, 0x6E, 0x61, 0x6D, 0x65, 0x2E, 0x63, 0x73, 0x76] },
        { "csv with a NUL", Encoding.ASCII.GetBytes("a,b\n1,2\0\n") },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public void BinaryFile_Throws(string what, byte[] bytes)
    {
        using var _ = ImportTest.English();
        var e = Assert.Throws<ImportFileException>(() => Open(bytes));
        Assert.True(e.Message == "The file is not a text file (it holds binary data): export it as CSV.", what + ": " + e.Message);
    }

    [Theory]
    [InlineData("a,b,c\n")]
    [InlineData("a,b,c")]
    [InlineData("a,b,c\r\n\r\n\n")]
    public void HeaderOnly_HeaderRead_NoRecords(string text)
    {
        using var csv = Open(text);
        Assert.Equal(["a", "b", "c"], csv.Header);
        Assert.Null(csv.Read());
    }

    [Fact]
    public void Header_IsTrimmed()
    {
        using var csv = Open(" Name , E-Mail \n x , y \n");
        Assert.Equal(["Name", "E-Mail"], csv.Header);
        Assert.Equal([" x ", " y "], Assert.Single(ReadAll(csv)).Fields); // values are left as written; the import trims them
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("  ")]
    public void NoHeader_Throws(string text)
    {
        using var _ = ImportTest.English();
        var e = Assert.Throws<ImportFileException>(() => Open(text));
        Assert.Equal("The file has no header line: the first line must name the columns.", e.Message);
    }

    [Fact]
    public void RealRetailFile_EveryRecordAsThePlainReaderReadsIt()
    {
        var path = RealData.DatasetPath("online_retail_10k.csv");
        var expected = PlainCsv.Records(File.ReadAllText(path), ',');
        using var csv = CsvFileReader.Open(path);
        Assert.Equal(expected[0], csv.Header);
        var records = ReadAll(csv);
        Assert.Equal(10_000, records.Count);
        Assert.Equal(expected.Skip(1).Select(r => r), records.Select(r => r.Fields));
        Assert.Equal(Enumerable.Range(2, 10_000).Select(i => (long)i), records.Select(r => r.Line));
    }
}
