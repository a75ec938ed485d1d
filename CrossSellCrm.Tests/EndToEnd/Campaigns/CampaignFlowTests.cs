using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Campaigns;

/// <summary>
/// A manager builds a campaign in the browser, previews the mail a German member would get, sends a test to herself, sends
/// the campaign and sees its results — the mails arriving at a real SMTP server.
/// </summary>
public class CampaignFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_BuildsACampaign_PreviewsAGermanMember_SendsATest_SendsIt_AndSeesTheResults()
    {
        await browser.App.EngineAsync();
        var segment = await Integration.Campaigns.CampaignScenario.SegmentAsync(browser.App, "RFM: Loyal customers");
        var log = browser.App.Log.Mark;
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.OpenAsync(page, "/campaigns", "[data-testid=campaign-new]");
        await page.ClickAsync("[data-testid=campaign-new]");
        await page.WaitForSelectorAsync("[data-testid=campaign-name]");

        // The texts come filled in; a pushy subject is refused where it stands.
        await page.FillAsync("[data-testid=campaign-name]", "Loyal customers · spring");
        await page.FillAsync("[data-testid=campaign-subject-en]", "Last chance – only today!");
        await page.ClickAsync("[data-testid=campaign-save]");
        var errors = page.Locator(".mud-input-helper-text.mud-input-error");
        await Assertions.Expect(errors.Filter(new() { HasText = "Pressure has no place in a mail: \"only today\", \"last chance\"" })).ToHaveCountAsync(1);
        await Assertions.Expect(errors.Filter(new() { HasText = "Choose the segment the campaign mails." })).ToHaveCountAsync(1);
        await page.FillAsync("[data-testid=campaign-subject-en]", "Something that goes with what you have");
        await page.PressAsync("[data-testid=campaign-subject-en]", "Tab");
        await page.SelectOptionAsync("[data-testid=campaign-segment]", segment.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A German member's exact mail. (The first German members may have no consent for e-mail: the preview says so, and the next one is tried.)
        var germans = page.Locator("[data-testid=campaign-member] option").Filter(new() { HasText = "(DE)" });
        await Assertions.Expect(germans.First).ToBeAttachedAsync();
        foreach (var value in await germans.EvaluateAllAsync<string[]>("os => os.map(o => o.value)"))
        {
            await page.SelectOptionAsync("[data-testid=campaign-member]", value);
            var result = page.Locator($"[data-testid=campaign-preview-result][data-member='{value}']");
            await Assertions.Expect(result).ToBeAttachedAsync();
            if (await result.GetAttributeAsync("data-mail") == "yes") break;
            await Assertions.Expect(page.Locator("[data-testid=campaign-preview-skip]")).ToContainTextAsync("no mail");
        }
        await Assertions.Expect(page.Locator("[data-testid=campaign-preview-subject]")).ToHaveTextAsync("Etwas, das zu Ihrem Einkauf passt");
        var html = await page.Locator("[data-testid=campaign-preview-html]").GetAttributeAsync("srcdoc");
        Assert.Contains("Hallo ", html);
        Assert.Contains("Mit einem Klick abmelden", html);
        var offer = (await page.Locator("[data-testid=campaign-preview-offer]").InnerTextAsync()).Trim();
        await browser.ScreenshotAsync(page, "campaign-editor-preview-de-member");

        // A test to herself: it arrives, marked.
        await Assertions.Expect(page.Locator("[data-testid=campaign-test-to]")).ToHaveValueAsync(DemoAccounts.Manager);
        await page.ClickAsync("[data-testid=campaign-test-send]");
        await Assertions.Expect(page.Locator("[data-testid=campaign-test-result]")).ToContainTextAsync("The test mail went to");
        var test = (await SmtpTestServer.Shared.WaitForAsync(1)).Last(m => m.To.Mailboxes.Any(x => x.Address == DemoAccounts.Manager));
        Assert.Equal("[Test] Etwas, das zu Ihrem Einkauf passt", test.Subject);
        Assert.Contains(offer, test.HtmlBody);

        // Saved, sent now, and followed to the end.
        await page.ClickAsync("[data-testid=campaign-save]");
        await page.WaitForSelectorAsync("[data-testid=campaign-send-now]");
        await page.ClickAsync("[data-testid=campaign-send-now]");
        await Assertions.Expect(page.Locator("[data-testid=campaign-status]")).ToHaveAttributeAsync("data-status", "Sent", new() { Timeout = 60_000 });
        int id, sent;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            id = await db.Campaigns.Where(c => c.Name == "Loyal customers · spring").Select(c => c.Id).SingleAsync();
            var messageIds = await db.CampaignSends.Where(s => s.CampaignId == id && s.Status == SendStatus.Sent).Select(s => s.MessageId).ToListAsync();
            sent = messageIds.Count;
            Assert.True(sent > 0);
            Assert.Equal(sent, SmtpTestServer.Shared.Received.Count(m => messageIds.Contains(m.MessageId)));
        }
        await Assertions.Expect(page.Locator("[data-testid=campaign-total-sent]")).ToContainTextAsync(sent.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        await Assertions.Expect(page.Locator("[data-testid=campaign-by-offer]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-skipped]")).ToContainTextAsync("No consent for offers by e-mail");
        await browser.ScreenshotAsync(page, "campaign-sent-results");

        // The list shows it with its numbers, and by segment.
        await BrowserFixture.OpenAsync(page, "/campaigns", "[data-testid=campaigns-table]");
        await Assertions.Expect(page.Locator("[data-testid=campaign-row]").Filter(new() { HasText = "Loyal customers · spring" })).ToContainTextAsync("Sent");
        await Assertions.Expect(page.Locator("[data-testid=campaigns-by-segment]")).ToContainTextAsync("RFM: Loyal customers");
        Assert.Empty(browser.App.Log.ErrorsSince(log));
    }
}
