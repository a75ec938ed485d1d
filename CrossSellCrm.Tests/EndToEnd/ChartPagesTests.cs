using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrossSellCrm.Tests.EndToEnd;

/// <summary>
/// Every page with charts, loaded in full ten times in a row: no chart may end its circuit (a dead circuit
/// looks alive, but paging, search, CSV and delete stop working), whatever order the renders come in.
/// </summary>
public class ChartPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EveryPageWithCharts_LoadedTenTimes_LogsNoCircuitError()
    {
        int segment, other, practiceCase;
        string trainee;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync())
        {
            segment = await db.Segments.Where(s => s.Name == "Photo enthusiasts").Select(s => s.Id).SingleAsync();
            other = await db.Segments.Where(s => s.Name == "Students").Select(s => s.Id).SingleAsync();
            practiceCase = await db.PracticeAnswers.Select(a => a.Session!.CaseId).FirstAsync();
            trainee = await db.Users.Where(u => u.Email == DemoAccounts.Sales).Select(u => u.Id).SingleAsync();
        }
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoAccounts.Admin, "[data-testid=admin-home]");
        string[] paths =
        [
            "/", "/kpis", $"/segments/{segment}", $"/segments/compare?ids={segment},{other}",
            $"/coaching/cases/{practiceCase}", $"/coaching/progress/{trainee}",
        ];
        var mark = browser.App.Log.Mark;
        foreach (var path in paths)
        {
            for (var i = 0; i < 10; i++)
            {
                await BrowserFixture.OpenAsync(page, path, "[data-testid=kpi-chart]");
                await BrowserFixture.WaitForChartsAsync(page);
            }
            var errors = browser.App.Log.ErrorsSince(mark);
            Assert.True(errors.Count == 0, $"{path}: {string.Join(Environment.NewLine, errors)}");
        }

        // And the last page still answers: its circuit is alive.
        await BrowserFixture.OpenAsync(page, $"/segments/{segment}", "[data-testid=member-search]");
        await page.Locator("[data-testid=member-search]").FillAsync("zzzz-nobody");
        await Assertions.Expect(page.Locator("[data-testid=segment-members-grid] tbody tr.mud-table-row")).ToHaveCountAsync(0);
    }
}
