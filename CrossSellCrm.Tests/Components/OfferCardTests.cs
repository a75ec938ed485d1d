using Bunit;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Calls.Components;
using CrossSellCrm.Web.Localization;

namespace CrossSellCrm.Tests.Components;

public class OfferCardTests : ComponentTestBase
{
    private static readonly CatalogProduct Camera = new(1, "Fujifilm X-T5", 10, "Cameras", ProductKind.Physical, 1899, 1400, true, false, ["mount:fuji-x"], 1);
    private static readonly CatalogProduct Tripod = new(2, "Peak Design Travel Tripod", 11, "Tripods", ProductKind.Physical, 379, 220, true, false, [], 1,
        "Packs down to the size of a water bottle.", "So klein wie eine Wasserflasche.");

    private static RecommendedOffer Offer(decimal? bundle = null) => new(Tripod, 1, 50, 0.47, 0.8, 1, Camera, DateTime.UtcNow.AddDays(-3), RelationKind.Accessory, bundle,
    [
        new OfferReason(ReasonKind.BoughtTogether, "41% of Fujifilm X-T5 buyers also bought the Peak Design Travel Tripod — 3.2× the average (n = 812).",
            "41 % der Käufer von Fujifilm X-T5 kauften auch Peak Design Travel Tripod – 3,2-mal so oft wie im Schnitt (n = 812).", 0.41, 3.2, 812),
        new OfferReason(ReasonKind.Timing, "Bought the Fujifilm X-T5 3 days ago — a good moment for the Peak Design Travel Tripod.",
            "Hat vor 3 Tagen Fujifilm X-T5 gekauft – ein guter Moment für Peak Design Travel Tripod.", Days: 3),
    ]) { Chance = 0.63, ChanceSource = ChanceSource.Model };

    private static readonly Listener Traveller = new(new Psychographics("outdoor", ["travel"], ["sustainability"]), new HashSet<CrossSellCrm.Domain.Customers.ContactChannel>());

    private IRenderedComponent<OfferCard> Render(RecommendedOffer offer, OfferCard.CardMode mode = OfferCard.CardMode.Choosing, string language = "en",
        Action<ComponentParameterCollectionBuilder<OfferCard>>? more = null) =>
        Ctx.Render<OfferCard>(p =>
        {
            p.Add(c => c.Offer, offer).Add(c => c.Mode, mode).Add(c => c.Selected, true);
            more?.Invoke(p);
        });

    private IRenderedComponent<OfferDetail> Detail(RecommendedOffer offer, string language = "en") =>
        Ctx.Render<OfferDetail>(p => p.Add(c => c.Offer, offer).Add(c => c.Points, TalkingPointWriter.Write(offer, Traveller, language)));

    [Fact]
    public void Render_CardShowsPriceChanceAndTheStrongestReason_TheDetailEverythingElse()
    {
        var card = Render(Offer());
        Assert.Equal("€379.00", card.Find("[data-testid=offer-price]").TextContent);
        // The chance is the acceptance model's (not the 47 % purchase likelihood the ranking starts from), and says so.
        Assert.Equal("63%", card.Find("[data-testid=offer-chance]").TextContent);
        Assert.Equal("Model", card.Find("[data-chance-source]").GetAttribute("data-chance-source"));
        Assert.Contains("acceptance model", card.Find("[data-chance-source]").GetAttribute("title"));
        Assert.Contains("3.2× the average (n = 812)", card.Find("[data-testid=offer-top-reason]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=offer-say]")); // compact: what to say is in the detail
        var detail = Detail(Offer());
        Assert.Contains("3.2× the average (n = 812)", detail.Find("[data-testid=offer-reasons]").TextContent);
        Assert.Contains("3 days ago", detail.Find("[data-testid=offer-timing]").TextContent);
        Assert.DoesNotContain("3 days ago", detail.Find("[data-testid=offer-reasons]").TextContent); // timing once, as the hint
        var say = detail.Find("[data-testid=offer-say]").TextContent;
        Assert.Contains("Fujifilm X-T5", say);                      // the opener uses the anchor purchase
        Assert.Contains("water bottle", say);                       // the benefit
        Assert.Contains("€379.00", say);                             // the price, plainly
        Assert.NotEmpty(detail.FindAll("[data-testid=offer-hook]"));  // the personal hook
        Assert.All(TalkingPointWriter.Write(Offer(), Traveller, "en").All(), line => Assert.Empty(PressureLint.Find(line, "en")));
    }

    [Fact]
    public void Render_TooFewAnswersForTheModel_TheChanceIsTheBetaCountAndSaysSo()
    {
        var card = Render(Offer() with { Chance = 0.2, ChanceSource = ChanceSource.Posterior });
        Assert.Equal("20%", card.Find("[data-testid=offer-chance]").TextContent);
        Assert.Contains("too few answers", card.Find("[data-chance-source]").GetAttribute("title"));
    }

