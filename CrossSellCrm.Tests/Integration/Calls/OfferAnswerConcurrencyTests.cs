using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Calls;

/// <summary>
/// Reps answering for one customer at the same moment, against a real database: the contact policy and "one answer
/// per card" hold when the writers race, not only when they take turns. The same tests run on SQLite and PostgreSQL.
/// </summary>
public abstract class OfferAnswerConcurrencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Now);
    private readonly List<CrmChange> _changes = [];

    protected abstract IDbContextFactory<CrmDbContext> Factory { get; }

    private OfferLog Log()
    {
        var hub = new ChangeHub();
        hub.Changed += c => { lock (_changes) _changes.Add(c); };
        return new OfferLog(Factory, new OfferEngineStore(), new KpiCubeStore(), hub,
            Microsoft.Extensions.Options.Options.Create(new ContactPolicy { MaxOffersPerContact = 3, DeclineLimit = 2, DeclineWindowDays = 7, DeclinedRestDays = 30 }), _clock);
    }

    /// <summary>A demo customer no one has offered anything for a month (the demo history ends before <see cref="Now"/>), two reps, and products.</summary>
    private async Task<(int Customer, string[] Reps, int[] Products)> SetUpAsync(int skip)
    {
        await using var db = Factory.CreateDbContext();
        if (!await db.Customers.AnyAsync())
            await new DemoDataSeeder(Factory).SeedAsync(new DemoDataOptions { Customers = 120, OrderLines = 900, AsOf = Now.UtcDateTime.AddDays(-40) });
        var customer = await db.Customers.OrderBy(c => c.Id).Skip(skip).Select(c => c.Id).FirstAsync();
        var reps = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToArrayAsync();
        if (reps.Length < 2)
        {
            db.Users.AddRange(new CrossSellCrm.Domain.Users.CrmUser { UserName = $"a{skip}@x", Email = $"a{skip}@x", DisplayName = "Rep A" },
                new CrossSellCrm.Domain.Users.CrmUser { UserName = $"b{skip}@x", Email = $"b{skip}@x", DisplayName = "Rep B" });
            await db.SaveChangesAsync();
            reps = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToArrayAsync();
        }
        var products = await db.Products.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(6).ToArrayAsync();
        return (customer, reps, products);
    }

    private static OfferOutcomeInput Answer(int customer, int product, OfferOutcome outcome, bool order = false, Guid? key = null) => new()
    {
        CustomerId = customer, ProductId = product, Channel = ContactChannel.Phone, Outcome = outcome, CreateOrder = order,
        PresentationKey = key ?? Guid.NewGuid(),
    };

    /// <summary>Starts every write on its own thread, released together.</summary>
    private static async Task<OfferOutcomeResult[]> AtOnceAsync(IEnumerable<Func<Task<OfferOutcomeResult>>> writes)
    {
        using var start = new ManualResetEventSlim();
        var tasks = writes.Select(w => Task.Run(async () => { start.Wait(); return await w(); })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task TwoRepsAcceptTheSameOfferAtOnce_OneAnswerAndOneOrder_TheOthersAreToldWhoAnswered()
    {
        var (customer, reps, products) = await SetUpAsync(1);
        var results = await AtOnceAsync(Enumerable.Range(0, 8).Select(i => (Func<Task<OfferOutcomeResult>>)(() =>
            Log().RecordAsync(Answer(customer, products[0], OfferOutcome.Accepted, order: true), reps[i % 2]))));

        Assert.Single(results, r => r.Stored);
        Assert.All(results.Where(r => !r.Stored), r => Assert.Equal(AnswerRefusal.AlreadyAnswered, r.Refusal));
        Assert.All(results.Where(r => !r.Stored), r => Assert.Equal(OfferOutcome.Accepted, r.Earlier!.Outcome));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.OfferPresentations.CountAsync(o => o.CustomerId == customer && o.ProductId == products[0] && o.PresentedAt >= Now.UtcDateTime.Date));
        Assert.Equal(1, await db.Orders.CountAsync(o => o.CustomerId == customer && o.OrderedAt >= Now.UtcDateTime.Date));
    }

    [Fact]
    public async Task ParallelDeclines_StopAtTheDeclineLimit()
    {
        var (customer, reps, products) = await SetUpAsync(2);
        var results = await AtOnceAsync(products.Select((p, i) => (Func<Task<OfferOutcomeResult>>)(() =>
            Log().RecordAsync(Answer(customer, p, OfferOutcome.Declined), reps[i % 2]))));

        Assert.Equal(2, results.Count(r => r.Stored));
        Assert.All(results.Where(r => !r.Stored), r => Assert.Equal(AnswerRefusal.TooManyDeclines, r.Refusal));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(2, await db.OfferPresentations.CountAsync(o => o.CustomerId == customer && o.Outcome == OfferOutcome.Declined && o.PresentedAt >= Now.UtcDateTime.AddDays(-7)));
    }

    [Fact]
    public async Task OneRep_ParallelAnswersToDifferentOffers_StopAtTheContactMaximum()
    {
        var (customer, reps, products) = await SetUpAsync(3);
        var followUp = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(7);
        var results = await AtOnceAsync(products.Take(5).Select(p => (Func<Task<OfferOutcomeResult>>)(() =>
            Log().RecordAsync(Answer(customer, p, OfferOutcome.Later) with { FollowUpOn = followUp }, reps[0]))));

        Assert.Equal(3, results.Count(r => r.Stored));
        Assert.All(results.Where(r => !r.Stored), r => Assert.Equal(AnswerRefusal.ContactLimitReached, r.Refusal));
        // Another rep's contact with the same customer has a count of its own.
        var other = await Log().RecordAsync(Answer(customer, products[5], OfferOutcome.Later) with { FollowUpOn = followUp }, reps[1]);
        Assert.True(other.Stored);
    }

    [Fact]
    public async Task TheSameCardAnsweredFiveTimesAtOnce_IsStoredOnce()
    {
        var (customer, reps, products) = await SetUpAsync(4);
        var key = Guid.NewGuid();
        var results = await AtOnceAsync(Enumerable.Range(0, 5).Select(_ => (Func<Task<OfferOutcomeResult>>)(() =>
            Log().RecordAsync(Answer(customer, products[1], OfferOutcome.Accepted, order: true, key: key), reps[0]))));

        Assert.All(results, r => Assert.True(r.Stored));
        Assert.Single(results.Select(r => r.OfferId).Distinct());
        Assert.Single(results.Select(r => r.OrderNumber).Distinct());
        Assert.Equal(4, results.Count(r => r.Repeated));
        await using var db = Factory.CreateDbContext();
        Assert.Equal(1, await db.OfferPresentations.CountAsync(o => o.PresentationKey == key));
        Assert.Equal(1, await db.Orders.CountAsync(o => o.CustomerId == customer && o.OrderedAt >= Now.UtcDateTime.Date));
    }

    [Fact]
    public async Task Withdraw_ByItsRepInTime_RemovesAnswerAndOrderWithAudit_OthersAndLateOnesCannot()
    {
        var (customer, reps, products) = await SetUpAsync(5);
        var log = Log();
        var accepted = await log.RecordAsync(Answer(customer, products[2], OfferOutcome.Accepted, order: true), reps[0]);
        Assert.NotNull(accepted.OrderId);

        Assert.False(await log.WithdrawAsync(accepted.OfferId, reps[1])); // not the other rep's
        Assert.True(await log.WithdrawAsync(accepted.OfferId, reps[0]));
        await using (var db = Factory.CreateDbContext())
        {
            Assert.False(await db.OfferPresentations.AnyAsync(o => o.Id == accepted.OfferId));
            Assert.False(await db.Orders.AnyAsync(o => o.Id == accepted.OrderId));
            Assert.False(await db.OrderLines.AnyAsync(l => l.OrderId == accepted.OrderId));
            var audit = await db.AuditEntries.Where(a => a.Action == AuditAction.Deleted).ToListAsync();
            Assert.Contains(audit, a => a.EntityType == nameof(OfferPresentation) && a.EntityId == accepted.OfferId.ToString());
            Assert.Contains(audit, a => a.EntityType == nameof(Order) && a.EntityId == accepted.OrderId.ToString() && a.Changes!.Contains(accepted.OrderNumber!));
        }
        Assert.Contains(_changes, c => c is OfferWithdrawn w && w.OfferId == accepted.OfferId && w.OrderId == accepted.OrderId);

        // Taken back, the offer may be answered again; past the undo window an answer stays.
        var again = await log.RecordAsync(Answer(customer, products[2], OfferOutcome.Declined), reps[0]);
        Assert.True(again.Stored);
        _clock.Advance(OfferLog.UndoWindow + TimeSpan.FromSeconds(1));
        Assert.False(await log.WithdrawAsync(again.OfferId, reps[0]));
    }
}

public sealed class OfferAnswerConcurrencyOnSqliteTests(SqliteDatabase database) : OfferAnswerConcurrencyTests, IClassFixture<SqliteDatabase>
{
    protected override IDbContextFactory<CrmDbContext> Factory => database.Factory;
}

[Trait("Category", "Postgres")]
public sealed class OfferAnswerConcurrencyOnPostgresTests(PostgresDatabase database) : OfferAnswerConcurrencyTests, IClassFixture<PostgresDatabase>
{
    protected override IDbContextFactory<CrmDbContext> Factory => database.Factory;
}
