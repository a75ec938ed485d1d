using System.Globalization;
using CrossSellCrm.Web.Localization;

namespace CrossSellCrm.Tests.Components;

public class CulturesTests
{
    [Theory]
    [InlineData("en-GB", "CH", "Switzerland")]
    [InlineData("de-DE", "CH", "Schweiz")]
    [InlineData("de-DE", "GB", "Vereinigtes Königreich")]
    [InlineData("de-DE", "AT", "Österreich")]
    [InlineData("en-GB", "XX", "XX")]
    public void CountryName_FollowsTheUiLanguage(string culture, string code, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Assert.Equal(expected, Cultures.CountryName(code));
    }

    [Theory]
    [InlineData("en-GB", "€1,234.50")]
    [InlineData("de-DE", "1.234,50 €")]
    public void Money2_IsEuroFormattedPerCulture(string culture, string expected) =>
        Assert.Equal(expected, Cultures.Money2(1234.5m, CultureInfo.GetCultureInfo(culture)));
}
