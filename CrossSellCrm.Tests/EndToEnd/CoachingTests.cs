using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>Coaching in Chromium: a classroom session with a trainer and a trainee in two browsers, and a rep practising alone in German.</summary>
public class CoachingPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task PickAsync(IPage page, string product)
    {
        await page.FillAsync("[data-testid=answer-filter]", product);
        // Wait for the (debounced) filter: every row left shows the product.
        await Assertions.Expect(page.Locator("[data-testid=answer-catalogue] .product-pick-row").Filter(new() { HasNotText = product })).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=answer-catalogue] .product-pick-row").Filter(new() { HasText = product });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid=answer-add]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=answer-pick]").Filter(new() { HasText = product })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task GroupSession_TraineeJoinsAndAnswers_TrainerSeesItLiveAndReveals()
    {
        var trainer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(trainer, DemoAccounts.Trainer, "[data-testid=trainer-home]");
        await BrowserFixture.OpenAsync(trainer, "/coaching", "[data-testid=case-table]");
        await trainer.Locator("[data-testid=case-table] tbody tr").Filter(new() { HasText = "A full-frame camera before a trip" })
            .Locator("[data-testid=case-group]").ClickAsync();
        await Assertions.Expect(trainer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/coaching/sessions/[A-Z0-9]{6}/host$"));
        var code = (await trainer.Locator("[data-testid=host-code]").TextContentAsync())!.Trim();
        await Assertions.Expect(trainer.Locator("[data-testid=host-no-answers]")).ToBeVisibleAsync();
        await Assertions.Expect(trainer.Locator("[data-testid=host-reveal]")).ToBeDisabledAsync();

        // The trainee, in a browser of their own, joins with the code read off the projector.
        var trainee = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(trainee, DemoAccounts.Sales, "[data-testid=sales-home]");
        await BrowserFixture.OpenAsync(trainee, "/coaching", "[data-testid=join-box]");
        await trainee.FillAsync("[data-testid=join-code]", code.ToLowerInvariant());
        await trainee.ClickAsync("[data-testid=join-button]");
        await trainee.WaitForSelectorAsync("[data-testid=answer-form]");
        await Assertions.Expect(trainee.Locator("[data-testid=case-title]")).ToHaveTextAsync("A full-frame camera before a trip");
        await Assertions.Expect(trainer.Locator("[data-testid=host-joined]")).ToContainTextAsync("Lena Wagner");

        await PickAsync(trainee, "Sony FE 50mm");
        await PickAsync(trainee, "Peak Design Travel Tripod");
        await trainee.FillAsync("[data-testid=answer-pitch]",
            "Since you bought the Sony Alpha 7 IV for your trip: the 50 mm lens is 10 % off as a bundle, €251.10 instead of €279, and makes portraits with soft backgrounds. No rush — I can send you the details.");
        await trainee.ClickAsync("[data-testid=answer-submit]");
        await Assertions.Expect(trainee.Locator("[data-testid=answer-waiting]")).ToBeVisibleAsync();

        // The answer arrives on the trainer's screen without a reload; scores stay hidden until the reveal.
        var row = trainer.Locator("[data-testid=host-answer]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Lena Wagner");
        await Assertions.Expect(row).ToContainTextAsync("1. Sony FE 50mm f/1.8 · 2. Peak Design Travel Tripod");
        await Assertions.Expect(row.Locator("[data-testid=host-answer-total]")).ToHaveTextAsync("•");
        await browser.ScreenshotAsync(trainer, "coaching-host-answers-en");

        await trainer.ClickAsync("[data-testid=host-reveal]");
        await Assertions.Expect(row.Locator("[data-testid=host-answer-total]")).Not.ToHaveTextAsync("•");
        await Assertions.Expect(trainer.Locator("[data-testid=reference-answer]")).ToContainTextAsync("Sony FE 50mm f/1.8");

        // The reveal reaches the trainee too, with the same total the trainer sees and the database holds.
        await trainee.WaitForSelectorAsync("[data-testid=answer-feedback]");
        var total = (await trainee.Locator("[data-testid=feedback-total]").TextContentAsync())!.Trim();
        await Assertions.Expect(row.Locator("[data-testid=host-answer-total]")).ToHaveTextAsync(total);
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        var stored = await db.PracticeAnswers.Where(a => a.Session!.Code == code).SingleAsync();
        Assert.Equal(total, stored.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(stored.Total >= 80, $"a good answer scores high (was {stored.Total})");
        await Assertions.Expect(trainee.Locator("[data-testid=reference-notes]")).ToContainTextAsync("10 % off as a bundle");
        await browser.ScreenshotAsync(trainer, "coaching-host-revealed-en");

        // Someone who joins after the reveal sees the reference, and the session takes no more answers.
        var late = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(late, "aylin.demir@crm.example", "[data-testid=sales-home]");
        await BrowserFixture.OpenAsync(late, $"/coaching/sessions/{code}", "[data-testid=answers-closed]");
        await Assertions.Expect(late.Locator("[data-testid=answer-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(late.Locator("[data-testid=reference-answer]")).ToContainTextAsync("Sony FE 50mm f/1.8");
        await browser.ScreenshotAsync(trainee, "coaching-trainee-feedback-en");
    }

    [Fact]
    public async Task SoloPractice_German_PushyIrrelevantAnswer_NamesTheArticlesMistakes()
    {
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync("/culture/de-DE?returnUrl=/Account/Login");
        await BrowserFixture.SignInAsync(page, DemoAccounts.Sales, "[data-testid=sales-home]");
        await BrowserFixture.OpenAsync(page, "/coaching", "[data-testid=case-table]");
        await page.Locator("[data-testid=case-table] tbody tr").Filter(new() { HasText = "Drei Wochen im Studio" }).Locator("[data-testid=case-practise]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=practice-begin]");
        await Assertions.Expect(page.Locator("[data-testid=customer-360]")).ToContainTextAsync("Jonas Weber");
        await page.ClickAsync("[data-testid=practice-begin]");
        await page.WaitForSelectorAsync("[data-testid=answer-form]");

        await page.ClickAsync("[data-testid=answer-submit]"); // nothing written yet
        await Assertions.Expect(page.Locator("[data-testid=answer-form]")).ToContainTextAsync("Schreiben Sie, was Sie der Person sagen würden.");

        await PickAsync(page, "Recovery & Sauna Add-on");
        await PickAsync(page, "Joby GorillaPod 3K");
        await page.FillAsync("[data-testid=answer-pitch]", "Nur heute: Sauna und ein Stativ! Letzte Chance, Sie müssen jetzt zugreifen.");
        await page.ClickAsync("[data-testid=answer-submit]");
        await page.WaitForSelectorAsync("[data-testid=answer-feedback]");

        var mistakes = page.Locator("[data-testid=feedback-mistake]");
        await Assertions.Expect(mistakes).ToHaveCountAsync(3);
        await Assertions.Expect(mistakes.Nth(0)).ToContainTextAsync("Unpassendes Angebot");
        await Assertions.Expect(page.Locator("[data-testid=feedback-relevance]")).ToContainTextAsync("darf hier nicht angeboten werden");
        await Assertions.Expect(page.Locator("[data-testid=feedback-pressure]")).ToContainTextAsync("„nur heute“");
        await Assertions.Expect(page.Locator("[data-testid=reference-answer]")).ToContainTextAsync("Personal Training (5 sessions)");
        await browser.ScreenshotAsync(page, "coaching-solo-feedback-de");

        // The answer counts in the rep's own progress.
        await BrowserFixture.OpenAsync(page, "/coaching/my-progress", "[data-testid=trainee-summary]");
        await Assertions.Expect(page.Locator("[data-testid=trainee-answers] tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=trainee-calls]")).ToContainTextAsync("Team-Median");
    }

    [Fact]
    public async Task Trainer_BuildsACaseFromACustomer_AdjustsTheReference_AndFindsItInTheLibrary()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Trainer, "[data-testid=trainer-home]");
        await BrowserFixture.OpenAsync(page, "/coaching/cases/new", "[data-testid=case-from-customer]");
        await page.ClickAsync("[data-testid=case-save]");
        await Assertions.Expect(page.Locator("[data-testid=case-persona]")).ToContainTextAsync("Give the customer a (made-up) name.");

        await page.FillAsync("[data-testid=call-search-input]", "C00000");
        await page.Locator("[data-testid=search-result]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-anonymised]")).ToBeVisibleAsync();
        var title = await page.InputValueAsync("[data-testid=case-title-input]");
        Assert.False(string.IsNullOrWhiteSpace(title));
        var rows = page.Locator("[data-testid=reference-row]");
        if (await rows.CountAsync() > 0) await rows.First.Locator("[data-testid=reference-must-not-toggle]").ClickAsync();
        await page.FillAsync("[data-testid=case-title-input]", "Aus dem Kundenstamm: " + title);
        await page.ClickAsync("[data-testid=case-save]");

        await page.WaitForSelectorAsync("[data-testid=case-stats-empty]");
        await BrowserFixture.OpenAsync(page, "/coaching", "[data-testid=case-table]");
        await Assertions.Expect(page.Locator("[data-testid=case-row-title]").Filter(new() { HasText = "Aus dem Kundenstamm" })).ToHaveCountAsync(1);
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        var saved = await db.PracticeCases.SingleAsync(c => c.Title.StartsWith("Aus dem Kundenstamm"));
        Assert.True(saved.FromCustomer);
        if (CaseJson.Reference(saved.ReferenceJson) is { Count: > 0 } reference) Assert.True(reference[0].MustNotOffer);
    }
}
