using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Tests.Domain.Coaching;

/// <summary>Each scoring part against answers written by hand, in English and German, with the points worked out beside them.</summary>
public class AnswerScorerTests
{
    private const int Pixel = 1, PelaCase = 2, PowerBank = 3, Buds = 4, IPhoneCase = 5, Tripod = 6, PixelCase = 7;

    private static readonly Dictionary<int, CaseProduct> Products = new[]
    {
        new CaseProduct(Pixel, "Google Pixel 9", "Smartphones", "Smartphones", 899m, "Best-in-class camera.", "Spitzenkamera.", false),
        new CaseProduct(PelaCase, "Pela Compostable Case", "Phone cases", "Handyhüllen", 45m, "Fully compostable and still protective.", "Vollständig kompostierbar und trotzdem schützend.", false),
        new CaseProduct(PowerBank, "Anker Power Bank 20,000 mAh", "Chargers", "Ladegeräte", 59m, "Three full phone charges on the go.", "Drei volle Handyladungen für unterwegs.", false),
        new CaseProduct(Buds, "Google Pixel Buds Pro 2", "Headphones", "Kopfhörer", 229m, "Tuned for Pixel.", "Für Pixel abgestimmt.", false),
        new CaseProduct(IPhoneCase, "iPhone 16 MagSafe Case", "Phone cases", "Handyhüllen", 59m, "Snaps onto MagSafe.", "Rastet an MagSafe ein.", false),
        new CaseProduct(Tripod, "Joby GorillaPod 3K", "Tripods", "Stative", 89m, "Wraps around anything.", "Hält überall.", false),
        new CaseProduct(PixelCase, "Pixel 9 Protective Case", "Phone cases", "Handyhüllen", 39m, "Drop protection.", "Fallschutz.", false),
    }.ToDictionary(p => p.Id);

    private static readonly CasePersona Lena = new()
    {
        Name = "Lena Fischer", Age = 22, Country = "DE", City = "Leipzig",
        Lifestyle = new TagName(TagKind.Lifestyle, "student", "Student", "Studierende"),
        Interests = [new TagName(TagKind.Interest, "travel", "Travel", "Reisen")],
        Values = [new TagName(TagKind.Value, "sustainability", "Sustainability", "Nachhaltigkeit")],
        Orders = [new CaseOrder(3, SalesChannel.Online, [new CaseLine(Pixel, "Google Pixel 9", 1, 899m)])],
        OrderCount = 1,
    };

    private static ScoringCase Case(IReadOnlyList<ReferenceOffer>? reference = null, CasePersona? persona = null) => new(
        persona ?? Lena,
        reference ?? [new(PelaCase), new(PowerBank), new(Buds), new(IPhoneCase, MustNotOffer: true)],
        Products,
        new HashSet<int> { PelaCase, PowerBank, Buds, IPhoneCase, PixelCase },
        new HashSet<int> { PelaCase, PowerBank, Buds, IPhoneCase, PixelCase });

    private static ScorePart Relevance(params int[] picks) => AnswerScorer.Relevance(Case(), picks, []);

    private static AnswerScore Score(string pitch, string language = "en", params int[] picks) =>
        AnswerScorer.Score(Case(), new AnswerInput(picks, pitch, language));

    [Fact]
    public void Relevance_FirstAndSecondReference_WeightedByRank()
    {
        // Three reference offers weigh 3, 2, 1 (best possible 6): picking the first two earns 5 of 6.
        Assert.Equal(83, Relevance(PelaCase, PowerBank).Points);
    }

    [Fact]
    public void Relevance_OnlyTheThird_EarnsItsWeight()
    {
        Assert.Equal(17, Relevance(Buds).Points);
    }

    [Fact]
    public void Relevance_AllThree_InAnyOrder_Full()
    {
        Assert.Equal(100, Relevance(Buds, PelaCase, PowerBank).Points);
    }

    [Fact]
    public void Relevance_MustNotOffer_CostsFiftyAndIsAMistake()
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Relevance(Case(), [PelaCase, IPhoneCase], mistakes);

