using System.Globalization;
using CrossSellCrm.Domain.Imports;

namespace CrossSellCrm.Tests.Domain.Imports;

public class ImportCultureTests
{
    private static readonly ImportCulture Us = new("en-US"), Gb = new("en-GB"), De = new("de-DE");

    private static ImportCulture Of(string name) => name switch { "en-US" => Us, "en-GB" => Gb, _ => De };

    [Theory]
    [InlineData("en-US", "2.55", "2.55")]
    [InlineData("en-US", "1,234.56", "1234.56")]
    [InlineData("en-US", "1,234,567", "1234567")]
    [InlineData("en-US", "-12.5", "-12.5")]
    [InlineData("en-US", " $1,299.00 ", "1299.00")]
    [InlineData("en-US", "15.299999999999999", "15.299999999999999")]
    [InlineData("en-GB", "£12.50", "12.50")]
    [InlineData("en-GB", "0.42", "0.42")]
    [InlineData("de-DE", "2,55", "2.55")]
    [InlineData("de-DE", "1.234,56", "1234.56")]
    [InlineData("de-DE", "1.234.567,8", "1234567.8")]
    [InlineData("de-DE", "1234,5", "1234.5")]
    [InlineData("de-DE", "12,50 €", "12.50")]
    [InlineData("de-DE", "-3,5", "-3.5")]
    [InlineData("de-DE", "1\u00A0234,56", "1234.56")]
    [InlineData("de-DE", "7", "7")]
    public void TryDecimal_TheCulturesNotation_Read(string culture, string text, string expected)
    {
        Assert.True(Of(culture).TryDecimal(text, out var value), text);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("de-DE", "2.55")]     // would be 255 if a point were read as thousands anywhere
    [InlineData("de-DE", "12.34,5")]
    [InlineData("de-DE", "1.2345")]
    [InlineData("de-DE", "1,234.56")]
    [InlineData("en-US", "2,55")]
    [InlineData("en-US", "1,23")]
    [InlineData("en-US", "12,34.5")]
    [InlineData("en-US", "1.234,56")]
    [InlineData("en-GB", "2,55")]
    [InlineData("en-US", "abc")]
    [InlineData("en-US", "")]
    public void TryDecimal_ThousandsOutsideGroupsOfThreeOrTheOtherNotation_Refused(string culture, string text)
    {
        Assert.False(Of(culture).TryDecimal(text, out _), text);
    }

    [Fact]
    public void DecimalSeparator_PointOrComma()
    {
        Assert.Equal('.', Us.DecimalSeparator);
        Assert.Equal('.', Gb.DecimalSeparator);
        Assert.Equal(',', De.DecimalSeparator);
    }

