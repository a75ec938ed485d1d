using System.Globalization;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Imports;

public class CustomerImportTests
{
    private static string CampaignPath => RealData.DatasetPath("marketing_campaign.csv");

    /// <summary>The wizard's suggestion for the file (ID, Year_Birth, Education, Income, Dt_Customer), read as British dates (dd-MM-yyyy).</summary>
    private static ImportSettings CampaignSettings() => new(ImportKind.Customers, new Dictionary<string, string>
    {
        ["customer"] = "ID", ["birth-year"] = "Year_Birth", ["education"] = "Education", ["income"] = "Income", ["customer-since"] = "Dt_Customer",
    }, "en-GB");

    private static int AgeOn(int birthYear, DateOnly today) => Customer.AgeOn(new DateOnly(birthYear, 7, 1), today);

    [Fact]
    public async Task MarketingCampaign_CustomersCreatedAreRowsMinusImpossibleBirthYears_EachRejectedWithTheReason()
    {
        using var _ = ImportTest.English();
        var rows = PlainCsv.Rows(CampaignPath, '\t');
        var today = DateOnly.FromDateTime(ImportTest.Now.UtcDateTime);
        var impossible = rows.Select((r, i) => (Line: i + 2L, Row: r)).Where(x => AgeOn(int.Parse(x.Row["Year_Birth"]), today) is < 14 or > 110).ToList();
        Assert.Equal(2_240, rows.Count);
        Assert.Equal(["1900", "1893", "1899"], impossible.Select(x => x.Row["Year_Birth"]));
        Assert.Equal(24, rows.Count(r => r["Income"] == ""));
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);

        var job = await service.ImportAsync(CampaignPath, CampaignSettings());

        Assert.Equal(ImportJobStatus.Done, job.Status);
        Assert.Equal(rows.Count, job.RowsDone);
        Assert.Equal(rows.Count - impossible.Count, job.Counts.CustomersCreated);
        Assert.Equal(impossible.Count, job.Counts.RowsRejected);
        Assert.Equal((0L, 0L, 0L, 0L), (job.Counts.CustomersUpdated, job.Counts.RowsUnchanged, job.Counts.RowsSkipped, job.Counts.RowsDuplicate));
        await using var db = database.Create();
        Assert.Equal(2_237, await db.Customers.CountAsync());
        var problems = await service.ProblemsAsync(job.Id);
        Assert.Equal(impossible.Select(x => (x.Line, ImportOutcome.Rejected, "Year_Birth", x.Row["Year_Birth"], "The birth date gives an implausible age (allowed: 14–110 years).")),
            problems.Select(p => (p.Line, p.Outcome, p.Column!, p.Value!, p.Message)));
        var refused = impossible.Select(x => x.Row["ID"]).ToList();
        Assert.Empty(await db.Customers.Where(c => refused.Contains(c.CustomerNumber)).ToListAsync());

        // The first row, as read: year, level, band, date of first purchase as dd-MM-yyyy.
        var first = await db.Customers.SingleAsync(c => c.CustomerNumber == "5524");
        Assert.Equal(new DateOnly(1957, 7, 1), first.BirthDate);
        Assert.Equal(EducationLevel.Bachelor, first.Education);        // "Graduation"
        Assert.Equal(IncomeBand.Middle, first.IncomeBand);             // 58,138
        Assert.Equal(new DateTime(2012, 9, 4), first.CreatedAt);       // 04-09-2012
        Assert.Equal("ZZ", first.Country);
        Assert.Equal(job.Id, first.ImportJobId);
        // Without an income the band stays unknown.
        Assert.Equal(IncomeBand.Unknown, (await db.Customers.SingleAsync(c => c.CustomerNumber == "1994")).IncomeBand);
        // Every level of the file, by the file's own counts.
        var levels = rows.Where(r => AgeOn(int.Parse(r["Year_Birth"]), today) is >= 14 and <= 110)
            .GroupBy(r => ImportWords.Education(ImportFields.Normalise(r["Education"]))!.Value).ToDictionary(g => g.Key, g => g.Count());
        var stored = (await db.Customers.GroupBy(c => c.Education).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).ToDictionary(g => g.Key, g => g.Count);
        Assert.Equal(levels.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task MarketingCampaign_ImportedAgain_EveryAcceptedRowUnchanged()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var first = await service.ImportAsync(CampaignPath, CampaignSettings());

        var again = await service.ImportAsync(CampaignPath, CampaignSettings());

        Assert.Equal(ImportJobStatus.Done, again.Status);
        Assert.Equal(first.Counts.CustomersCreated, again.Counts.RowsUnchanged);
        Assert.Equal(3, again.Counts.RowsRejected);
        Assert.Equal((0L, 0L, 0L), (again.Counts.CustomersCreated, again.Counts.CustomersUpdated, again.Counts.RowsDuplicate));
        await using var db = database.Create();
        Assert.Equal(0, await db.Customers.CountAsync(c => c.ImportJobId == again.Id));
    }

