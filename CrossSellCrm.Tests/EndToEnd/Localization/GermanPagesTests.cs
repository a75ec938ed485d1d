using System.Text.RegularExpressions;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd.Localization;

/// <summary>
/// Every page, in German, as the people who use it see it: no English interface words may show. Data that is English
/// by nature (product and brand names, English practice cases, customers' names) is taken out of the page text first.
/// </summary>
public partial class GermanPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Interface words that are English and not German (so not "per", "Name", "Filter"). Case-sensitive, whole words.</summary>
    private static readonly string[] English =
    [
        "the", "and", "with", "of", "for", "to", "from", "by", "or", "is", "are", "this", "that", "your", "you",
        "Rows", "page", "Save", "Cancel", "Search", "Loading", "Choose", "Give", "Customers", "Customer", "Revenue", "Orders",
        "accepted", "declined", "later", "Week", "Month", "Yes", "Show", "Hide", "Champions", "Loyal", "Promising", "Lost",
        "Hibernating", "risk", "attention", "sleep", "loyalists", "enthusiasts", "Students", "fans", "Headphones", "Chargers", "Mice",
        "Keyboards", "Tripods", "Lenses", "cards", "bags", "items", "None", "Total", "Password", "Sign", "Back", "Next", "Previous",
        "selected", "Clear", "Apply", "Close", "Delete", "Edit", "New", "Add", "Remove", "Submit", "Required", "must", "not", "empty",
        "Nothing", "found", "data", "Select", "All", "Upload", "days", "ago", "today", "yesterday", "Bought", "customers",
    ];

    private static readonly Regex Words = new(@"\b(" + string.Join("|", English.Select(Regex.Escape)) + @")\b", RegexOptions.Compiled);

    private sealed record Data(int Customer, int Segment, int Other, int Product, int GermanCase, int AnsweredCase, string Trainee, string[] Strip);

    private async Task<Data> DataAsync()
    {
        await browser.App.EngineAsync();
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        var rep = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Sales);
        var customer = await db.Customers.Where(c => c.AssignedRepId == rep.Id && c.Consents.Any(x => x.Granted) && c.Behaviour.Frequency >= 3)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var strip = new List<string>();
        strip.AddRange(await db.Products.Select(p => p.Name).ToListAsync());
        strip.AddRange(await db.Products.Select(p => p.Brand).Distinct().ToListAsync());
        strip.AddRange(await db.Customers.Select(c => c.FirstName + " " + c.LastName).ToListAsync());
        strip.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        var englishCases = await db.PracticeCases.Where(c => c.Language == "en").Select(c => new { c.Id, c.Title, c.Situation, c.CustomerSays }).ToListAsync();
        strip.AddRange(englishCases.SelectMany(c => new[] { c.Title, c.Situation, c.CustomerSays ?? "" }));
        var englishIds = englishCases.Select(c => c.Id).ToList();
        strip.AddRange(await db.PracticeAnswers.Where(a => englishIds.Contains(a.Session!.CaseId)).Select(a => a.Pitch).ToListAsync());
        var germanCase = await db.PracticeCases.Where(c => c.Language == "de").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var answered = await db.PracticeAnswers.Where(a => a.Session!.Case!.Language == "de").Select(a => a.Session!.CaseId).FirstAsync();
        return new Data(customer, await db.Segments.Where(s => s.Name == "Photo enthusiasts").Select(s => s.Id).SingleAsync(),
            await db.Segments.Where(s => s.Name == "RFM: Champions").Select(s => s.Id).SingleAsync(),
            await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(), germanCase, answered, rep.Id,
            [.. strip.Where(s => s.Length > 2).Distinct().OrderByDescending(s => s.Length)]);
    }

    private static async Task<IPage> GermanPageAsync(BrowserFixture browser, string email, string ready)
    {
        var page = await browser.NewPageAsync("de-DE");
        await page.GotoAsync("/Account/Login");
        await page.ClickAsync("[data-testid=culture-de]");
        await BrowserFixture.SignInAsync(page, email, ready);
        return page;
    }

    /// <summary>The page's visible text with its labels and placeholders, minus the data that is English by nature.</summary>
    private static async Task<string> TextAsync(IPage page, string[] strip)
    {
        var text = await page.EvaluateAsync<string>(
            "() => document.body.innerText + '\\n' + [...document.querySelectorAll('[placeholder],[aria-label],[title]')].map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].filter(x => x).join('\\n')).join('\\n')");
        foreach (var s in strip) text = text.Replace(s, " ", StringComparison.Ordinal);
        return text;
    }

    private static IEnumerable<string> Findings(string path, string text) =>
        text.Split('\n').Select(line => (line, m: Words.Matches(line))).Where(x => x.m.Count > 0)
            .Select(x => $"{path}: [{string.Join(", ", x.m.Select(m => m.Value).Distinct())}] in \"{x.line.Trim()}\"");

    [Fact]
    public async Task EveryPage_InGerman_ShowsNoEnglishInterfaceWords()
    {
        var d = await DataAsync();
        var findings = new List<string>();
        var admin = await GermanPageAsync(browser, DemoAccounts.Admin, "[data-testid=admin-home]");
        (string Path, string Ready)[] adminPages =
        [
            ("/", "[data-testid=admin-home]"), ("/kpis", "[data-testid=dashboard]"), ("/segments", "[data-testid=segments-table]"),
            ($"/segments/{d.Segment}", "[data-testid=segment-members-grid]"), ($"/segments/{d.Other}", "[data-testid=segment-members-grid]"),
            ("/segments/new", "[data-testid=rule-builder]"), ($"/segments/{d.Segment}/edit", "[data-testid=preview-count]"),
            ($"/segments/compare?ids={d.Segment},{d.Other}", "[data-testid=compare-table]"), ("/segments/vocabulary", "[data-testid=voc-table]"),
            ($"/customers/{d.Customer}/edit", "[data-testid=profile-save]"), ("/catalog", "[data-testid=catalog-table]"), ($"/catalog/{d.Product}", "[data-testid=product-name]"),
            ("/recommendations/rules", "[data-testid=rules-table]"), ("/recommendations/learning", "[data-testid=learning-table]"),
            ("/recommendations/quality", "[data-testid=quality-status]"), ("/coaching", "[data-testid=case-table]"), ("/coaching/cases/new", "[data-testid=case-save]"),
            ($"/coaching/cases/{d.AnsweredCase}", "[data-testid=case-stats]"), ("/coaching/progress", "[data-testid=progress-table]"),
            ($"/coaching/progress/{d.Trainee}", "[data-testid=trainee-name]"), ("/admin/users", "[data-testid=users-table]"), ($"/calls/{d.Customer}", "[data-testid=customer-360]"),
        ];
        foreach (var (path, ready) in adminPages)
        {
            await BrowserFixture.OpenAsync(admin, path, ready);
            await admin.WaitForTimeoutAsync(500); // data that loads after the first render
            findings.AddRange(Findings(path, await TextAsync(admin, d.Strip)));
        }
        // Validation messages, FluentValidation's own among them: an empty segment rule, an emptied profile.
        await BrowserFixture.OpenAsync(admin, "/segments/new", "[data-testid=preview-invalid]");
        findings.AddRange(Findings("/segments/new (errors)", await TextAsync(admin, d.Strip)));
        await BrowserFixture.OpenAsync(admin, $"/customers/{d.Customer}/edit", "[data-testid=profile-save]");
        await admin.FillAsync("[data-testid=profile-first-name]", "");
        await admin.FillAsync("[data-testid=profile-email]", "keine-adresse");
        await admin.ClickAsync("[data-testid=profile-save]");
        await admin.WaitForTimeoutAsync(500);
        findings.AddRange(Findings("/customers/edit (errors)", await TextAsync(admin, d.Strip)));
        await admin.GotoAsync("/Account/Manage"); // static: no circuit to wait for
        await admin.WaitForSelectorAsync("[data-testid=account-frame]");
        findings.AddRange(Findings("/Account/Manage", await TextAsync(admin, d.Strip)));

        var rep = await GermanPageAsync(browser, DemoAccounts.Sales, "[data-testid=sales-home]");
        foreach (var (path, ready) in new[] { ("/", "[data-testid=sales-home]"), ($"/calls/{d.Customer}", "[data-testid=suggestion-panel]"),
                     ("/coaching/my-progress", "[data-testid=trainee-name]"), ($"/coaching/practice/{d.GermanCase}", "[data-testid=practice-start]") })
        {
            await BrowserFixture.OpenAsync(rep, path, ready);
            await rep.WaitForTimeoutAsync(500);
            findings.AddRange(Findings($"{path} (rep)", await TextAsync(rep, d.Strip)));
        }
        var trainer = await GermanPageAsync(browser, DemoAccounts.Trainer, "[data-testid=trainer-home]");
        findings.AddRange(Findings("/ (trainer)", await TextAsync(trainer, d.Strip)));
        var manager = await GermanPageAsync(browser, DemoAccounts.Manager, "[data-testid=manager-home]");
        await manager.WaitForTimeoutAsync(500);
        findings.AddRange(Findings("/ (manager)", await TextAsync(manager, d.Strip)));

        Assert.True(findings.Count == 0, $"{findings.Count} English finds:\n" + string.Join("\n", findings.Distinct()));
    }
}