    [Theory]
    [InlineData("en-US", "6", 6)]
    [InlineData("en-US", "-12", -12)]
    [InlineData("en-US", "17850.0", 17850)]
    [InlineData("en-US", "1,000", 1000)]
    [InlineData("de-DE", "1.000", 1000)]
    public void TryInteger_WholeNumbers(string culture, string text, int expected)
    {
        Assert.True(Of(culture).TryInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("en-US", "2.5")]
    [InlineData("de-DE", "2,5")]
    [InlineData("en-US", "3000000000")]
    [InlineData("en-US", "six")]
    public void TryInteger_NotAWholeNumberOrTooLarge_Refused(string culture, string text)
    {
        Assert.False(Of(culture).TryInteger(text, out _));
    }

    [Theory]
    [InlineData("en-US", "12/1/2010", "2010-12-01T00:00:00")]
    [InlineData("en-US", "12/01/2010", "2010-12-01T00:00:00")]
    [InlineData("en-US", "12/1/2010 8:26", "2010-12-01T08:26:00")]
    [InlineData("en-US", "12/1/2010 8:26 PM", "2010-12-01T20:26:00")]
    [InlineData("en-US", "2010-12-01 08:26:00", "2010-12-01T08:26:00")]
    [InlineData("en-GB", "01/12/2010", "2010-12-01T00:00:00")]
    [InlineData("en-GB", "1/12/2010 8:26", "2010-12-01T08:26:00")]
    [InlineData("en-GB", "04-09-2012", "2012-09-04T00:00:00")]
    [InlineData("en-GB", "2010-12-01", "2010-12-01T00:00:00")]
    [InlineData("de-DE", "01.12.2010", "2010-12-01T00:00:00")]
    [InlineData("de-DE", "1.12.2010 8:26", "2010-12-01T08:26:00")]
    [InlineData("de-DE", "01.12.2010 08:26:30", "2010-12-01T08:26:30")]
    [InlineData("de-DE", "01.12.10", "2010-12-01T00:00:00")]
    [InlineData("de-DE", "04-09-2012", "2012-09-04T00:00:00")]
    [InlineData("de-DE", "2010-12-01T08:26:00", "2010-12-01T08:26:00")]
    [InlineData("de-DE", "2010-12-01T08:26:00Z", "2010-12-01T08:26:00")]
    [InlineData("de-DE", "2010-12-01T08:26:00+02:00", "2010-12-01T06:26:00")]
    [InlineData("en-US", "2010-12-01 08:26:00.5", "2010-12-01T08:26:00.5")]
    public void TryDateTime_CultureFormatsAndIso_ReadAsUtc(string culture, string text, string expected)
    {
        Assert.True(Of(culture).TryDateTime(text, out var value), text);
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("en-US", "13/1/2010")]     // no 13th month
    [InlineData("en-US", "01.12.2010")]
    [InlineData("en-US", "04-09-2012")]
    [InlineData("en-GB", "12/31/2010")]
    [InlineData("de-DE", "12/1/2010")]
    [InlineData("de-DE", "31.02.2020")]
    [InlineData("en-US", "yesterday")]
    public void TryDateTime_NotTheCulturesFormat_Refused(string culture, string text)
    {
        Assert.False(Of(culture).TryDateTime(text, out _), text);
    }

    [Fact]
    public void DateFormat_OfTheFile_IsTriedFirst_AndAddsAFormatTheCultureLacks()
    {
        var culture = new ImportCulture("en-US", "yyyyMMdd");
        Assert.Equal("yyyyMMdd", culture.DateFormats[0]);
        Assert.True(culture.TryDate("20101201", out var date));
        Assert.Equal(new DateOnly(2010, 12, 1), date);
        Assert.False(Us.TryDate("20101201", out _));

        // dd/MM before the culture's M/d: "04/09/2012" is the 4th of September
        var british = new ImportCulture("en-US", "dd/MM/yyyy");
        Assert.True(british.TryDate("04/09/2012", out var first));
        Assert.Equal(new DateOnly(2012, 9, 4), first);
        Assert.True(Us.TryDate("04/09/2012", out var american));
        Assert.Equal(new DateOnly(2012, 4, 9), american);
    }

    [Fact]
    public void Constructor_UnknownCulture_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ImportCulture("fr-FR"));
        Assert.Equal(["en-US", "en-GB", "de-DE"], ImportCulture.Supported);
    }

    [Theory]
    [InlineData(';', "de-DE")]
    [InlineData(',', "en-US")]
    [InlineData('\t', "en-US")]
    public void Guess_SemicolonIsGerman(char separator, string expected) => Assert.Equal(expected, ImportCulture.Guess(separator));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("NA")]
    [InlineData(" N/A ")]
    [InlineData("n/a")]
    [InlineData("NULL")]
    [InlineData("null")]
    [InlineData("#N/A")]
    [InlineData("-")]
    [InlineData(null)]
    public void IsMissing_EmptyNaNull(string? value) => Assert.True(ImportCulture.IsMissing(value));

    [Theory]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("none")]
    [InlineData("Nadine")]
    [InlineData("-1")]
    public void IsMissing_RealValues_AreNot(string value) => Assert.False(ImportCulture.IsMissing(value));

    [Theory]
    [InlineData("17850.0", "17850")]
    [InlineData("17850.00", "17850")]
    [InlineData("17850", "17850")]
    [InlineData(" 17850.0 ", "17850")]
    [InlineData("00123", "00123")]
    [InlineData("17850.5", "17850.5")]
    [InlineData("85123A", "85123A")]
    [InlineData("C536379", "C536379")]
    [InlineData("1.0.0", "1.0.0")]
    public void Key_SpreadsheetNumbersLoseTheirZeroFraction(string text, string expected) => Assert.Equal(expected, ImportCulture.Key(text));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Ja", true)]
    [InlineData("1", true)]
    [InlineData("x", true)]
    [InlineData("TRUE", true)]
    [InlineData("erteilt", true)]
    [InlineData("no", false)]
    [InlineData("Nein", false)]
    [InlineData("0", false)]
    [InlineData("widerrufen", false)]
    public void TryBoolean_EnglishAndGerman(string text, bool expected)
    {
        Assert.True(ImportCulture.TryBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryBoolean_SomethingElse_Refused() => Assert.False(ImportCulture.TryBoolean("maybe", out _));
}