    [Fact]
    public async Task MarketingCampaign_WithTheGuessedCulture_DatesAreRefusedNotMisread()
    {
        // A tab file is guessed to be en-US, which has no dd-MM-yyyy: every row is refused with the formats it tried.
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var job = await service.ImportAsync(CampaignPath, CampaignSettings() with { Culture = "en-US" });
        Assert.Equal(2_240, job.Counts.RowsRejected);
        Assert.Equal(0, job.Counts.CustomersCreated);
        var problem = (await service.ProblemsAsync(job.Id, take: 1)).Single();
        Assert.Equal((2L, "Dt_Customer", "04-09-2012"), (problem.Line, problem.Column!, problem.Value!));
        Assert.StartsWith("Not a date in the file's format (M/d/yyyy", problem.Message);

        // --date-format reads them in en-US too.
        var withFormat = await service.ImportAsync(CampaignPath, CampaignSettings() with { Culture = "en-US", DateFormat = "dd-MM-yyyy" });
        Assert.Equal(2_237, withFormat.Counts.CustomersCreated);
    }

    private const string Header = "Kundennummer\tVorname\tNachname\tE-Mail\tGeburtsjahr\tLand\tOrt";

    private static ImportSettings GermanSettings() => new(ImportKind.Customers, ImportFields.Suggest(ImportKind.Customers, Header.Split('\t')), "de-DE");

    [Fact]
    public async Task DuplicateKeyInOneFile_LaterRowWins_ReportedAsDuplicate()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([
            Header,
            "K1\tAnna\tMüller\tanna@example.com\t1980\tDeutschland\tKöln",    // line 2
            "K2\tBen\tKoch\tben@example.com\t1975\tÖsterreich\tWien",         // line 3
            "K1\tAnna\tSchmidt\tanna@example.com\t1981\tDeutschland\tBonn",   // line 4: K1 again
        ]);

        var job = await service.ImportAsync(file.Path, GermanSettings());