        // 3 of 6 = 50, minus 50 for the iPhone case that does not fit a Pixel.
        Assert.Equal(0, part.Points);
        Assert.Contains(CoachingMistake.IrrelevantOffer, mistakes);
        Assert.Contains(part.Text("en"), n => n == "iPhone 16 MagSafe Case must not be offered here (−50).");
    }

    [Fact]
    public void Relevance_UnrelatedProduct_NamedAsIrrelevant()
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Relevance(Case(), [Tripod], mistakes);

        Assert.Equal(0, part.Points);
        Assert.Equal([CoachingMistake.IrrelevantOffer], mistakes);
        Assert.Contains(part.Text("de"), n => n.Contains("unpassendes Angebot"));
    }

    [Fact]
    public void Relevance_ComplementOutsideTheReference_NoPointsButNoMistake()
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Relevance(Case(), [PixelCase], mistakes);

        Assert.Equal(0, part.Points);
        Assert.Empty(mistakes);
        Assert.Contains(part.Text("en"), n => n.Contains("not among the best offers"));
    }

    [Fact]
    public void Relevance_AlreadyOwned_IsAMistake()
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Relevance(Case(), [Pixel], mistakes);

        Assert.Contains(CoachingMistake.IrrelevantOffer, mistakes);
        Assert.Contains(part.Text("en"), n => n == "They already own the Google Pixel 9.");
    }

    [Fact]
    public void Relevance_ReferenceOffersNothing_NoPicksIsRight()
    {
        var empty = Case(reference: []);
        Assert.Equal(100, AnswerScorer.Relevance(empty, [], []).Points);
        Assert.Equal(0, AnswerScorer.Relevance(empty, [PelaCase], []).Points);
    }

    [Fact]
    public void Relevance_NothingPicked_Zero()
    {
        var part = Relevance();
        Assert.Equal(0, part.Points);
        Assert.Contains(part.Text("en"), n => n == "No offer picked; the reference has 3.");
    }

    [Theory]
    [InlineData("en", "Since you travel a lot with your new Pixel, a power bank keeps it charged.", 100)]
    [InlineData("de", "Für Ihre Reisen mit dem neuen Pixel hält eine Powerbank den Akku voll.", 100)]
    [InlineData("en", "The case is compostable — kind to the planet, and it protects your smartphone.", 100)]   // "planet" speaks to sustainability; "smartphone" is the category bought
    [InlineData("de", "Die Hülle ist kompostierbar und damit nachhaltig.", 50)]                             // values, but nothing bought
    [InlineData("en", "How do you like your Pixel so far?", 50)]                                           // what they bought, nothing of who they are
    [InlineData("en", "We have a great offer on cases this week.", 0)]
    public void Personalisation_PurchaseAndPsychographics(string language, string pitch, int expected)
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Personalisation(Case(), AnswerScorer.Words(pitch), mistakes);

        Assert.Equal(expected, part.Points);
        Assert.Equal(expected == 0, mistakes.Contains(CoachingMistake.NoPersonalisation));
        _ = language;
    }

    [Fact]
    public void Personalisation_NothingKnownOfTheCustomer_NotHeldAgainstThem()
    {
        var anonymous = Lena with { Lifestyle = null, Interests = [], Values = [] };
        var part = AnswerScorer.Personalisation(Case(persona: anonymous), AnswerScorer.Words("Your Pixel deserves a case."), []);
        Assert.Equal(100, part.Points);
    }

    [Theory]
    [InlineData("en", "It costs €45 and protects your phone from drops.", 100)]
    [InlineData("de", "Sie kostet 45,00 € und schützt Ihr Handy.", 100)]
    [InlineData("en", "It is 45 and still protective.", 100)]   // the picked product's price without a currency; a word from its benefit (not its name)
    [InlineData("en", "It costs 45 euros.", 50)]
    [InlineData("de", "Die Hülle ist wirklich schön.", 0)]
    public void Transparency_PriceAndBenefit(string language, string pitch, int expected)
    {
        var part = AnswerScorer.Transparency(Case(), new AnswerInput([PelaCase], pitch, language), AnswerScorer.Words(pitch));
        Assert.Equal(expected, part.Points);
    }

    [Theory]
    [InlineData("en", "Take your time — I can send the details by e-mail.", 100, 0)]
    [InlineData("en", "This is your last chance to get it.", 40, 1)]
    [InlineData("en", "Only today! You must buy now.", 0, 3)]
    [InlineData("de", "Nur heute – letzte Chance!", 0, 2)]
    [InlineData("de", "Überlegen Sie in Ruhe, ich schicke Ihnen die Details.", 100, 0)]
    public void Pressure_PhrasesFromTheLint(string language, string pitch, int expected, int phrases)
    {
        var mistakes = new List<CoachingMistake>();
        var part = AnswerScorer.Pressure(new AnswerInput([], pitch, language), mistakes);

        Assert.Equal(expected, part.Points);
        Assert.Equal(phrases > 0, mistakes.Contains(CoachingMistake.ExcessivePressure));
        if (phrases > 0) Assert.Equal(phrases, part.Notes[0].En.Split('“').Length - 1);
    }

    [Theory]
    [InlineData("How is the new Pixel 9?", new[] { PelaCase }, 100)]
    [InlineData("How is the new Pixel 9?", new[] { Tripod }, 60)]
    [InlineData("May I show you a case?", new[] { PelaCase }, 40)]
    [InlineData("May I show you a tripod?", new[] { Tripod }, 0)]
    public void Timing_AnchorPurchaseAndAFittingOffer(string pitch, int[] picks, int expected)
    {
        var part = AnswerScorer.Timing(Case(), picks, AnswerScorer.Words(pitch));
        Assert.Equal(expected, part.Points);
    }

    [Fact]
    public void Timing_MustNotOfferThatGoesWithThePurchase_IsNoWellTimedOffer()
    {
        // The iPhone case is curated for phones, but it is a "must not offer" here: only the mention counts.
        Assert.Equal(60, AnswerScorer.Timing(Case(), [IPhoneCase], AnswerScorer.Words("Your Pixel 9 needs a case.")).Points);
    }

    [Fact]
    public void Transparency_ProductNameAlone_IsNoBenefit()
    {
        // "Power Bank" is the product's name; saying it is not saying what it does.
        var pitch = "Would you like a power bank?";
        Assert.Equal(0, AnswerScorer.Transparency(Case(), new AnswerInput([PowerBank], pitch, "en"), AnswerScorer.Words(pitch)).Points);
        var better = "A power bank gives you three full charges.";
        Assert.Equal(50, AnswerScorer.Transparency(Case(), new AnswerInput([PowerBank], better, "en"), AnswerScorer.Words(better)).Points);
    }

    [Fact]
    public void Timing_GermanNotesNameTheMoment()
    {
        var part = AnswerScorer.Timing(Case(), [Tripod], AnswerScorer.Words("Darf ich Ihnen ein Stativ zeigen?"));
        Assert.Contains(part.Text("de"), n => n == "Sie haben den Moment nicht genutzt: Google Pixel 9 wurde vor 3 Tagen gekauft.");
    }

    [Fact]
    public void Timing_PlanStartedAfterTheLastOrder_IsTheAnchor()
    {
        var member = Lena with { Subscriptions = [new CaseSubscription(99, "FitClub Membership", 1, SubscriptionStatus.Active, 39.9m)] };
        Assert.Equal("FitClub Membership", member.Anchor!.Product);
    }

    [Fact]
    public void Score_GoodEnglishAnswer_HighTotalNoMistakes()
    {
        var score = Score("Since you bought the Pixel 9 three days ago and you travel a lot: the Anker power bank gives three full charges on the go. It costs €59 — if it's not for you, no problem.",
            "en", PowerBank, PelaCase);

        // Relevance (2+3)/6 = 83; personalisation 100; transparency 100; pressure 100; timing 100.
        // Total = 0.35·83 + 0.20·100 + 0.15·100 + 0.15·100 + 0.15·100 = 94.05 → 94.
        Assert.Equal([83, 100, 100, 100, 100], score.Parts.Select(p => p.Points));
        Assert.Equal(94, score.Total);
        Assert.Empty(score.Mistakes);
    }

    [Fact]
    public void Score_PushyGermanAnswer_NamesAllThreeMistakes()
    {
        var score = Score("Nur heute: ein Stativ! Letzte Chance, Sie müssen zugreifen.", "de", Tripod);

        Assert.Equal([CoachingMistake.IrrelevantOffer, CoachingMistake.NoPersonalisation, CoachingMistake.ExcessivePressure], score.Mistakes);
        Assert.Equal(0, score[ScoreDimension.Pressure].Points);
        Assert.True(score.Total < 20, $"total {score.Total}");
    }

    [Fact]
    public void Weights_SumToOne()
    {
        Assert.Equal(1.0, AnswerScorer.Weights.Values.Sum(), 9);
    }
}
