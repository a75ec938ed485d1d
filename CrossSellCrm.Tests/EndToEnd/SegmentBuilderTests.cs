using CrossSellCrm.Tests.Support;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>A manager builds a segment from scratch with two groups, watches the preview, saves it and finds it in the list.</summary>
public class SegmentBuilderPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>Types into a rule's value box and leaves it, so the (debounced) value reaches the page.</summary>
    private static async Task TypeValueAsync(IPage page, string path, string text)
    {
        var input = Rule(page, path).Locator("input[data-testid=rule-value]");
        // The operator just chosen may still re-render the value field (seen once under CI load: the typed text was lost and
        // the rule said "Give one value"): type again until the field keeps it.
        for (var attempt = 0; ; attempt++)
        {
            await Assertions.Expect(input).ToBeEditableAsync();
            await input.FillAsync(text);
            await input.PressAsync("Tab");
            await page.WaitForTimeoutAsync(200);
            if (await input.InputValueAsync() == text || attempt == 2) break;
        }
        await Assertions.Expect(input).ToHaveValueAsync(text);
    }

    private static ILocator Rule(IPage page, string path) => page.Locator($"[data-testid=rule-condition][data-path='{path}']");

    private static async Task<string> PreviewAfterAsync(IPage page, string? before)
    {
        var count = page.Locator("[data-testid=preview-count]");
        if (before is not null) await Assertions.Expect(count).Not.ToHaveTextAsync(before);
        else await Assertions.Expect(count).ToBeVisibleAsync();
        return (await count.TextContentAsync())!;
    }

    [Fact]
    public async Task Manager_BuildsATwoGroupSegment_SeesThePreviewChange_SavesAndFindsIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.OpenAsync(page, "/segments/new", "[data-testid=rule-builder]");
        await Assertions.Expect(page.Locator("[data-testid=preview-invalid]")).ToBeVisibleAsync(); // an empty rule says what to fix
        await page.FillAsync("[data-testid=segment-name]", "Junge Fotofans in München");

        await ChooseAsync(page, Rule(page, "Rules[0]").Locator("[data-testid=rule-field]"), "Age");
        await ChooseAsync(page, Rule(page, "Rules[0]").Locator("[data-testid=rule-op]"), "at most");
        await TypeValueAsync(page, "Rules[0]", "abc");
        await Assertions.Expect(Rule(page, "Rules[0]").Locator("[data-testid=rule-error]")).ToContainTextAsync("not a valid whole number");
        await TypeValueAsync(page, "Rules[0]", "35");
        await Assertions.Expect(Rule(page, "Rules[0]").Locator("[data-testid=rule-error]")).ToHaveCountAsync(0);
        var young = await PreviewAfterAsync(page, null);

        await page.Locator("[data-testid=rule-builder] > [data-testid=rule-group] > div > [data-testid=add-group]").ClickAsync();
        await ChooseAsync(page, Rule(page, "Rules[1].Rules[0]").Locator("[data-testid=rule-field]"), "Interests");
        await ChooseAsync(page, Rule(page, "Rules[1].Rules[0]").Locator("[data-testid=rule-values]"), "Photography");
        var photo = await PreviewAfterAsync(page, young);
        await page.Locator("[data-testid=rule-group][data-path='Rules[1]'] [data-testid=add-rule]").ClickAsync();
        await ChooseAsync(page, Rule(page, "Rules[1].Rules[1]").Locator("[data-testid=rule-field]"), "City");
        await TypeValueAsync(page, "Rules[1].Rules[1]", "München");
        var photoOrMunich = await PreviewAfterAsync(page, photo);
        Assert.True(int.Parse(photoOrMunich.Replace(",", "")) >= int.Parse(photo.Replace(",", "")), "an 'any of' group can only widen");
        await browser.ScreenshotAsync(page, "segment-builder-en");

        await Assertions.Expect(page.Locator("[data-testid=segment-save]")).ToBeEnabledAsync();
        await page.ClickAsync("[data-testid=segment-save]");
        // Polls the address: a client-side navigation fires no load event to wait for.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("segments/\\d+$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=segment-title]")).ToHaveTextAsync("Junge Fotofans in München");
        await Assertions.Expect(page.Locator("[data-testid=segment-definition]")).ToContainTextAsync("Age at most 35");
        await Assertions.Expect(page.Locator("[data-testid=segment-members-grid] tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.WaitForChartsAsync(page);
        await browser.ScreenshotAsync(page, "segment-detail-en");

        await BrowserFixture.OpenAsync(page, "/segments", "[data-testid=segments-table]");
        var row = page.Locator("[data-testid=segments-table] tbody tr").Filter(new() { HasText = "Junge Fotofans in München" });
        await Assertions.Expect(row.Locator("[data-testid=segment-members]")).ToHaveTextAsync(photoOrMunich);
        await browser.ScreenshotAsync(page, "segments-list-en");
    }

    [Fact]
    public async Task Manager_ComparesTwoSegments_AndAddsAWordToTheVocabulary()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
        await BrowserFixture.OpenAsync(page, "/segments/compare", "[data-testid=compare-hint]");
        await ChooseAsync(page, page.Locator("[data-testid=compare-choose]"), "Students");
        // Each choice goes into the address and renders the page again: wait for that before the next one.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("ids=\\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=compare-hint]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[data-testid=compare-choose]")).ToHaveValueAsync("Students");
        // The view lives in the address: add the second segment there, as a shared link would.
        int photo;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            photo = db.Segments.Single(s => s.Name == "Photo enthusiasts").Id;
        await BrowserFixture.OpenAsync(page, page.Url + "," + photo, "[data-testid=compare-table]");
        var table = page.Locator("[data-testid=compare-table]");
        await Assertions.Expect(table).ToContainTextAsync("Students");
        await Assertions.Expect(table).ToContainTextAsync("Photo enthusiasts");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(9);
        await BrowserFixture.WaitForChartsAsync(page);
        await browser.ScreenshotAsync(page, "segments-compare-en");

        await BrowserFixture.OpenAsync(page, "/segments/vocabulary", "[data-testid=voc-table]");
        await page.FillAsync("[data-testid=voc-code]", "trail-running");
        await page.FillAsync("[data-testid=voc-en]", "Trail running");
        await page.FillAsync("[data-testid=voc-de]", "Traillauf");
        await page.ClickAsync("[data-testid=voc-add-button]");
        await Assertions.Expect(page.Locator("[data-testid=voc-table]")).ToContainTextAsync("Traillauf");
        await browser.ScreenshotAsync(page, "vocabulary-en");
    }

    [Fact]
    public async Task TwoManagersEditOneSegment_TheSecondSaveIsRefusedClearly_AndADuplicateNameIsToldBesideTheName()
    {
        int id;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            id = db.Segments.Single(s => s.Name == "Students").Id;
        var mara = await browser.NewPageAsync();
        var tom = await browser.NewPageAsync();
        foreach (var page in new[] { mara, tom })
        {
            await BrowserFixture.SignInAsync(page, DemoAccounts.Manager, "[data-testid=manager-home]");
            await BrowserFixture.OpenAsync(page, $"/segments/{id}/edit", "[data-testid=preview-count]");
        }
        await mara.Locator("textarea").First.FillAsync("Mara's description");
        await mara.ClickAsync("[data-testid=segment-save]");
        await Assertions.Expect(mara).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"segments/{id}$"));

        await tom.Locator("textarea").First.FillAsync("Tom's description");
        await tom.ClickAsync("[data-testid=segment-save]");
        await Assertions.Expect(tom.Locator("[data-testid=segment-stale]")).ToContainTextAsync("Someone else saved this segment");
        await browser.ScreenshotAsync(tom, "segment-editor-stale-en");
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
            Assert.Equal("Mara's description", db.Segments.Single(s => s.Id == id).Description);

        await BrowserFixture.OpenAsync(tom, $"/segments/new?from={id}", "[data-testid=preview-count]");
        await tom.FillAsync("[data-testid=segment-name]", "Photo enthusiasts");
        await tom.ClickAsync("[data-testid=segment-save]");
        await Assertions.Expect(tom.GetByText("Another segment has this name.")).ToBeVisibleAsync();
        await tom.FillAsync("[data-testid=segment-name]", "Photo enthusiasts 2");
        await Assertions.Expect(tom.GetByText("Another segment has this name.")).ToHaveCountAsync(0); // the message goes with the name it was about
    }
}