        Assert.Equal((2L, 1L, 0L, 0L, 0L), (job.Counts.CustomersCreated, job.Counts.RowsDuplicate, job.Counts.CustomersUpdated, job.Counts.RowsRejected,
            job.Counts.RowsUnchanged));
        var problem = Assert.Single(await service.ProblemsAsync(job.Id));
        Assert.Equal((4L, ImportOutcome.Duplicate, "Kundennummer", "K1", "\"K1\" came before, in line 2: this later row wins."),
            (problem.Line, problem.Outcome, problem.Column!, problem.Value!, problem.Message));
        await using var db = database.Create();
        var anna = await db.Customers.SingleAsync(c => c.CustomerNumber == "K1");
        Assert.Equal(("Anna", "Schmidt", "Bonn", "DE", new DateOnly(1981, 7, 1)), (anna.FirstName, anna.LastName, anna.City!, anna.Country, anna.BirthDate!.Value));
        var ben = await db.Customers.SingleAsync(c => c.CustomerNumber == "K2");
        Assert.Equal(("AT", "Wien", "ben@example.com"), (ben.Country, ben.City!, ben.Email!));
    }

    [Fact]
    public async Task ChangedField_UpdateTouchesOnlyThatField()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([
            Header,
            "K1\tAnna\tMüller\tanna@example.com\t1980\tDeutschland\tKöln",
            "K2\tBen\tKoch\tben@example.com\t1975\tÖsterreich\tWien",
        ]);
        var created = await service.ImportAsync(file.Path, GermanSettings());
        Assert.Equal(2, created.Counts.CustomersCreated);
        Customer before, benBefore;
        await using (var db = database.Create())
        {
            before = await db.Customers.AsNoTracking().SingleAsync(c => c.CustomerNumber == "K1");
            benBefore = await db.Customers.AsNoTracking().SingleAsync(c => c.CustomerNumber == "K2");
        }

        // A second file: K1 has moved to Bonn; the file has no names, e-mails or years (columns it lacks leave the CRM's values).
        using var moved = ImportTest.WriteLines(["Kundennummer;Ort", "K1;Bonn", "K2;Wien"]);
        var job = await service.ImportAsync(moved.Path, new ImportSettings(ImportKind.Customers,
            new Dictionary<string, string> { ["customer"] = "Kundennummer", ["city"] = "Ort" }, "de-DE"));

        Assert.Equal((1L, 1L, 0L), (job.Counts.CustomersUpdated, job.Counts.RowsUnchanged, job.Counts.CustomersCreated));
        await using var check = database.Create();
        var after = await check.Customers.AsNoTracking().SingleAsync(c => c.CustomerNumber == "K1");
        Assert.Equal("Bonn", after.City);
        Assert.Equal(job.Id, after.ImportJobId);
        Assert.Equal((before.FirstName, before.LastName, before.Email, before.BirthDate, before.Country, before.Gender, before.IncomeBand, before.Education, before.CreatedAt,
                before.PostalCode, before.Phone),
            (after.FirstName, after.LastName, after.Email, after.BirthDate, after.Country, after.Gender, after.IncomeBand, after.Education, after.CreatedAt,
                after.PostalCode, after.Phone));
        Assert.Equal(("Anna", "Müller", "anna@example.com"), (after.FirstName, after.LastName, after.Email!));
        var ben = await check.Customers.AsNoTracking().SingleAsync(c => c.CustomerNumber == "K2");
        Assert.Equal((created.Id, benBefore.Version, "Wien"), (ben.ImportJobId!.Value, ben.Version, ben.City!));
    }

    [Fact]
    public async Task CustomersByEmailOnly_FoundAgainByEmail()
    {
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        var settings = new ImportSettings(ImportKind.Customers, new Dictionary<string, string> { ["email"] = "E-Mail", ["first-name"] = "Vorname" }, "de-DE");
        using var file = ImportTest.WriteLines(["E-Mail;Vorname", "anna@example.com;Anna", "ben@example.com;Ben"]);
        var job = await service.ImportAsync(file.Path, settings);
        Assert.Equal(2, job.Counts.CustomersCreated);

        using var renamed = ImportTest.WriteLines(["E-Mail;Vorname", "ANNA@example.com;Annette", "ben@example.com;Ben"]);
        var again = await service.ImportAsync(renamed.Path, settings);
        Assert.Equal((0L, 1L, 1L), (again.Counts.CustomersCreated, again.Counts.CustomersUpdated, again.Counts.RowsUnchanged));
        await using var db = database.Create();
        Assert.Equal(2, await db.Customers.CountAsync());
        Assert.Equal("Annette", (await db.Customers.SingleAsync(c => c.CustomerNumber == ImportDirectory.NumberFor("anna@example.com"))).FirstName);
    }

    [Fact]
    public async Task CountryNotKnown_RowRejected_OtherRowsCreated()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([Header, "K1\tAnna\tMüller\t\t1980\tNarnia\tKöln", "K2\tBen\tKoch\t\t1975\tEIRE\tDublin"]);
        var job = await service.ImportAsync(file.Path, GermanSettings());
        Assert.Equal((1L, 1L), (job.Counts.CustomersCreated, job.Counts.RowsRejected));
        var problem = Assert.Single(await service.ProblemsAsync(job.Id));
        Assert.Equal((2L, "Land", "Narnia", "Choose a country (ISO code such as DE, AT, CH, GB)."), (problem.Line, problem.Column!, problem.Value!, problem.Message));
        await using var db = database.Create();
        Assert.Equal("IE", (await db.Customers.SingleAsync()).Country);
    }

    /// <summary>A country cell such as "?" or "--" is refused, not read as some country.</summary>
    [Fact]
    public async Task CountryCellWithoutLetters_RowRejected_NotBangladesh()
    {
        using var _ = ImportTest.English();
        await using var database = await ImportTest.NewDatabaseAsync();
        var service = ImportTest.Service(database);
        using var file = ImportTest.WriteLines([Header, "K1\tAnna\tMüller\t\t1980\t?\tKöln", "K2\tBen\tKoch\t\t1975\t--\tWien"]);
        var job = await service.ImportAsync(file.Path, GermanSettings());
        await using var db = database.Create();
        Assert.Empty(await db.Customers.Where(c => c.Country == "BD").Select(c => c.CustomerNumber).ToListAsync());
        Assert.Equal((0L, 2L), (job.Counts.CustomersCreated, job.Counts.RowsRejected));
    }

    /// <summary>A dry run counts a key repeated in a later batch as the real run does: the later row updates what the earlier one created.</summary>
    [Fact]
    public async Task DryRun_DuplicateKeyInALaterBatch_CountsTheSameAsARealRun()
    {
        var lines = new List<string> { "Kundennummer;Ort" };
        for (var i = 0; i < ImportService.BatchSize; i++) lines.Add($"K{i};Köln");
        lines.Add("K1;Bonn"); // K1 again, moved: in the second batch
        using var file = ImportTest.WriteLines(lines);
        var settings = new ImportSettings(ImportKind.Customers, new Dictionary<string, string> { ["customer"] = "Kundennummer", ["city"] = "Ort" }, "de-DE");

        await using var real = await ImportTest.NewDatabaseAsync();
        var realJob = await ImportTest.Service(real).ImportAsync(file.Path, settings);
        Assert.Equal((5_000L, 1L, 1L, 0L), (realJob.Counts.CustomersCreated, realJob.Counts.RowsDuplicate, realJob.Counts.CustomersUpdated, realJob.Counts.RowsUnchanged));
        await using (var db = real.Create()) Assert.Equal("Bonn", (await db.Customers.SingleAsync(c => c.CustomerNumber == "K1")).City);

        await using var dry = await ImportTest.NewDatabaseAsync();
        var dryJob = await ImportTest.Service(dry).ImportAsync(file.Path, settings, dryRun: true);
        OrderImportTests.AssertSameCounts(realJob.Counts, dryJob.Counts);
    }
}
