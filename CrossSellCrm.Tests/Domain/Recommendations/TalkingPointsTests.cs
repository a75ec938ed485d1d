using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class TalkingPointsTests
{
    private static readonly CatalogProduct Camera = new(1, "Sony Alpha 7 IV", 9, "Cameras", ProductKind.Physical, 2499m, 1800m, true, false, ["mount:sony-e"], 1);
    private static readonly CatalogProduct Lens = new(2, "Sony FE 50mm f/1.8", 12, "Lenses", ProductKind.Physical, 279m, 150m, true, false, ["mount:sony-e"], 1,
        "Portraits with soft backgrounds.", "Porträts mit weichem Hintergrund.");
    private static readonly CatalogProduct EcoCase = new(3, "Pela Compostable Case", 11, "Cases", ProductKind.Physical, 45m, 14m, true, false, ["fits:pixel-9", "eco"], 1,
        "Fully compostable and still protective.", "Vollständig kompostierbar und trotzdem schützend.");

    private static RecommendedOffer Offer(CatalogProduct product, CatalogProduct? anchor, RelationKind? relation, decimal? discount = null) =>
        new(product, 1, 1, 0.4, 1, 1, anchor, anchor is null ? null : DateTime.UtcNow.AddDays(-3), relation, discount, []);

    [Theory]
    [InlineData("Only today: 20 % off!", "en", "only today")]
    [InlineData("This is your LAST  CHANCE to get it.", "en", "last chance")]
    [InlineData("You don’t want to miss it — you must decide now.", "en", "you must")]
    [InlineData("Das ist Ihre letzte Chance!", "de", "letzte chance")]
    [InlineData("Greifen Sie zu, nur heute und solange der Vorrat reicht.", "de", "nur heute")]
    [InlineData("Da müssen Sie jetzt zugreifen.", "de", "müssen sie")]
    public void Lint_PressurePhrases_AreFound(string text, string language, string expected) =>
        Assert.Contains(expected, PressureLint.Find(text, language));

    [Theory]
    [InlineData("If it's not for you, that's fine.", "en")]
    [InlineData("Wenn es nichts für Sie ist, ist das völlig in Ordnung.", "de")]
    public void Lint_CalmText_Passes(string text, string language) => Assert.Empty(PressureLint.Find(text, language));

    [Fact]
    public void Write_EveryTemplateInBothLanguages_PassesTheLintAndIsComplete()
    {
        string[] values = ["sustainability", "quality", "price-conscious", "convenience", "innovation", "security", "unknown"];
        string[] interests = ["travel", "photography", "music", "fitness", "technology", "cooking"];
        string?[] lifestyles = ["student", "family", "retiree", null];
        RelationKind?[] relations = [null, RelationKind.Accessory, RelationKind.Bundle, RelationKind.AddOn, RelationKind.Upgrade];
        var count = 0;
        foreach (var language in new[] { "en", "de" })
            foreach (var product in new[] { Lens, EcoCase, Lens with { BenefitEn = "", BenefitDe = "" } })
                foreach (var anchor in new[] { Camera, null })
                    foreach (var relation in relations)
                        foreach (var discount in new decimal?[] { null, 10m })
                            foreach (var psycho in values.Select(v => new Psychographics(null, [], [v]))
                                         .Concat(interests.Select(i => new Psychographics(null, [i], [])))
                                         .Concat(lifestyles.Select(l => new Psychographics(l, [], []))))
                            {
                                var points = TalkingPointWriter.Write(Offer(product, anchor, relation, discount), psycho, language);
                                foreach (var text in points.All())
                                    Assert.True(PressureLint.Find(text, language).Count == 0, $"pressure in: {text}");
                                Assert.All(new[] { points.Opener, points.Benefit, points.Price, points.Close }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
                                Assert.Equal(3, points.Objections.Count);
                                count++;
                            }
        Assert.True(count > 1000);
    }

    [Fact]
    public void Write_BundleWithAnchor_StatesPriceAndSavingPlainly()
    {
        var offer = Offer(Lens, Camera, RelationKind.Bundle, 10m);
        Assert.Equal("It costs €279.00; with your Sony Alpha 7 IV there is a 10 % bundle discount, so €251.10.",
            TalkingPointWriter.Write(offer, Psychographics.None, "en").Price);
        Assert.Equal("Es kostet 279,00 €; zusammen mit Sony Alpha 7 IV gibt es 10 % Paketrabatt, also 251,10 €.",
            TalkingPointWriter.Write(offer, Psychographics.None, "de").Price);
    }

    [Fact]
    public void Write_OpenerBenefitAndHook_UseTheAnchorTheProductAndTheCustomersValues()
    {
        var points = TalkingPointWriter.Write(Offer(EcoCase, Camera, RelationKind.Accessory), new Psychographics("student", ["travel"], ["sustainability"]), "en");
        Assert.Equal("How are you getting on with your Sony Alpha 7 IV?", points.Opener);
        Assert.Equal("The Pela Compostable Case: Fully compostable and still protective.", points.Benefit);
        Assert.Equal("You care about sustainability — this one is made to last and kinder to the planet.", points.PersonalHook);
        Assert.Contains(points.Objections, o => o.Objection == Objection.Price && o.Answer.Contains("€45.00"));
    }

    [Fact]
    public void Write_NoValueMatch_FallsBackToInterestThenLifestyle()
    {
        Assert.Equal("Praktisch auf Reisen.", TalkingPointWriter.Write(Offer(Lens, null, null), new Psychographics("family", ["travel"], ["unknown"]), "de").PersonalHook);
        Assert.Equal("Families tell us it makes everyday life a little easier.", TalkingPointWriter.Write(Offer(Lens, null, null), new Psychographics("family", [], []), "en").PersonalHook);
        Assert.Null(TalkingPointWriter.Write(Offer(Lens, null, null), Psychographics.None, "en").PersonalHook);
    }
}
