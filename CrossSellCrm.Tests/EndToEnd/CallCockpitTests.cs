using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>A rep runs a whole call from the keyboard (English), and with the mouse in German.</summary>
public class CallCockpitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>One of the rep's customers, reachable by phone, who gets at least three offers today.</summary>
    private async Task<(int Id, string First, string Last)> CustomerWithOffersAsync(string repEmail, int skip)
    {
        var services = browser.App.Services;
        await browser.App.EngineAsync();
        await using var scope = services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
        var rep = await db.Users.SingleAsync(u => u.Email == repEmail);
        var candidates = await db.Customers
            .Where(c => c.AssignedRepId == rep.Id && c.Consents.Any(x => x.Channel == ContactChannel.Phone && x.Granted))
            .Where(c => !db.OfferPresentations.Any(o => o.CustomerId == c.Id && o.PresentedAt > DateTime.UtcNow.AddDays(-30)))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.FirstName, c.LastName }).ToListAsync();
        foreach (var c in candidates)
        {
            var decision = await scope.ServiceProvider.GetRequiredService<NextBestOfferService>().DecideAsync(c.Id, ContactChannel.Phone, null);
            if (decision!.Offers.Count == 3 && skip-- <= 0) return (c.Id, c.FirstName, c.LastName);
        }
        throw new InvalidOperationException("no demo customer of the rep with three offers");
    }

    private async Task<List<OfferPresentation>> LoggedTodayAsync(int customer)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
        var today = DateTime.UtcNow.Date;
        return await db.OfferPresentations.Where(o => o.CustomerId == customer && o.PresentedAt >= today).OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task Rep_RunsACallWithTheKeyboard_AcceptsOneDeclinesAnotherAndThePanelFollows()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 0);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await page.GotoAsync("/calls"); // a nav-link click can leave Playwright waiting for a load that enhanced navigation never fires
        await page.WaitForSelectorAsync("[data-testid=recent-customers]");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.WaitForSelectorAsync("[data-testid=call-cockpit][data-keys=on]");

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync($"{customer.First[..Math.Min(3, customer.First.Length)]} {customer.Last[..Math.Min(4, customer.Last.Length)]}");
        await Assertions.Expect(page.Locator("[data-testid=search-result]").Filter(new() { HasText = $"{customer.First} {customer.Last}" }).First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=customer-name]")).ToHaveTextAsync($"{customer.First} {customer.Last}");
        var cards = page.Locator("[data-testid=offer-card]");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=offer-detail] [data-testid=offer-reasons] li").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "call-cockpit-en");
        var first = await cards.Nth(0).GetAttributeAsync("data-product");

        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("a");                         // accepted, with the order
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync("1 answered");
        await Assertions.Expect(page.Locator($"[data-testid=offer-card][data-product='{first}']")).ToHaveCountAsync(0);
        // The panel is decided again with the new purchase: two offers are left in this contact, and a complement of
        // what was just bought may now lead them, so the second answer goes to whatever card is on top.
        Assert.InRange(await cards.CountAsync(), 1, 2);
        var second = await cards.Nth(0).GetAttributeAsync("data-product");

        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("d");
        await Assertions.Expect(page.Locator("[data-testid=decline-reasons]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("1");                         // too expensive
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync("2 answered");
        await Assertions.Expect(page.Locator($"[data-testid=offer-card][data-product='{second}']")).ToHaveCountAsync(0);
        Assert.True(await cards.CountAsync() <= 1, "three offers per contact, two are answered");

        await page.FillAsync("[data-testid=call-note]", "Asked about delivery; happy with the camera.");
        await Assertions.Expect(page.Locator("[data-testid=note-status]")).ToContainTextAsync("Saved");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("s");
        var summary = page.Locator("[data-testid=call-summary]");
        await Assertions.Expect(summary).ToContainTextAsync("accepted – order R");
        await Assertions.Expect(summary).ToContainTextAsync("declined – too expensive");
        await Assertions.Expect(summary).ToContainTextAsync("Asked about delivery");
        await browser.ScreenshotAsync(page, "call-cockpit-after-en");

        var logged = await LoggedTodayAsync(customer.Id);
        Assert.Equal([(OfferOutcome.Accepted, int.Parse(first!)), (OfferOutcome.Declined, int.Parse(second!))], logged.Select(o => (o.Outcome, o.ProductId)));
        Assert.Equal(DeclineReason.TooExpensive, logged[1].DeclineReason);
    }

    [Fact]
    public async Task Rep_DeclinesWithAlreadyHasOne_TheNextCardsAreOfAnotherKind_AndNoneIsASubstitute()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 2);
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await page.GotoAsync($"/calls/{customer.Id}");
        await page.WaitForSelectorAsync("[data-testid=call-cockpit][data-keys=on]");
        var cards = page.Locator("[data-testid=offer-card]");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        var engine = (await browser.App.EngineAsync())!;
        await using var scope = browser.App.Services.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<EngineIndexLoader>();
        async Task<List<int>> Shown() => [.. (await cards.EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.product)")).Select(int.Parse)];

        // What the panel shows is never something the customer cannot want (a second of a kind, an add-on of a plan they left).
        var snapshot = (await loader.CustomerAsync(customer.Id))!;
        foreach (var id in await Shown()) Assert.Equal(Irrelevance.None, engine.RelevanceOf(snapshot, id, DateTime.UtcNow));

        var declined = engine.Product((await Shown())[0])!;
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("d");
        await Assertions.Expect(page.Locator("[data-testid=decline-reasons]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("2"); // already has one
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync("1 answered");
        await Assertions.Expect(page.Locator($"[data-testid=offer-card][data-product='{declined.Id}']")).ToHaveCountAsync(0);
        var after = await Shown();
        Assert.NotEmpty(after);
        Assert.All(after, id => Assert.NotEqual(declined.CategoryId, engine.Product(id)!.CategoryId)); // nothing else of that kind
        var logged = await LoggedTodayAsync(customer.Id);
        Assert.Equal(DeclineReason.AlreadyOwned, logged.Single().DeclineReason);
        await browser.ScreenshotAsync(page, "call-cockpit-already-has-one-en");
    }

    [Fact]
    public async Task Rep_InGerman_DeclinesTwiceWithTheMouse_AndThePanelSaysStop()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 1);
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await page.GotoAsync("/calls");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.FillAsync("#call-search-input", customer.Last);
        await page.Locator("[data-testid=search-result]").Filter(new() { HasText = $"{customer.First} {customer.Last}" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=offer-card]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("Was Sie sagen können").First).ToBeVisibleAsync();
        Assert.EndsWith("€", (await page.Locator("[data-testid=offer-price]").First.TextContentAsync())!.Trim());
        await browser.ScreenshotAsync(page, "call-cockpit-de");

        for (var i = 0; i < 2; i++)
        {
            await page.Locator("[data-testid=offer-card]").First.Locator("[data-testid=offer-decline]").ClickAsync();
            await page.Locator("[data-testid=decline-NotNeeded]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync($"{i + 1} in diesem Gespräch");
        }
        await Assertions.Expect(page.Locator("[data-testid=panel-stop]")).ToContainTextAsync("besser hier aufhören");
        await Assertions.Expect(page.Locator("[data-testid=offer-card]")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(page, "call-cockpit-stop-de");
        Assert.Equal(2, (await LoggedTodayAsync(customer.Id)).Count(o => o.Outcome == OfferOutcome.Declined && o.DeclineReason == DeclineReason.NotNeeded));
    }

    private async Task<IPage> OpenCallAsync(int customer)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await BrowserFixture.OpenAsync(page, $"/calls/{customer}", "[data-testid=call-cockpit][data-keys=on]");
        await Assertions.Expect(page.Locator("[data-testid=offer-card]")).ToHaveCountAsync(3);
        return page;
    }

    [Fact]
    public async Task Rep_MakesThreeOffers_AReloadKeepsTheContactLimitAndTheSummary()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 2);
        var page = await OpenCallAsync(customer.Id);
        for (var i = 1; i <= 3; i++)
        {
            await page.Keyboard.PressAsync("l");
            await Assertions.Expect(page.Locator("[data-testid=later-form]")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync($"{i} answered");
        }
        await Assertions.Expect(page.Locator("[data-testid=panel-stop]")).ToHaveAttributeAsync("data-stop", "ContactLimitReached");

        await page.ReloadAsync(); // F5: the count is the database's, not the page's
        await page.WaitForSelectorAsync("[data-testid=call-cockpit][data-keys=on]");
        await Assertions.Expect(page.Locator("[data-testid=panel-stop]")).ToHaveAttributeAsync("data-stop", "ContactLimitReached");
        await Assertions.Expect(page.Locator("[data-testid=offer-card]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync("3 answered");
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(page.Locator("[data-testid=call-summary]")).ToContainTextAsync("later – follow up");
        Assert.Equal(3, (await LoggedTodayAsync(customer.Id)).Count(o => o.Outcome == OfferOutcome.Later));
    }

    [Fact]
    public async Task Rep_AcceptsByMistake_UndoInTheToastTakesTheOrderBack_AndTheToastCoversNoControls()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 3);
        var page = await OpenCallAsync(customer.Id);
        var first = await page.Locator("[data-testid=offer-card]").First.GetAttributeAsync("data-product");
        await page.Keyboard.PressAsync("a"); // accepted, "create the order" is on by default
        var toast = page.Locator(".mud-snackbar").Filter(new() { HasText = "order R" });
        await Assertions.Expect(toast).ToBeVisibleAsync();
        Assert.Single(await LoggedTodayAsync(customer.Id));
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await db.Orders.CountAsync(o => o.CustomerId == customer.Id && o.OrderedAt >= DateTime.UtcNow.Date));
        }
        foreach (var control in new[] { "[data-testid=call-channel]", "[data-testid=suggestion-panel] h6", "[data-testid=call-search-input]" })
        {
            var (a, b) = (await toast.BoundingBoxAsync(), await page.Locator(control).First.BoundingBoxAsync());
            Assert.True(a!.X + a.Width <= b!.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y, $"the toast covers {control}");
        }
        await browser.ScreenshotAsync(page, "call-cockpit-undo-en");

        await toast.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "taken back" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=offer-card][data-product='{first}']")).ToHaveCountAsync(1, new() { Timeout = 15_000 }); // the offer is back
        Assert.Empty(await LoggedTodayAsync(customer.Id));
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
            Assert.Equal(0, await db.Orders.CountAsync(o => o.CustomerId == customer.Id && o.OrderedAt >= DateTime.UtcNow.Date));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Order" && a.Action == CrossSellCrm.Domain.Auditing.AuditAction.Deleted));
        }

        // The keyboard's undo: d, 1 (too expensive), then u.
        await page.Keyboard.PressAsync("d");
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToContainTextAsync("1 answered");
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.Locator("[data-testid=logged-count]")).ToHaveCountAsync(0);
        Assert.Empty(await LoggedTodayAsync(customer.Id));
    }

    [Fact]
    public async Task Rep_PastesAHugeText_IntoTheNote_KeepsTheCircuitAndIsToldOfTheLimit()
    {
        var customer = await CustomerWithOffersAsync(DemoAccounts.Sales, skip: 4);
        var page = await OpenCallAsync(customer.Id);
        var mark = browser.App.Log.Mark;
        await page.Locator("[data-testid=call-note]").FillAsync(new string('x', 100_000)); // a pasted document, far beyond the circuit's 32 KB message
        await Assertions.Expect(page.Locator("[data-testid=note-status]")).ToContainTextAsync("The note is full (4,000 characters)", new() { Timeout = 15_000 });
        Assert.Empty(browser.App.Log.ErrorsSince(mark));
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrossSellCrm.Domain.Persistence.CrmDbContext>>().CreateDbContextAsync();
            Assert.Equal(CrossSellCrm.Domain.Recommendations.CallNoteBook.MaxLength, (await db.CallNotes.Where(n => n.CustomerId == customer.Id).OrderBy(n => n.Id).LastAsync()).Text.Length);
        }
        // The circuit still answers: the keyboard still works.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(page.Locator("[data-testid=call-summary]")).ToBeVisibleAsync();
    }
}