    [Fact]
    public void Render_Bundle_ShowsTheDiscountedPriceAndTheSaving()
    {
        var card = Render(Offer(bundle: 10));
        Assert.Equal("€341.10", card.Find("[data-testid=offer-price]").TextContent);
        Assert.Contains("saves €37.90", card.Markup);
    }

    [Fact]
    public void Render_German_ReasonsAndTalkingPointsInGerman()
    {
        System.Globalization.CultureInfo.CurrentCulture = Cultures.German;
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.German;
        var card = Render(Offer(), language: "de");
        Assert.Equal("379,00 €", card.Find("[data-testid=offer-price]").TextContent);
        Assert.Contains("3,2-mal so oft", card.Find("[data-testid=offer-top-reason]").TextContent);
        Assert.Contains("Warum", Detail(Offer(), "de").Markup);
        Assert.Contains("Angenommen", card.Find("[data-testid=offer-accept]").TextContent);
    }

    [Fact]
    public void Accept_PassesWhetherToCreateTheOrder()
    {
        bool? created = null;
        var card = Render(Offer(), more: p => p.Add(c => c.CreateOrder, false).Add(c => c.Accept, (bool order) => created = order));
        card.Find("[data-testid=offer-accept]").Click();
        Assert.False(created);
    }

    [Fact]
    public void Decline_AsksForAnOptionalReason()
    {
        OfferCard.CardMode? mode = null;
        var card = Render(Offer(), more: p => p.Add(c => c.ModeChanged, (OfferCard.CardMode m) => mode = m));
        Assert.Empty(card.FindAll("[data-testid=decline-reasons]"));
        card.Find("[data-testid=offer-decline]").Click();
        Assert.Equal(OfferCard.CardMode.Declining, mode);

        var declined = new List<DeclineReason?>();
        var choosing = Render(Offer(), OfferCard.CardMode.Declining, more: p => p.Add(c => c.Decline, (DeclineReason? r) => declined.Add(r)));
        choosing.Find("[data-testid=decline-TooExpensive]").Click();
        choosing.Find("[data-testid=decline-none]").Click();
        Assert.Equal([DeclineReason.TooExpensive, null], declined);
        Assert.Empty(choosing.FindAll("[data-testid=offer-accept]")); // one decision at a time
    }

    [Fact]
    public void Later_ConfirmsTheChosenDay()
    {
        DateOnly? day = null;
        var card = Render(Offer(), OfferCard.CardMode.Later, more: p => p.Add(c => c.FollowUpDate, new DateTime(2026, 12, 4)).Add(c => c.Later, (DateOnly d) => day = d));
        card.Find("[data-testid=later-confirm]").Click();
        Assert.Equal(new DateOnly(2026, 12, 4), day);
    }

    [Fact]
    public void Objections_AreCollapsedUntilOpened()
    {
        var card = Detail(Offer());
        var panel = card.Find("[data-testid=offer-objections]");
        Assert.Equal("details", panel.TagName, ignoreCase: true); // the browser opens it on a click, without a round trip
        Assert.False(panel.HasAttribute("open"));
        Assert.Contains("If they say", panel.QuerySelector("summary")!.TextContent);
        Assert.Contains("“Too expensive.”", panel.TextContent);
    }

    [Fact]
    public void Render_ChoosingCard_IsPlainMarkup_TheOrderBoxAnswers()
    {
        bool? createOrder = null;
        var card = Render(Offer(), more: p => p.Add(c => c.CreateOrderChanged, (bool on) => createOrder = on));
        // Markup, not components: a circuit keeps two render trees per component as long as the page is open.
        Assert.Empty(card.FindComponents<MudBlazor.MudCheckBox<bool>>());
        Assert.Empty(card.FindComponents<MudBlazor.MudText>());
        Assert.Empty(card.FindComponents<MudBlazor.MudTooltip>());
        Assert.Empty(card.FindComponents<MudBlazor.MudButton>());
        Assert.Contains("mud-button-filled-success", card.Find("[data-testid=offer-accept]").ClassName);
        card.Find("[data-testid=offer-create-order] input").Change(false);
        Assert.False(createOrder);
    }

    [Fact]
    public void Click_OnTheCard_SelectsIt_OnItsButtons_Not()
    {
        var selected = 0;
        var card = Ctx.Render<OfferCard>(p => p.Add(c => c.Offer, Offer()).Add(c => c.Selected, false).Add(c => c.OnSelect, () => selected++));
        card.Find("[data-testid=offer-card]").Click();
        Assert.Equal(1, selected);
        Assert.Empty(card.FindAll("[data-testid=offer-create-order]")); // the order switch is for the selected card only
    }
}
