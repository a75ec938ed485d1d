using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Mining;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// Coaching's paths against 100,000 customers / 1M order lines: scoring an answer (pure), loading what
/// scoring needs, drafting a case from a real customer (profile + engine), and a trainee's progress
/// with their real-call numbers against the team's (a scan of 90 days of offers).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CoachingBenchmarks
{
    private PracticeCaseLibrary _library = default!;
    private CoachingProgress _progress = default!;
    private CaseDetail _case = default!;
    private ScoringCase _scoring = default!;
    private AnswerInput _answer = default!;
    private int[] _customers = default!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var factory = BenchDatabase.Factory();
        new DatabaseMigrator(factory).MigrateAsync().GetAwaiter().GetResult(); // a DB from before coaching gets its tables here
        using (var db = factory.CreateDbContext())
            if (!db.PracticeCases.Any())
            {
                db.PracticeCases.AddRange(DemoCases.For(db.Products.Include(p => p.Category).ToList(), db.ProductRelations.ToList(), db.Tags.ToList(), db.Segments.ToList(), DateTime.UtcNow)
                    .Select(c => { c.Id = 0; return c; }));
                db.SaveChanges();
            }
        var engines = new OfferEngineStore();
        var book = new RuleMiningService(factory, new RuleBookStore(), TimeProvider.System)
            .MineAsync(new MiningOptions { MinSupport = 0.002, MinConfidence = 0.1, MinLength = 2, MaxLength = 3 }).GetAwaiter().GetResult();
        engines.Swap(new EngineIndexLoader(factory).BuildAsync(book, new EngineSettings()).GetAwaiter().GetResult());
        _library = new PracticeCaseLibrary(factory, new CustomerProfileService(factory, TimeProvider.System), engines, TimeProvider.System);
        _progress = new CoachingProgress(factory, TimeProvider.System);
        using var context = factory.CreateDbContext();
        _case = _library.GetAsync(context.PracticeCases.Where(c => c.Language == "en").OrderBy(c => c.Id).Select(c => c.Id).First()).GetAwaiter().GetResult()!;
        _scoring = _library.ScoringCaseAsync(_case).GetAwaiter().GetResult();
        _answer = new AnswerInput(_case.Reference.Where(r => !r.MustNotOffer).Take(2).Select(r => r.ProductId).ToList(),
            "How is the new Pixel 9? You care about the planet: the case is compostable and still protective, €45. For your train rides a power bank gives three full charges. No pressure at all.", "en");
        var random = new Random(1);
        _customers = context.Customers.Where(c => c.Behaviour.Frequency >= 3).Select(c => c.Id).Take(5000).ToList().OrderBy(_ => random.Next()).Take(200).ToArray();
    }

    [Benchmark(Description = "Score one answer, five explained parts (pure)")]
    public int Score() => AnswerScorer.Score(_scoring, _answer).Total;

    [Benchmark(Description = "Load what scoring needs: products and curated complements")]
    public int LoadScoringCase() => _library.ScoringCaseAsync(_case).GetAwaiter().GetResult().Products.Count;

    [Benchmark(Description = "Draft a case from a real customer: anonymise + engine reference (100k customers)")]
    public int DraftFromCustomer() => _library.DraftFromCustomerAsync(_customers[_next++ % _customers.Length], "en").GetAwaiter().GetResult()!.Reference.Count;

    [Benchmark(Description = "A trainee's progress with real-call numbers vs team median (90 days of offers)")]
    public int TraineeProgress() => _progress.TraineeAsync("rep-lena").GetAwaiter().GetResult()!.Calls.Calls;
}