/// <summary>The cockpit with customers the demo data does not have: brand new, without consent, with 500 orders, with a very long name.</summary>
public class CallCockpitEdgeCaseTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string LongFirst = "Maximiliane Alexandra Friederike";
    private const string LongLast = "von Hohenzollern-Sigmaringen-Württemberg";

    /// <summary>Writes a customer straight into the app's database (there is no customer form yet).</summary>
    private async Task<int> AddCustomerAsync(string number, string first, string last, bool consent, int orders, string? segment)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        await using var db = new CrossSellCrm.Domain.Persistence.CrmDbContext(
            new DbContextOptionsBuilder<CrossSellCrm.Domain.Persistence.CrmDbContext>().UseSqlite($"Data Source={browser.App.DatabasePath}").Options);
        var lena = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Sales);
        var customer = new Customer
        {
            CustomerNumber = number, FirstName = first, LastName = last, Country = "DE", City = "Baden-Baden", PostalCode = "76530",
            Email = $"{number.ToLowerInvariant()}@example.com", Phone = "+49 7221 555 0101", PhoneDigits = "4972215550101",
            AssignedRepId = lena.Id, CreatedAt = DateTime.UtcNow,
            Consents = [new MarketingConsent { Channel = ContactChannel.Phone, Granted = consent, ChangedAt = DateTime.UtcNow.AddDays(-3) }],
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        if (segment is not null)
        {
            var id = await db.Segments.Where(s => s.Name == segment).Select(s => s.Id).SingleAsync();
            db.SegmentMemberships.Add(new CrossSellCrm.Domain.Segmentation.SegmentMembership { CustomerId = customer.Id, SegmentId = id, Since = DateTime.UtcNow });
        }
        var products = await db.Products.Where(p => p.IsRepeatable).Select(p => new { p.Id, p.Price, p.UnitCost }).ToListAsync();
        for (var i = 0; i < orders; i++)
        {
            var p = products[i % products.Count];
            var order = new CrossSellCrm.Domain.Orders.Order
            {
                OrderNumber = $"{number}-{i:D4}", CustomerId = customer.Id, OrderedAt = DateTime.UtcNow.AddDays(-i), Channel = CrossSellCrm.Domain.Orders.SalesChannel.Online,
                Lines = [new CrossSellCrm.Domain.Orders.OrderLine { ProductId = p.Id, Quantity = 1, UnitPrice = p.Price, UnitCost = p.UnitCost }],
            };
            order.RecalculateTotals();
            db.Orders.Add(order);
        }
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private async Task<IPage> OpenAsync(int customer)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await page.GotoAsync($"/calls/{customer}");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await page.WaitForSelectorAsync("[data-testid=suggestion-panel] [data-testid=offer-card], [data-testid=panel-stop]");
        return page;
    }

    [Fact]
    public async Task NewCustomerWithALongName_GetsSegmentFavouritesAndThePanelSaysWhy()
    {
        var id = await AddCustomerAsync("N0000001", LongFirst, LongLast, consent: true, orders: 0, segment: "Photo enthusiasts");
        var page = await OpenAsync(id);
        await Assertions.Expect(page.Locator("[data-testid=customer-name]")).ToHaveTextAsync($"{LongFirst} {LongLast}");
        await Assertions.Expect(page.Locator("[data-testid=new-customer]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=panel-new-customer]")).ToBeVisibleAsync();
        Assert.True(await page.Locator("[data-testid=offer-card]").CountAsync() >= 1);
        await Assertions.Expect(page.Locator("[data-testid=offer-reasons]").First).ToContainTextAsync("Photo enthusiasts");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 1366, $"the page scrolls sideways ({width}px)");
        await browser.ScreenshotAsync(page, "call-cockpit-new-customer-en");
    }

    [Fact]
    public async Task CustomerWithoutConsent_GetsNoOffersAndTheReason()
    {
        var id = await AddCustomerAsync("N0000002", "Jana", "Ohne-Einwilligung", consent: false, orders: 3, segment: "Urban tech fans");
        var page = await OpenAsync(id);
        await Assertions.Expect(page.Locator("[data-testid=panel-stop]")).ToContainTextAsync("No consent for offers by phone");
        await Assertions.Expect(page.Locator("[data-testid=no-consent]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=offer-card]").CountAsync());
        await browser.ScreenshotAsync(page, "call-cockpit-no-consent-en");
    }

    [Fact]
    public async Task CustomerWith500Orders_ShowsTheNewestAndCountsTheRest()
    {
        var id = await AddCustomerAsync("N0000003", "Viel", "Käuferin", consent: true, orders: 500, segment: null);
        var page = await OpenAsync(id);
        await Assertions.Expect(page.Locator("[data-testid=customer-history]")).ToContainTextAsync("Purchases (500)");
        await Assertions.Expect(page.Locator("[data-testid=timeline-order]")).ToHaveCountAsync(CustomerProfileService.OrdersShown);
        await Assertions.Expect(page.GetByText("450 older orders not shown.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=behaviour-pending]")).ToBeVisibleAsync(); // written straight to the database: not yet profiled
        Assert.Equal(0, await page.Locator("[data-testid=new-customer]").CountAsync());
        await browser.ScreenshotAsync(page, "call-cockpit-500-orders-en");
    }
}
