using System.Diagnostics;
using System.Globalization;
using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Domain.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The campaign sender's own preparation on the 100k benchmark database (100,000 customers, ~1,000,000 order lines): a
/// segment of MEMBERS customers, each one's arm and best e-mail offer chosen and their send written — what happens between
/// "Send now" and the first mail (target: 100,000 members in ≤ 60 s). The engine is built first, as the app has it.
/// <c>dotnet run -c Release --project CrossSellCrm.Benchmarks -- campaign-prepare 100000</c>
/// </summary>
public static class CampaignPreparationSpeed
{
    public static async Task RunAsync(int members)
    {
        var factory = BenchDatabase.Factory();
        await new DatabaseMigrator(factory).MigrateAsync();
        var clock = Stopwatch.StartNew();
        var book = await new RuleMiningService(factory, new RuleBookStore(), TimeProvider.System)
            .MineAsync(new MiningOptions { MinSupport = 0.002, MinConfidence = 0.1, MinLength = 2, MaxLength = 3 });
        var loader = new EngineIndexLoader(factory);
        var engines = new OfferEngineStore();
        engines.Swap(await loader.BuildAsync(book, new EngineSettings()));
        Console.WriteLine($"engine built in {clock.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores");

        int segmentId, campaignId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var segment = new Segment { Name = $"Campaign benchmark {Guid.NewGuid():N}", RuleDefinition = "{}", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Segments.Add(segment);
            await db.SaveChangesAsync();
            segmentId = segment.Id;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO SegmentMemberships (SegmentId, CustomerId, Since)
                SELECT {segmentId}, Id, {DateTime.UtcNow} FROM Customers WHERE NOT IsErased ORDER BY Id LIMIT {members}
                """);
            var input = CampaignInput.WithDefaultTexts();
            var campaign = new Campaign
            {
                Name = "Benchmark", SegmentId = segmentId, Status = CampaignStatus.Preparing, HoldoutPercent = 10, CreatedAt = DateTime.UtcNow,
                SubjectEn = input.SubjectEn, GreetingEn = input.GreetingEn, ClosingEn = input.ClosingEn, FooterEn = input.FooterEn,
                SubjectDe = input.SubjectDe, GreetingDe = input.GreetingDe, ClosingDe = input.ClosingDe, FooterDe = input.FooterDe,
            };
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var options = Options.Create(new CampaignOptions());
        var runner = new CampaignRunner(factory, loader, new NextBestOfferService(engines, loader, TimeProvider.System),
            new SmtpMailer(Options.Create(new SmtpOptions())), new CampaignLinks(factory, TimeProvider.System), new ChangeHub(), options,
            TimeProvider.System, NullLogger<CampaignRunner>.Instance);
        Campaign prepared;
        await using (var db = await factory.CreateDbContextAsync()) prepared = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId);

        await using var memory = PeakWorkingSet.Start();
        clock.Restart();
        var count = await runner.PrepareAsync(prepared);
        clock.Stop();
        var peak = await memory.StopAsync();

        await using (var db = await factory.CreateDbContextAsync())
        {
            var byStatus = await db.CampaignSends.Where(s => s.CampaignId == campaignId).GroupBy(s => new { s.Status, s.SkipReason })
                .Select(g => new { g.Key.Status, g.Key.SkipReason, N = g.Count() }).ToListAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"prepared {count:N0} members in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:N0} members/s), peak working set {peak:N0} MB"));
            foreach (var s in byStatus.OrderByDescending(s => s.N)) Console.WriteLine($"  {s.Status}{(s.SkipReason is { } r ? $" ({r})" : "")}: {s.N:N0}");
            // The benchmark database stays as it was.
            await db.CampaignSends.Where(s => s.CampaignId == campaignId).ExecuteDeleteAsync();
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteDeleteAsync();
            await db.SegmentMemberships.Where(m => m.SegmentId == segmentId).ExecuteDeleteAsync();
            await db.Segments.Where(s => s.Id == segmentId).ExecuteDeleteAsync();
        }
    }
}
