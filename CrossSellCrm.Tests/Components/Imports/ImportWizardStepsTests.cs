using Bunit;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Data;
using CrossSellCrm.Web.Components.Pages.Data.Components;
using CrossSellCrm.Web.Localization;

namespace CrossSellCrm.Tests.Components.Imports;

/// <summary>The wizard's steps: the mapping the user edits, and a job's counts, problems and choices.</summary>
public class ImportWizardStepsTests : ComponentTestBase
{
    private static readonly ImportPreview Shop = new(new CsvDialect("utf-8", ',', false),
        ["InvoiceNo", "StockCode", "Description", "Quantity", "When", "UnitPrice", "Client", "Country"],
        [["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "2010-12-01 08:26:00", "2.55", "17850.0", "United Kingdom"]],
        "en-US", ImportFields.Suggest(ImportKind.Orders, ["InvoiceNo", "StockCode", "Description", "Quantity", "When", "UnitPrice", "Client", "Country"]));

    private static ImportWizard Loaded()
    {
        var wizard = new ImportWizard { Kind = ImportKind.Orders };
        wizard.Loaded("export.csv", "/tmp/x.csv", Shop);
        return wizard;
    }

    [Fact]
    public void Wizard_SuggestsFromTheHeader_AndTheDryRunWaitsForTheRequiredFields()
    {
        var wizard = Loaded();
        Assert.Equal(ImportStep.Map, wizard.Step);
        Assert.Equal("InvoiceNo", wizard.Mapping["order"]);
        Assert.Equal("StockCode", wizard.Mapping["sku"]);
        Assert.Null(wizard.Mapping["date"]); // "When" is no synonym
        Assert.Contains(wizard.Problems(), p => p.Contains("\"date\"", StringComparison.Ordinal));
        wizard.Mapping["date"] = "When";
        wizard.Mapping["customer"] = "Client";
        Assert.Empty(wizard.Problems());
        Assert.Equal("2010-12-01 08:26:00", wizard.Sample("When"));
        var settings = wizard.Settings();
        Assert.Equal("When", settings.Mapping["date"]);
        Assert.False(settings.Mapping.ContainsKey("discount")); // not read
    }

    [Fact]
    public void MappingStep_ChangingAColumn_UpdatesTheSampleAndEnablesTheCheck()
    {
        var wizard = Loaded();
        var checkedFile = false;
        var cut = Ctx.Render<ImportMappingStep>(p => p.Add(s => s.Wizard, wizard).Add(s => s.OnCheck, () => checkedFile = true));
        Assert.True(cut.Find("[data-testid=import-check]").HasAttribute("disabled"));
        Assert.Contains("date", cut.Find("[data-testid=mapping-problems]").TextContent);

        cut.Find("[data-testid=map-date]").Change("When");
        Assert.Contains("2010-12-01 08:26:00", cut.Find("tr[data-field=date] .import-sample").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=mapping-problems]"));
        cut.Find("[data-testid=import-check]").Click();
        Assert.True(checkedFile);
    }

    [Fact]
    public void MappingStep_InGerman_NamesTheSeparatorAndTheFields()
    {
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.German;
        var cut = Ctx.Render<ImportMappingStep>(p => p.Add(s => s.Wizard, Loaded()));
        Assert.Contains("getrennt durch Komma", cut.Find("[data-testid=import-dialect]").TextContent);
        Assert.Contains("Stückpreis", cut.Find("tr[data-field=unit-price]").TextContent);
    }

    private static ImportJob Job(bool dryRun, ImportJobStatus status) => new()
    {
        Id = 7, Kind = ImportKind.Orders, DryRun = dryRun, Status = status, UserName = "admin", FileName = "export.csv", FileHash = "ab", Settings = "{}",
        FileBytes = 1000, BytesDone = status == ImportJobStatus.Running ? 400 : 1000, RowsDone = 12, Seconds = 2, StoredPath = "/tmp/x.csv",
        Counts = new ImportCounts { OrdersCreated = 3, OrderLinesCreated = 9, RowsRejected = 2, RowsSkipped = 1 },
    };

    private static readonly ImportProblem[] Problems =
    [
        new() { Line = 5, Outcome = ImportOutcome.Rejected, Column = "Quantity", Value = "0", Message = "The quantity cannot be 0." },
        new() { Line = 9, Outcome = ImportOutcome.Skipped, Message = "No customer key." },
    ];

    [Fact]
    public void JobPanel_DryRunDone_ShowsWhatWouldHappen_AndOffersTheValidRowsOrNothing()
    {
        var (imported, discarded) = (false, false);
        var cut = Ctx.Render<ImportJobPanel>(p => p.Add(s => s.View, new ImportJobView(Job(true, ImportJobStatus.Done), Problems, 2))
            .Add(s => s.OnImport, () => imported = true).Add(s => s.OnDiscard, () => discarded = true));
        Assert.Equal("3", cut.Find("[data-count=WillCreateOrders] .kpi-value").TextContent);
        Assert.Contains("orders to create", cut.Find("[data-count=WillCreateOrders]").TextContent);
        Assert.Contains("Import the 9 valid rows", cut.Find("[data-testid=import-valid]").TextContent); // 12 read − 2 rejected − 1 skipped
        Assert.Equal(2, cut.FindAll("[data-testid=import-problems] tbody tr").Count);
        Assert.Equal("data/imports/7/report.csv", cut.Find("[data-testid=import-report]").GetAttribute("href"));
        cut.Find("[data-testid=import-valid]").Click();
        cut.Find("[data-testid=import-nothing]").Click();
        Assert.True(imported && discarded);
        Assert.Empty(cut.FindAll("[data-testid=import-cancel]"));
    }

    [Fact]
    public void JobPanel_Running_ShowsProgressAndCancel_Interrupted_OffersResume()
    {
        var cut = Ctx.Render<ImportJobPanel>(p => p.Add(s => s.View, new ImportJobView(Job(false, ImportJobStatus.Running), [], 0)));
        Assert.Equal("40", cut.Find("[data-testid=import-progress]").GetAttribute("aria-valuenow"));
        Assert.Contains("6 rows/s", cut.Find("[data-testid=import-rate]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=import-cancel]"));
        Assert.Empty(cut.FindAll("[data-testid=import-report]"));

        cut.Render(p => p.Add(s => s.View, new ImportJobView(Job(false, ImportJobStatus.Interrupted), [], 0)));
        Assert.NotEmpty(cut.FindAll("[data-testid=import-resume]"));
        Assert.Contains("12 rows", cut.Find("[data-testid=import-interrupted]").TextContent);
    }
}
