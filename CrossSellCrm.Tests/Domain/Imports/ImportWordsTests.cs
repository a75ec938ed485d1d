using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Integration.Imports;

namespace CrossSellCrm.Tests.Domain.Imports;

public class ImportWordsTests
{
    [Theory]
    [InlineData("United Kingdom", "GB")]
    [InlineData("EIRE", "IE")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("DE", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("de", "DE")]
    [InlineData("Österreich", "AT")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Switzerland", "CH")]
    [InlineData("France", "FR")]
    [InlineData("Frankreich", "FR")]
    [InlineData("USA", "US")]
    [InlineData("United States", "US")]
    [InlineData("UK", "GB")]
    [InlineData("Großbritannien", "GB")]
    [InlineData("Channel Islands", "JE")]
    [InlineData("RSA", "ZA")]
    [InlineData("Netherlands", "NL")]
    [InlineData("Holland", "NL")]
    [InlineData(" norway ", "NO")]
    public void Country_ByCodeOrNameInEnglishOrGerman(string text, string expected) => Assert.Equal(expected, ImportWords.Country(text));

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("XX")]
    [InlineData("Narnia")]
    public void Country_Unknown_IsNull(string text) => Assert.Null(ImportWords.Country(text));

    /// <summary>A cell without letters or digits names no country (names in scripts the normalisation drops once made "" a key, for Bangladesh).</summary>
    [Theory]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("--")]
    [InlineData("...")]
    [InlineData("–")]
    public void Country_TextWithoutLettersOrDigits_IsNoCountry(string text) => Assert.Null(ImportWords.Country(text));

    [Fact]
    public void Country_EveryCountryOfTheRetailFile_IsKnown()
    {
        var countries = PlainCsv.Rows(RealData.DatasetPath("online_retail_10k.csv"), ',').Select(r => r["Country"]).Distinct().Order().ToList();
        Assert.Equal(15, countries.Count);
        var codes = countries.ToDictionary(c => c, ImportWords.Country);
        Assert.All(codes, p => Assert.True(p.Value is { Length: 2 }, $"{p.Key} has no code"));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Australia"] = "AU", ["Belgium"] = "BE", ["EIRE"] = "IE", ["France"] = "FR", ["Germany"] = "DE", ["Italy"] = "IT", ["Japan"] = "JP",
            ["Lithuania"] = "LT", ["Netherlands"] = "NL", ["Norway"] = "NO", ["Poland"] = "PL", ["Portugal"] = "PT", ["Spain"] = "ES",
            ["Switzerland"] = "CH", ["United Kingdom"] = "GB",
        }.OrderBy(p => p.Key), codes.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("F", Gender.Female)]
    [InlineData("female", Gender.Female)]
    [InlineData("w", Gender.Female)]
    [InlineData("weiblich", Gender.Female)]
    [InlineData("Frau", Gender.Female)]
    [InlineData("M", Gender.Male)]
    [InlineData("male", Gender.Male)]
    [InlineData("männlich", Gender.Male)]
    [InlineData("Herr", Gender.Male)]
    [InlineData("d", Gender.Diverse)]
    [InlineData("divers", Gender.Diverse)]
    [InlineData("unknown", Gender.Unknown)]
    public void Gender_EnglishAndGermanWords(string text, Gender expected) => Assert.Equal(expected, ImportWords.Gender(ImportFields.Normalise(text)));

    [Fact]
    public void Gender_SomethingElse_IsNull() => Assert.Null(ImportWords.Gender(ImportFields.Normalise("Married")));

    [Theory]
    [InlineData("Graduation", EducationLevel.Bachelor)]
    [InlineData("PhD", EducationLevel.Doctorate)]
    [InlineData("2n Cycle", EducationLevel.Master)]
    [InlineData("Master", EducationLevel.Master)]
    [InlineData("Basic", EducationLevel.Secondary)]
    [InlineData("Abitur", EducationLevel.Secondary)]
    [InlineData("Ausbildung", EducationLevel.Vocational)]
    [InlineData("Diplom", EducationLevel.Master)]
    [InlineData("Promotion", EducationLevel.Doctorate)]
    [InlineData("B.Sc.", EducationLevel.Bachelor)]
    public void Education_IncludingTheMarketingFilesLevels(string text, EducationLevel expected) =>
        Assert.Equal(expected, ImportWords.Education(ImportFields.Normalise(text)));

    [Fact]
    public void Education_EveryLevelOfTheMarketingFile_IsKnown()
    {
        var levels = PlainCsv.Rows(RealData.DatasetPath("marketing_campaign.csv"), '\t').Select(r => r["Education"]).Distinct().Order().ToList();
        Assert.Equal(["2n Cycle", "Basic", "Graduation", "Master", "PhD"], levels);
        Assert.All(levels, l => Assert.NotNull(ImportWords.Education(ImportFields.Normalise(l))));
    }

    [Theory]
    [InlineData(24_999, IncomeBand.Low)]
    [InlineData(25_000, IncomeBand.LowerMiddle)]
    [InlineData(58_138, IncomeBand.Middle)]
    [InlineData(60_000, IncomeBand.UpperMiddle)]
    [InlineData(90_000, IncomeBand.High)]
    public void IncomeBand_FromYearlyAmount(int yearly, IncomeBand expected) => Assert.Equal(expected, ImportWords.IncomeBandOf(yearly));

    [Theory]
    [InlineData("Filiale", SalesChannel.Store)]
    [InlineData("Web Shop", SalesChannel.Online)]
    [InlineData("telefonisch", SalesChannel.Phone)]
    public void Channel_Words(string text, SalesChannel expected) => Assert.Equal(expected, ImportWords.Channel(ImportFields.Normalise(text)));

    [Theory]
    [InlineData("Zubehör", RelationKind.Accessory)]
    [InlineData("Bundle", RelationKind.Bundle)]
    [InlineData("add-on", RelationKind.AddOn)]
    public void RelationKind_Words(string text, RelationKind expected) => Assert.Equal(expected, ImportWords.RelationKind(ImportFields.Normalise(text)));
}
