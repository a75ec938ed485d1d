using BenchmarkDotNet.Attributes;
using CrossSellCrm.Domain.Segmentation;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Benchmarks;

/// <summary>
/// The segment builder's live preview (count, share, revenue share, average CLV, a sample) on 100,000
/// customers / ~1,000,000 order lines in SQLite (target ≤ 300 ms): a one-tag rule, and two groups over
/// all four dimensions.
/// </summary>
[MemoryDiagnoser]
public class SegmentPreviewBenchmarks
{
    private SegmentBuilder _builder = default!;

    public static IEnumerable<string> Rules() =>
    [
        Group(RuleMatch.And, Condition("interest", RuleOperator.HasTag, "photography")).ToJson(),
        Group(RuleMatch.And,
            Group(RuleMatch.Or, Condition("age", RuleOperator.Between, "25", "44"), Condition("lifestyle", RuleOperator.In, "student")),
            Group(RuleMatch.Or, Condition("city", RuleOperator.In, "München", "Köln", "Berlin"), Condition("value", RuleOperator.HasTag, "sustainability")),
            Condition("frequencyScore", RuleOperator.AtLeast, "3")).ToJson(),
    ];

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var factory = BenchDatabase.Factory();
        new CrossSellCrm.Domain.Persistence.DatabaseMigrator(factory).MigrateAsync().GetAwaiter().GetResult();
        var cubes = new CrossSellCrm.Domain.Kpis.KpiCubeStore();
        cubes.Swap(new CrossSellCrm.Domain.Kpis.KpiCubeLoader(factory).LoadAsync().GetAwaiter().GetResult()); // loaded in the background in the app
        _builder = new SegmentBuilder(factory, TimeProvider.System, cubes, new CrossSellCrm.Domain.Changes.ChangeHub());
        _builder.PreviewAsync(RuleNode.Parse(Rule)!).GetAwaiter().GetResult(); // the cube's per-customer totals are built once a day
    }

    [Benchmark(Description = "Segment preview (100k customers / 1M lines)")]
    public int Preview() => _builder.PreviewAsync(RuleNode.Parse(Rule)!).GetAwaiter().GetResult().Members;
}
