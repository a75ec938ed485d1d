using Bunit;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Calls.Components;

namespace CrossSellCrm.Tests.Components;

public class Customer360Tests : ComponentTestBase
{
    private static CustomerProfile Profile(string name = "Anna Müller", int orders = 2, bool consent = true, BehaviourProfile? behaviour = null) => new(
        7, "C0000007", name, "anna@example.com", "0221 123456", 34, Gender.Female, IncomeBand.Middle, EducationLevel.Master,
        "DE", "Nordrhein-Westfalen", "Köln", "50667",
        new TagName(TagKind.Lifestyle, "urban", "Urban professional", "Urbane Berufstätige"),
        [new TagName(TagKind.Interest, "photo", "Photography", "Fotografie")], [new TagName(TagKind.Value, "sustainability", "Sustainability", "Nachhaltigkeit")],
        behaviour ?? new BehaviourProfile { ComputedAt = new DateTime(2026, 11, 1), Frequency = orders, RecencyScore = 4, FrequencyScore = 3, MonetaryScore = 5, TopBrand = "Fujifilm", BrandLoyalty = 0.6, CategoryBreadth = 2 },
        [(3, "Urban tech fans")], 420m, new ClvPrediction(2100m, 300m, 2, 0.35, 0.2, 5, "segments"),
        [new ConsentState(ContactChannel.Phone, consent, new DateTime(2025, 3, 1)), new ConsentState(ContactChannel.Email, false, new DateTime(2025, 3, 1))], "Lena Wagner",
        Enumerable.Range(0, orders).Select(i => new OrderView(i, $"O{i}", new DateTime(2026, 11, 20).AddDays(-10 * i), SalesChannel.Online, 100,
            [new OrderLineView(1, $"Product {i}", 1, 100)])).ToList(), orders,
        [new SubscriptionView("Cloud Storage 1 TB", new DateOnly(2026, 11, 15), null, SubscriptionStatus.Active, 9.99m)],
        [new PastOfferView(1, new DateTime(2026, 10, 1), "Tripod", OfferOutcome.Declined, DeclineReason.TooExpensive, null, "Lena Wagner", "Bought the camera 3 days ago")],
        []);

    [Fact]
    public void Render_ShowsTheFourDimensionsSegmentsClvAndConsent()
    {
        var view = Ctx.Render<Customer360>(p => p.Add(c => c.P, Profile()));
        var text = view.Find("[data-testid=customer-360]").TextContent;
        foreach (var expected in new[] { "34 years", "female", "50667 Köln", "Germany", "Urban professional", "Photography", "Sustainability", "RFM 4-3-5", "60% of purchases from Fujifilm", "Urban tech fans", "€420", "€2,100" })
            Assert.Contains(expected, text);
        Assert.Empty(view.FindAll("[data-testid=no-consent]"));
    }

    [Fact]
    public void Render_Timeline_MergesOrdersAndSubscriptionsNewestFirst()
    {
        var view = Ctx.Render<Customer360>(p => p.Add(c => c.P, Profile(orders: 3)));
        var rows = view.FindAll(".timeline-row").Select(r => r.TextContent).ToList();
        Assert.Contains("Product 0", rows[0]);            // 20 Nov
        Assert.Contains("Cloud Storage 1 TB", rows[1]);    // 15 Nov
        Assert.Contains("Product 1", rows[2]);            // 10 Nov
    }

    [Fact]
    public void Render_NewCustomerWithoutConsent_SaysSo()
    {
        var view = Ctx.Render<Customer360>(p => p.Add(c => c.P, Profile(orders: 0, consent: false, behaviour: new BehaviourProfile()) with { Subscriptions = [] }));
        Assert.NotEmpty(view.FindAll("[data-testid=new-customer]"));
        Assert.NotEmpty(view.FindAll("[data-testid=no-consent]"));
        Assert.Contains("No purchases yet.", view.Markup);
    }

    [Fact]
    public void Render_LongName_IsWrappedNotCut()
    {
        var name = "Maximiliane Alexandra Friederike von Hohenzollern-Sigmaringen-Württemberg";
        var view = Ctx.Render<Customer360>(p => p.Add(c => c.P, Profile(name)));
        Assert.Equal(name, view.Find("[data-testid=customer-name]").TextContent);
    }

    [Fact]
    public void HistoryTabs_Clicked_ShowTheEarlierOffersThenTheNotes()
    {
        var view = Ctx.Render<Customer360>(p => p.Add(c => c.P, Profile()));
        Assert.NotEmpty(view.FindAll("[data-testid=timeline-order]"));
        Assert.Empty(view.FindAll("[data-testid=timeline-offer]"));

        view.FindAll("[role=tab]")[1].Click();
        Assert.Contains("Tripod", view.Find("[data-testid=timeline-offer]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=timeline-order]"));
        Assert.Equal("true", view.FindAll("[role=tab]")[1].GetAttribute("aria-selected"));

        view.FindAll("[role=tab]")[2].Click();
        Assert.Contains("No notes", view.Find("[role=tabpanel]").TextContent);
    }
}
