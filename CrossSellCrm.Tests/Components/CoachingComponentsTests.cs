using Bunit;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Coaching.Components;
using CrossSellCrm.Web.Localization;
using FluentValidation.Results;

namespace CrossSellCrm.Tests.Components;

/// <summary>The practice session screen: the brief, the answer form with its clock, and the explained score.</summary>
public class CoachingComponentsTests : ComponentTestBase
{
    private static readonly IReadOnlyList<PickableProduct> Products =
    [
        new(1, "Pela Compostable Case", "Phone cases", "Handyhüllen", ProductKind.Physical, 45m, true),
        new(2, "Anker Power Bank 20,000 mAh", "Chargers", "Ladegeräte", ProductKind.Physical, 59m, true),
        new(3, "Google Pixel Buds Pro 2", "Headphones", "Kopfhörer", ProductKind.Physical, 229m, true),
        new(4, "Joby GorillaPod 3K", "Tripods", "Stative", ProductKind.Physical, 89m, true),
        new(5, "Old Case", "Phone cases", "Handyhüllen", ProductKind.Physical, 9m, false),
    ];

    private static readonly CasePersona Persona = new()
    {
        Name = "Lena Fischer", Age = 22, Country = "DE", City = "Leipzig",
        Interests = [new TagName(TagKind.Interest, "travel", "Travel", "Reisen")],
        Orders = [new CaseOrder(3, SalesChannel.Online, [new CaseLine(9, "Google Pixel 9", 1, 899m)])], OrderCount = 1,
    };

    private static CaseDetail Detail(string language = "en") => new(
        new PracticeCase
        {
            Id = 1, Title = "A new Pixel 9", Language = language, Situation = "Calls about the delivery.", CustomerSays = "“I'm a student.”",
            TrainerNotes = "The iPhone case does not fit.", PersonaJson = "", ReferenceJson = "",
        },
        Persona, [new ReferenceOffer(1, WhyEn: "Goes with the Pixel 9."), new ReferenceOffer(2), new ReferenceOffer(4, MustNotOffer: true)]);

    /// <summary>A clock standing still at a chosen moment.</summary>
    private sealed class StillClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    [Fact]
    public void AnswerForm_PicksUpToThreeInOrder_HandsInPicksAndPitch()
    {
        AnswerSubmission? handedIn = null;
        var form = Ctx.Render<AnswerForm>(p => p.Add(c => c.Products, Products).Add(c => c.StartedAt, DateTime.UtcNow)
            .Add(c => c.OnSubmit, (AnswerSubmission s) => handedIn = s));

        Assert.Equal(4, form.FindAll("[data-testid=answer-add]").Count); // the inactive product is not offered
        foreach (var index in new[] { 1, 0, 2 }) form.FindAll("[data-testid=answer-add]")[index].Click();
        Assert.Equal(["1. Anker Power Bank 20,000 mAh", "2. Pela Compostable Case", "3. Google Pixel Buds Pro 2"],
            form.FindAll("[data-testid=answer-pick]").Select(c => c.TextContent.Trim()));
        Assert.All(form.FindAll("[data-testid=answer-add]"), b => Assert.True(b.HasAttribute("disabled"))); // three is the limit

        form.Find("textarea[data-testid=answer-pitch]").Input("Since you travel a lot: €59.");
        form.Find("[data-testid=answer-submit]").Click();

        Assert.Equal([2, 1, 3], handedIn!.Picks);
        Assert.Equal("Since you travel a lot: €59.", handedIn.Pitch);
        Assert.False(handedIn.TimedOut);
    }

