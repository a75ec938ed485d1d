using Microsoft.Extensions.Configuration;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// A fresh PostgreSQL database per class (server from CRM_TEST_POSTGRES, which test.sh provides),
/// migrated with the PostgreSQL migrations and seeded through the same bulk path as SQLite.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static string Server => Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CRM_TEST_POSTGRES is not set: run the tests through ./test.sh, or exclude Category=Postgres.");
    private readonly string _name = $"crm_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;
    public IDbContextFactory<CrmDbContext> Factory { get; private set; } = default!;

    public CrmDbContext Create(string user = "tester") =>
        new PostgresCrmDbContext(new DbContextOptionsBuilder<PostgresCrmDbContext>().UseNpgsql(ConnectionString).Options, new Named(user));

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        Factory = new ContextFactory(this);
        await new DatabaseMigrator(Factory).MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class ContextFactory(PostgresDatabase db) : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => db.Create();
    }

    private sealed class Named(string name) : ICurrentUser
    {
        public string Name => name;
    }
}

[Trait("Category", "Postgres")]
public class PostgresTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IClassFixture<SqliteDatabase>
{
    private static readonly DemoDataOptions Options = new() { Customers = 300, OrderLines = 3_000, AsOf = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _seeded;

    private async Task SeedOnceAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_seeded) await new DemoDataSeeder(postgres.Factory).SeedAsync(Options);
            _seeded = true;
        }
        finally { Once.Release(); }
    }

    [Fact]
    public async Task Migrate_FreshServerDatabase_HasNoPendingMigrations()
    {
        await using var db = postgres.Create();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
    }

    [Fact]
    public async Task Kpis_SameDemoDataOnPostgresAndSqlite_GiveTheSameNumbers()
    {
        await SeedOnceAsync();
        var sqlite = new SqliteDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await new DemoDataSeeder(sqlite.Factory).SeedAsync(Options);
            var period = Period.LastDays(90, Options.AsOf);
            var onPostgres = await new KpiService(postgres.Factory).SnapshotAsync(period);
            var onSqlite = await new KpiService(sqlite.Factory).SnapshotAsync(period);
            Assert.Equal((double)onSqlite.Revenue, (double)onPostgres.Revenue, 2);
            Assert.Equal(onSqlite with { Revenue = 0 }, onPostgres with { Revenue = 0 });
            Assert.Equal(
                (await new KpiService(sqlite.Factory).RevenueByMonthAsync(12, Options.AsOf)).Select(m => Math.Round(m.Revenue, 2)),
                (await new KpiService(postgres.Factory).RevenueByMonthAsync(12, Options.AsOf)).Select(m => Math.Round(m.Revenue, 2)));
        }
        finally { await sqlite.DisposeAsync(); }
    }

    [Fact]
    public async Task Insert_AfterSeeding_GetsTheNextIdAndAnAuditEntry()
    {
        await SeedOnceAsync();
        await using (var db = postgres.Create("lena"))
        {
            db.Customers.Add(new Customer { CustomerNumber = "PG-NEW", FirstName = "Jürgen", LastName = "Weiß", Country = "DE", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(); // fails if the identity sequence still starts at 1
        }
        await using var check = postgres.Create();
        var customer = await check.Customers.SingleAsync(c => c.CustomerNumber == "PG-NEW");
        Assert.Equal(Options.Customers + 1, customer.Id);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityId == customer.Id.ToString() && a.Action == AuditAction.Created && a.UserName == "lena"));
    }

    [Fact]
    public async Task SaveChanges_TwoPeopleEditTheSameCustomer_SecondSaveIsRefused()
    {
        await SeedOnceAsync();
        await using var first = postgres.Create("lena");
        await using var second = postgres.Create("jonas");
        var a = await first.Customers.SingleAsync(c => c.Id == 1);
        var b = await second.Customers.SingleAsync(c => c.Id == 1);
        a.Phone = "+49 221 1111111"; // values no seeded customer has, so both edits are real changes
        await first.SaveChangesAsync();
        b.Phone = "+49 228 2222222";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Coaching_SameDemoDataOnPostgresAndSqlite_SameLibraryAndProgress()
    {
        await SeedOnceAsync();
        var sqlite = new SqliteDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await new DemoDataSeeder(sqlite.Factory).SeedAsync(Options);
            PracticeCaseLibrary Library(IDbContextFactory<CrmDbContext> f) =>
                new(f, new CustomerProfileService(f, TimeProvider.System), new CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore(), TimeProvider.System);
            foreach (var filter in new[] { new CaseFilter(), new CaseFilter(Text: "PIXEL"), new CaseFilter(SegmentId: 5 /* Students, the demo data's fifth segment */, Language: "de") })
                Assert.Equal(await Library(sqlite.Factory).ListAsync(filter), await Library(postgres.Factory).ListAsync(filter), new SummaryComparer());

            var onSqlite = await new CoachingProgress(sqlite.Factory, TimeProvider.System).TraineesAsync();
            var onPostgres = await new CoachingProgress(postgres.Factory, TimeProvider.System).TraineesAsync();
            Assert.NotEmpty(onSqlite);
            Assert.Equal(onSqlite.Select(t => (t.Trainee, t.Sessions, Math.Round(t.AverageTotal, 6), t.Weakest)),
                onPostgres.Select(t => (t.Trainee, t.Sessions, Math.Round(t.AverageTotal, 6), t.Weakest)));
            var lena = await new CoachingProgress(sqlite.Factory, TimeProvider.System).TraineeAsync("rep-lena");
            var lenaPg = await new CoachingProgress(postgres.Factory, TimeProvider.System).TraineeAsync("rep-lena");
            Assert.Equal(lena!.Calls, lenaPg!.Calls);
            Assert.Equal(lena.Answers.Select(a => a.Total), lenaPg.Answers.Select(a => a.Total));
        }
        finally { await sqlite.DisposeAsync(); }
    }

    [Fact]
    public async Task Experiments_SameEnrolmentAndResultsOnPostgresAndSqlite()
    {
        await SeedOnceAsync();
        var sqlite = new SqliteDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await new DemoDataSeeder(sqlite.Factory).SeedAsync(Options);
            var salt = Guid.Parse("5b1f0d3e-8c6a-4f2b-9d7e-3a4c5b6d7e8f");
            async Task<(List<(int, string)> Exposures, CrossSellCrm.Domain.Experiments.ExperimentResults Results)> RunAsync(IDbContextFactory<CrmDbContext> factory)
            {
                var hub = new CrossSellCrm.Domain.Changes.ChangeHub();
                var service = new CrossSellCrm.Domain.Experiments.ExperimentService(factory, hub, TimeProvider.System);
                var id = await service.CreateAsync(new CrossSellCrm.Domain.Experiments.ExperimentInput
                {
                    Name = "Holdout", Change = CrossSellCrm.Domain.Experiments.ExperimentChange.Holdout, Channels = [ContactChannel.Phone], Baseline = 0.2, MinimumEffect = 0.1,
                    Arms = [new("Offers", 80, CrossSellCrm.Domain.Experiments.ArmRole.Control, null), new("None", 20, CrossSellCrm.Domain.Experiments.ArmRole.Holdout, null)],
                });
                await using (var db = await factory.CreateDbContextAsync())
                {
                    var experiment = await db.Experiments.SingleAsync(e => e.Id == id);
                    experiment.Salt = salt; // the same split on both databases
                    await db.SaveChangesAsync();
                }
                await service.StartAsync(id, (await service.GetAsync(id))!.Version);
                var enrolment = new CrossSellCrm.Domain.Experiments.ExperimentEnrolment(factory, new CrossSellCrm.Domain.Experiments.ExperimentBook(hub),
                    new CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore(), TimeProvider.System);
                for (var round = 0; round < 2; round++) // the second round finds every customer enrolled: no duplicate row, no error
                    for (var customer = 1; customer <= 40; customer++)
                        await enrolment.AssignAsync(new CrossSellCrm.Domain.Recommendations.Engine.CustomerSnapshot(customer, [], [], [], [], new HashSet<ContactChannel>()), ContactChannel.Phone);
                await using var check = await factory.CreateDbContextAsync();
                var exposures = await check.ExperimentExposures.Where(x => x.ExperimentId == id).OrderBy(x => x.CustomerId).Select(x => new { x.CustomerId, x.Arm }).ToListAsync();
                return ([.. exposures.Select(x => (x.CustomerId, x.Arm))], (await service.ReportAsync(id))!.Results);
            }
            var (pgExposures, pg) = await RunAsync(postgres.Factory);
            var (liteExposures, lite) = await RunAsync(sqlite.Factory);
            Assert.Equal(40, pgExposures.Count);
            Assert.Equal(liteExposures, pgExposures);
            Assert.Equal(lite.Arms, pg.Arms);
        }
        finally { await sqlite.DisposeAsync(); }
    }

    [Fact]
    public async Task Campaigns_PreparedSentAndConverted_TheSameOnPostgresAndSqlite()
    {
        await SeedOnceAsync();
        var sqlite = new SqliteDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await new DemoDataSeeder(sqlite.Factory).SeedAsync(Options);
            async Task<(List<(int?, string, string?)> Sends, int Converted)> RunAsync(IDbContextFactory<CrmDbContext> factory)
            {
                var book = await new CrossSellCrm.Domain.Recommendations.Mining.RuleMiningService(factory, new CrossSellCrm.Domain.Recommendations.Mining.RuleBookStore(), TimeProvider.System)
                    .MineAsync(new CrossSellCrm.Domain.Recommendations.Mining.MiningOptions { MinSupport = 0.01, MinConfidence = 0.1, MinLength = 2, MaxLength = 2 });
                var loader = new CrossSellCrm.Domain.Recommendations.Engine.EngineIndexLoader(factory);
                var engines = new CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore();
                engines.Swap(await loader.BuildAsync(book, new CrossSellCrm.Domain.Recommendations.Engine.EngineSettings()));
                var offers = new CrossSellCrm.Domain.Recommendations.Engine.NextBestOfferService(engines, loader, TimeProvider.System);
                var smtp = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(SmtpTestServer.Shared.Settings()).Build()
                    .GetSection("Smtp").Get<CrossSellCrm.Domain.Campaigns.SmtpOptions>()!;
                var mailer = new CrossSellCrm.Domain.Campaigns.SmtpMailer(Microsoft.Extensions.Options.Options.Create(smtp));
                var hub = new CrossSellCrm.Domain.Changes.ChangeHub();
                var options = Microsoft.Extensions.Options.Options.Create(new CrossSellCrm.Domain.Campaigns.CampaignOptions { MessagesPerMinute = 60_000 });
                var service = new CrossSellCrm.Domain.Campaigns.CampaignService(factory, loader, offers, mailer, hub, options, TimeProvider.System);
                int segment;
                await using (var db = await factory.CreateDbContextAsync())
                {
                    var members = new CrossSellCrm.Domain.Segmentation.Segment { Name = "First 80", RuleDefinition = "{}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                    db.Segments.Add(members);
                    await db.SaveChangesAsync();
                    segment = members.Id;
                    db.SegmentMemberships.AddRange(Enumerable.Range(1, 80).Select(c => new CrossSellCrm.Domain.Segmentation.SegmentMembership { SegmentId = segment, CustomerId = c, Since = DateTime.UtcNow }));
                    await db.SaveChangesAsync();
                }
                var input = CrossSellCrm.Domain.Campaigns.CampaignInput.WithDefaultTexts();
                (input.Name, input.SegmentId, input.HoldoutPercent) = ("Both databases", segment, 20);
                var id = await service.SaveAsync(input);
                await service.ScheduleAsync(id, DateTime.UtcNow, "http://crm.test/");
                var runner = new CrossSellCrm.Domain.Campaigns.CampaignRunner(factory, loader, offers, mailer, new CrossSellCrm.Domain.Campaigns.CampaignLinks(factory, TimeProvider.System),
                    hub, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CrossSellCrm.Domain.Campaigns.CampaignRunner>.Instance);
                await runner.RunAsync();
                await using var check = await factory.CreateDbContextAsync();
                Assert.Equal(CrossSellCrm.Domain.Campaigns.CampaignStatus.Sent, await check.Campaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
                // Every mailed member buys their offer an hour later: each send converts, once.
                var sent = await check.CampaignSends.Where(x => x.CampaignId == id && x.Status == CrossSellCrm.Domain.Campaigns.SendStatus.Sent).ToListAsync();
                foreach (var x in sent)
                {
                    var product = await check.Products.SingleAsync(p => p.Id == x.ProductId);
                    var order = new CrossSellCrm.Domain.Orders.Order
                    {
                        OrderNumber = $"C-{x.Id}", CustomerId = x.CustomerId!.Value, OrderedAt = x.SentAt!.Value.AddHours(1), Channel = CrossSellCrm.Domain.Orders.SalesChannel.Online,
                        Lines = [new CrossSellCrm.Domain.Orders.OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = product.Price, UnitCost = product.UnitCost }],
                    };
                    order.RecalculateTotals();
                    check.Orders.Add(order);
                }
                await check.SaveChangesAsync();
                var converted = await runner.AttributeConversionsAsync();
                Assert.Equal(0, await runner.AttributeConversionsAsync());
                var sends = await check.CampaignSends.AsNoTracking().Where(x => x.CampaignId == id).OrderBy(x => x.CustomerId)
                    .Select(x => new { x.CustomerId, x.Status, x.SkipReason }).ToListAsync();
                return ([.. sends.Select(x => (x.CustomerId, x.Status.ToString(), x.SkipReason?.ToString()))], converted);
            }
            var (pgSends, pgConverted) = await RunAsync(postgres.Factory);
            var (liteSends, liteConverted) = await RunAsync(sqlite.Factory);
            Assert.Contains(pgSends, x => x.Item2 == "Sent");
            Assert.Contains(pgSends, x => x.Item2 == "Held");
            Assert.Equal(liteSends, pgSends);
            Assert.Equal(pgSends.Count(x => x.Item2 == "Sent"), pgConverted);
            Assert.Equal(liteConverted, pgConverted);
        }
        finally { await sqlite.DisposeAsync(); }
    }

    /// <summary>Case summaries are equal when all but the (floating) average are, and the averages agree to 6 places.</summary>
    private sealed class SummaryComparer : IEqualityComparer<CaseSummary>
    {
        public bool Equals(CaseSummary? a, CaseSummary? b) =>
            a is not null && b is not null && a with { AverageScore = null, Segments = [] } == b with { AverageScore = null, Segments = [] }
            && a.Segments.SequenceEqual(b.Segments) && Math.Round(a.AverageScore ?? -1, 6) == Math.Round(b.AverageScore ?? -1, 6);

        public int GetHashCode(CaseSummary obj) => obj.Id;
    }
}
