using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Exports;

public class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("-12.5", "'-12.5")] // in a text column, text
    public void Text_FormulaStart_GetsAnApostrophe(string value, string cell) => Assert.Equal(cell, Csv.Text(value));

    [Theory]
    [InlineData("Lena Wagner", "Lena Wagner")]
    [InlineData("a=b", "a=b")]
    [InlineData("Köln, Altstadt", "\"Köln, Altstadt\"")]
    [InlineData("12\" ruler", "\"12\"\" ruler\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_Ordinary_IsQuotedOnlyWhenNeeded(string? value, string cell) => Assert.Equal(cell, Csv.Text(value));

    [Fact]
    public void Number_Negative_StaysANumber()
    {
        Assert.Equal("-12.5", Csv.Number(-12.5));
        Assert.Equal("-12.50", Csv.Number(-12.5m));
        Assert.Equal("-3", Csv.Number(-3));
        Assert.Equal("", Csv.Number((double?)null));
        Assert.Equal("1234.5", Csv.Number(1234.5)); // invariant, whatever the culture
    }

    [Fact]
    public void File_EndsEveryRowWithCrLf() =>
        Assert.Equal("a,b\r\n'=x,-1\r\n", Csv.File([Csv.Row("a", "b"), Csv.Row(Csv.Text("=x"), Csv.Number(-1))]));

    [Fact]
    public void WriteRules_FormulaLikeItemNames_AreText_NegativeLeverageStaysANumber()
    {
        // "=cmd" and "@x" never appear together (leverage < 0), and both appear with "bread".
        var baskets = BasketFile.ReadBaskets(new StringReader("=cmd,bread\n@x,bread\n=cmd,bread\n@x,bread\nbread\n=cmd\n@x\n"));
        var result = AssociationMiner.Mine(baskets, new MiningOptions { MinSupport = 0.01, MinConfidence = 0.01, MinLength = 2, MaxLength = 2 });
        var writer = new StringWriter();
        BasketFile.WriteRules(writer, result);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("antecedent,consequent,support,confidence,lift,leverage,conviction,count", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("'=cmd,bread,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("bread,'@x,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.All(l.Split(',')[..2], cell => Assert.False(cell.Length > 0 && "=+-@".Contains(cell[0]), cell)));
        Assert.Contains(lines, l => l.Split(',')[5].StartsWith('-'));
    }
}