    [Fact]
    public void AnswerForm_Filter_ShowsOnlyMatchingProducts()
    {
        var form = Ctx.Render<AnswerForm>(p => p.Add(c => c.Products, Products).Add(c => c.StartedAt, DateTime.UtcNow));
        form.Find("input[data-testid=answer-filter]").Input("ladeg");   // the German category name does not match in English …
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=answer-add]")));
        form.Find("input[data-testid=answer-filter]").Input("charg");   // … the English one does
        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid=answer-add]")));
    }

    [Fact]
    public void AnswerForm_TimeIsUp_HandsInByTheClock()
    {
        var start = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
        Ctx.Services.AddSingleton<TimeProvider>(new StillClock(start.AddSeconds(61)));
        AnswerSubmission? handedIn = null;
        var form = Ctx.Render<AnswerForm>(p => p.Add(c => c.Products, Products).Add(c => c.StartedAt, start).Add(c => c.TimeLimitSeconds, 60)
            .Add(c => c.OnSubmit, (AnswerSubmission s) => handedIn = s));

        Assert.Contains("0:00 left", form.Find("[data-testid=answer-clock]").TextContent);
        form.WaitForAssertion(() => Assert.True(handedIn?.TimedOut), TimeSpan.FromSeconds(5));
        Assert.Equal(61, handedIn!.SecondsTaken);
    }

    [Fact]
    public void AnswerForm_Errors_ShownBesideThePitch()
    {
        var form = Ctx.Render<AnswerForm>(p => p.Add(c => c.Products, Products).Add(c => c.StartedAt, DateTime.UtcNow)
            .Add(c => c.Errors, [new ValidationFailure(nameof(AnswerSubmission.Pitch), CrossSellCrm.Domain.Localization.Messages.Text("CoachErr_PitchEmpty")),
                new ValidationFailure("SessionId", CrossSellCrm.Domain.Localization.Messages.Text("CoachErr_AlreadyAnswered"))]));
        Assert.Contains("Write what you would say to the customer.", form.Markup);
        Assert.Contains("You have already answered in this session.", form.Markup);
    }

    [Fact]
    public void CaseBrief_ShowsTheCallWithoutContactDataProfileLinkOrSuggestions()
    {
        var brief = Ctx.Render<CaseBrief>(p => p.Add(c => c.Detail, Detail()));
        Assert.Equal("Calls about the delivery.", brief.Find("[data-testid=case-situation]").TextContent);
        Assert.Contains("I'm a student", brief.Find("[data-testid=case-says]").TextContent);
        Assert.Equal("Lena Fischer", brief.Find("[data-testid=customer-name]").TextContent);
        Assert.Contains("Google Pixel 9", brief.Find("[data-testid=customer-history]").TextContent);
        Assert.Empty(brief.FindAll("[data-testid=edit-profile]"));
        Assert.Empty(brief.FindAll("[data-testid=offer-card]"));
        Assert.DoesNotContain("The iPhone case does not fit", brief.Markup); // trainer notes stay hidden until the reveal
    }

    [Fact]
    public void AnswerFeedback_ExplainsEachPartNamesTheMistakesAndShowsTheReference()
    {
        var scoring = new ScoringCase(Persona, Detail().Reference, new Dictionary<int, CaseProduct>
        {
            [1] = new(1, "Pela Compostable Case", "Phone cases", "Handyhüllen", 45m, "", "", false),
            [4] = new(4, "Joby GorillaPod 3K", "Tripods", "Stative", 89m, "", "", false),
        }, new HashSet<int> { 1 }, new HashSet<int> { 1 });
        var answer = new AnswerView(1, 1, "u", "Lena Wagner", [4], "Only today! Buy now.", DateTime.UtcNow, 30, false, 0);
        var score = AnswerScorer.Score(scoring, new AnswerInput(answer.Picks, answer.Pitch, "en"));
        var feedback = new PracticeFeedback(answer, score, [], new Dictionary<int, string> { [1] = "Pela Compostable Case", [2] = "Anker Power Bank", [4] = "Joby GorillaPod 3K" });

        var view = Ctx.Render<AnswerFeedback>(p => p.Add(c => c.F, feedback).Add(c => c.Detail, Detail()));

        Assert.Equal(score.Total.ToString(), view.Find("[data-testid=feedback-total]").TextContent);
        Assert.Equal(5, view.FindAll("[data-testid=feedback-parts] tbody tr").Count);
        Assert.Contains("must not be offered here", view.Find("[data-testid=feedback-relevance]").TextContent);
        var mistakes = view.FindAll("[data-testid=feedback-mistake]").Select(m => m.TextContent).ToList();
        Assert.Contains(mistakes, m => m.Contains("Irrelevant offer"));
        Assert.Contains(mistakes, m => m.Contains("Excessive pressure"));
        Assert.Contains(mistakes, m => m.Contains("No personalisation"));
        Assert.Equal(2, view.FindAll("[data-testid=reference-offer]").Count);
        Assert.Contains("Goes with the Pixel 9.", view.Find("[data-testid=reference-answer]").TextContent);
        Assert.Equal("Joby GorillaPod 3K", view.Find("[data-testid=reference-must-not]").TextContent);
        Assert.Contains("The iPhone case does not fit", view.Find("[data-testid=reference-notes]").TextContent);
    }

    [Fact]
    public void AnswerFeedback_GermanCase_ExplainsInGerman()
    {
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.German;
        var scoring = new ScoringCase(Persona, Detail("de").Reference, new Dictionary<int, CaseProduct>
        {
            [1] = new(1, "Pela Compostable Case", "Phone cases", "Handyhüllen", 45m, "", "", false),
        }, new HashSet<int> { 1 }, new HashSet<int> { 1 });
        var answer = new AnswerView(1, 1, "u", "Lena Wagner", [1], "Ihre Hülle für Reisen kostet 45 €.", DateTime.UtcNow, 30, false, 0);
        var score = AnswerScorer.Score(scoring, new AnswerInput(answer.Picks, answer.Pitch, "de"));
        var view = Ctx.Render<AnswerFeedback>(p => p.Add(c => c.F, new PracticeFeedback(answer, score, [], new Dictionary<int, string> { [1] = "Pela Compostable Case" }))
            .Add(c => c.Detail, Detail("de")));

        Assert.Contains("Relevanz", view.Markup);
        Assert.Contains("Sie haben den Preis genannt (45 €).", view.Find("[data-testid=feedback-transparency]").TextContent);
        Assert.Contains("Referenzantwort", view.Markup);
    }
}
