using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
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

    private static readonly CatalogProduct Pixel = new(4, "Google Pixel 9", 10, "Smartphones", ProductKind.Physical, 899m, 610m, true, false, ["fits:pixel-9"], 1,
        "Best-in-class camera.", "Spitzenkamera.", GenderDe: GrammaticalGender.Neuter);
    private static readonly CatalogProduct Laptop = new(5, "Lenovo ThinkPad X1 Carbon", 13, "Laptops", ProductKind.Physical, 1899m, 1350m, true, false, [], 1,
        "Light and tough.", "Leicht und robust.", GenderDe: GrammaticalGender.Masculine);
    private static readonly CatalogProduct Headphones = new(6, "Sony WH-1000XM5", 14, "Headphones", ProductKind.Physical, 379m, 230m, true, false, [], 1,
        "Quiet on the train.", "Ruhe im Zug.", GenderDe: GrammaticalGender.Plural);
    private static readonly CatalogProduct Fuji = Camera with { Name = "Fujifilm X-T5", GenderDe = GrammaticalGender.Feminine };

    private static Listener Listening(Psychographics psycho, params ContactChannel[] consents) => new(psycho, consents.ToHashSet());

    /// <summary>The determiners German allows before a product of each gender (nominative, accusative, dative; article or "Ihr…").</summary>
    private static readonly Dictionary<GrammaticalGender, string[]> Determiners = new()
    {
        [GrammaticalGender.Neuter] = ["das", "Das", "dem", "Ihr", "Ihrem"],
        [GrammaticalGender.Masculine] = ["der", "Der", "den", "dem", "Ihr", "Ihren", "Ihrem"],
        [GrammaticalGender.Feminine] = ["die", "Die", "der", "Ihre", "Ihrer"],
        [GrammaticalGender.Plural] = ["die", "Die", "den", "Ihre", "Ihren"],
    };

    /// <summary>Every mention of the product in German has an article or possessive of its gender, and verbs that agree with it.</summary>
    private static void AssertGermanGrammar(string text, CatalogProduct product)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"(\S+) " + System.Text.RegularExpressions.Regex.Escape(product.Name)))
            Assert.True(Determiners[product.GenderDe].Contains(m.Groups[1].Value), $"“{m.Value}” in: {text}");
        Assert.DoesNotMatch(@"\b(mit|zu|für|von) " + System.Text.RegularExpressions.Regex.Escape(product.Name), text);
        // Where the product is the subject (a nominative article or "Ihr…" before it), its verb agrees with it.
        var plural = product.GenderDe == GrammaticalGender.Plural;
        var subject = @"\b(Der|Die|Das|der|die|das|Ihr|Ihre) " + System.Text.RegularExpressions.Regex.Escape(product.Name) + " ";
        foreach (var (singular, many) in new[] { ("kostet", "kosten"), ("passt", "passen"), ("bringt", "bringen"), ("ist", "sind"), ("fügt", "fügen"), ("wird", "werden"), ("soll", "sollen") })
            Assert.DoesNotMatch(subject + (plural ? singular : many) + @"\b", text);
    }

    [Fact]
    public void Write_EveryTemplateInBothLanguages_PassesTheLint_IsGrammatical_AndOffersToWriteOnlyWithConsent()
    {
        string[] values = ["sustainability", "quality", "price-conscious", "convenience", "innovation", "security", "unknown"];
        string[] interests = ["travel", "photography", "music", "fitness", "technology", "cooking"];
        string?[] lifestyles = ["student", "family", "retiree", null];
        RelationKind?[] relations = [null, RelationKind.Accessory, RelationKind.Bundle, RelationKind.AddOn, RelationKind.Upgrade];
        ContactChannel[][] consents = [[], [ContactChannel.Phone], [ContactChannel.Email], [ContactChannel.Post, ContactChannel.Phone], [ContactChannel.Sms]];
        // Every wording (product × anchor × relation × bundle × consent × card), with one customer whose hooks come from all three sources …
        var rich = new Psychographics("student", ["travel"], ["quality"]);
        var count = 0;
        foreach (var language in new[] { "en", "de" })
            foreach (var product in new[] { Lens, EcoCase, Lens with { BenefitEn = "", BenefitDe = "" }, Pixel, Laptop, Headphones, Fuji })
                foreach (var anchor in new[] { Fuji, Pixel, Laptop, Headphones, null })
                    foreach (var relation in relations)
                        foreach (var discount in new decimal?[] { null, 10m })
                            foreach (var consent in consents)
                                foreach (var rank in new[] { 1, 2, 3 })
                                {
                                    if (anchor?.Id == product.Id) continue;
                                    Check(Offer(product, anchor, relation, discount) with { Rank = rank }, Listening(rich, consent), language);
                                    count++;
                                }
        // … and every hook, for each card.
        foreach (var language in new[] { "en", "de" })
            foreach (var product in new[] { Lens, EcoCase, Headphones })
                foreach (var rank in new[] { 1, 2, 3 })
                    foreach (var psycho in values.Select(v => new Psychographics(null, [], [v]))
                                 .Concat(interests.Select(i => new Psychographics(null, [i], [])))
                                 .Concat(lifestyles.Select(l => new Psychographics(l, [], []))))
                    {
                        Check(Offer(product, Fuji, RelationKind.Accessory) with { Rank = rank }, Listening(psycho), language);
                        count++;
                    }

        void Check(RecommendedOffer offer, Listener listener, string language)
        {
            var points = TalkingPointWriter.Write(offer, listener, language);
            foreach (var text in points.All())
            {
                Assert.True(PressureLint.Find(text, language).Count == 0, $"pressure in: {text}");
                if (language == "de")
                {
                    AssertGermanGrammar(text, offer.Product);
                    if (offer.Anchor is { } anchor) AssertGermanGrammar(text, anchor);
                }
                else Assert.DoesNotContain("the the", text, StringComparison.OrdinalIgnoreCase);
            }
            var sends = points.Close.Contains("send", StringComparison.Ordinal) || points.Close.Contains("schicken", StringComparison.Ordinal);
            Assert.Equal(listener.WrittenChannel is not null, sends);
            Assert.All(new[] { points.Opener, points.Benefit, points.Price, points.Close }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
            Assert.Equal(3, points.Objections.Count);
        }
        Assert.True(count > 9_000, $"{count} combinations");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void Write_ThreeCardsOfOnePanel_ReadDifferently(string language)
    {
        var listener = Listening(new Psychographics("student", ["travel", "music"], ["sustainability"]), ContactChannel.Email);
        var cards = Enumerable.Range(1, 3).Select(rank => TalkingPointWriter.Write(Offer(Lens, Fuji, RelationKind.Accessory) with { Rank = rank }, listener, language)).ToList();
        Assert.Equal(3, cards.Select(c => c.Opener).Distinct().Count());
        Assert.Equal(3, cards.Select(c => c.Benefit).Distinct().Count());
        Assert.Equal(3, cards.Select(c => c.Price).Distinct().Count());
        Assert.Equal(3, cards.Select(c => c.Close).Distinct().Count());
        Assert.Equal(3, cards.Select(c => c.PersonalHook).Distinct().Count()); // value, interest, lifestyle: one each
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void Write_BenefitFirst_OpensWithTheBenefitAndKeepsEverythingElse(string language)
    {
        var listener = Listening(new Psychographics("student", ["travel"], []), ContactChannel.Email);
        var offer = Offer(Lens, Fuji, RelationKind.Accessory);
        var standard = TalkingPointWriter.Write(offer, listener, language);
        var benefitFirst = TalkingPointWriter.Write(offer, listener, language, TalkingPointStyle.BenefitFirst);
        Assert.Equal((standard.Benefit, standard.Opener), (benefitFirst.Opener, benefitFirst.Benefit));
        Assert.Equal((standard.PersonalHook, standard.Price, standard.Close), (benefitFirst.PersonalHook, benefitFirst.Price, benefitFirst.Close));
        Assert.Empty(PressureLint.Find(string.Join(" ", benefitFirst.All()), language));
    }

    [Fact]
    public void Write_German_SpeaksOfEachProductWithItsArticle()
    {
        var none = Listening(Psychographics.None);
        Assert.Equal("Wie kommen Sie mit Ihrer Fujifilm X-T5 zurecht?", TalkingPointWriter.Write(Offer(Lens, Fuji, RelationKind.Accessory), none, "de").Opener);
        Assert.Equal("Wie kommen Sie mit Ihrem Google Pixel 9 zurecht?", TalkingPointWriter.Write(Offer(EcoCase, Pixel, RelationKind.Accessory), none, "de").Opener);
        Assert.Equal("Wie kommen Sie mit Ihren Sony WH-1000XM5 zurecht?", TalkingPointWriter.Write(Offer(Lens, Headphones, RelationKind.Accessory), none, "de").Opener);
        Assert.Equal("Darf ich Ihnen zu Ihrem Lenovo ThinkPad X1 Carbon kurz etwas zeigen, das gut dazu passt?",
            TalkingPointWriter.Write(Offer(Lens, Laptop, RelationKind.Accessory) with { Rank = 2 }, none, "de").Opener);
        Assert.Equal("Die Sony WH-1000XM5 kosten 379,00 €, alles inklusive.", TalkingPointWriter.Write(Offer(Headphones, Pixel, null) with { Rank = 2 }, none, "de").Price);
        Assert.Contains(TalkingPointWriter.Write(Offer(Headphones, null, null), none, "de").Objections, o => o.Answer.Contains("Falls Ihre einmal ersetzt werden sollen"));
    }

    [Fact]
    public void Write_NoWrittenConsent_NoOfferToSendDetails_WithConsent_TheChannelIsNamed()
    {
        var offer = Offer(Lens, Fuji, RelationKind.Accessory);
        Assert.Equal("If it's not for you, that's absolutely fine.", TalkingPointWriter.Write(offer, Listening(Psychographics.None, ContactChannel.Phone), "en").Close);
        Assert.Equal("If it's not for you, that's absolutely fine — I can also send you the details by e-mail to read in your own time.",
            TalkingPointWriter.Write(offer, Listening(Psychographics.None, ContactChannel.Phone, ContactChannel.Email), "en").Close);
        Assert.Contains("per Post", TalkingPointWriter.Write(offer, Listening(Psychographics.None, ContactChannel.Post), "de").Close);
    }

    [Fact]
    public void Write_BundleWithAnchor_StatesPriceAndSavingPlainly()
    {
        var offer = Offer(Lens, Camera, RelationKind.Bundle, 10m);
        Assert.Equal("It costs €279.00; with your Sony Alpha 7 IV there is a 10 % bundle discount, so €251.10.",
            TalkingPointWriter.Write(offer, Listener.Unknown, "en").Price);
        Assert.Equal("Das Sony FE 50mm f/1.8 kostet 279,00 €; zusammen mit Ihrem Sony Alpha 7 IV gibt es 10 % Paketrabatt, also 251,10 €.",
            TalkingPointWriter.Write(offer, Listener.Unknown, "de").Price);
    }

    [Fact]
    public void Write_OpenerBenefitAndHook_UseTheAnchorTheProductAndTheCustomersValues()
    {
        var points = TalkingPointWriter.Write(Offer(EcoCase, Camera, RelationKind.Accessory), Listening(new Psychographics("student", ["travel"], ["sustainability"])), "en");
        Assert.Equal("How are you getting on with your Sony Alpha 7 IV?", points.Opener);
        Assert.Equal("The Pela Compostable Case: Fully compostable and still protective.", points.Benefit);
        Assert.Equal("You care about sustainability — this one is made to last and kinder to the planet.", points.PersonalHook);
        Assert.Contains(points.Objections, o => o.Objection == Objection.Price && o.Answer.Contains("€45.00"));
    }

    [Fact]
    public void Write_NoValueMatch_FallsBackToInterestThenLifestyle()
    {
        Assert.Equal("Praktisch auf Reisen.", TalkingPointWriter.Write(Offer(Lens, null, null), Listening(new Psychographics("family", ["travel"], ["unknown"])), "de").PersonalHook);
        Assert.Equal("Families tell us it makes everyday life a little easier.", TalkingPointWriter.Write(Offer(Lens, null, null), Listening(new Psychographics("family", [], [])), "en").PersonalHook);
        Assert.Null(TalkingPointWriter.Write(Offer(Lens, null, null), Listener.Unknown, "en").PersonalHook);
        // The second card of a customer with one hook gets none rather than the same one again.
        Assert.Null(TalkingPointWriter.Write(Offer(Lens, null, null) with { Rank = 2 }, Listening(new Psychographics("family", [], [])), "en").PersonalHook);
    }
}
