namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>Metrics of one recommender at cut-off k, averaged over the test cases.</summary>
public sealed record MetricSet(string Recommender, int K, int Cases, double HitRate, double Precision, double Recall, double Map, double Ndcg, double Coverage,
    double? MarginPerCase = null);

/// <summary>
/// Top-k ranking metrics with binary relevance, as usually defined:
/// hit = any relevant item in the top k; precision = hits / k; recall = hits / |relevant|;
/// AP@k = Σ precision@i over relevant positions i ≤ k, divided by min(|relevant|, k);
/// NDCG@k = Σ 1/log2(i+1) over relevant positions, divided by the same sum for an ideal ranking.
/// Coverage = distinct items recommended to anyone / items in the catalogue.
/// Margin per case (when items have a margin) = the margin of the relevant items in the top k, averaged
/// over the cases: what a recommender would have earned, not only how often it was right.
/// </summary>
public sealed class RankingMetrics(string recommender, int k, int catalogueSize, Func<int, double>? margin = null)
{
    private double _hits, _precision, _recall, _ap, _ndcg, _margin;
    private int _cases;
    private readonly HashSet<int> _recommended = [];

    public void Add(IReadOnlyList<int> ranked, IReadOnlySet<int> relevant)
    {
        if (relevant.Count == 0) return;
        _cases++;
        var top = ranked.Count > k ? ranked.Take(k).ToList() : ranked;
        _recommended.UnionWith(top);
        int hits = 0;
        double precisionSum = 0, dcg = 0;
        for (var i = 0; i < top.Count; i++)
        {
            if (!relevant.Contains(top[i])) continue;
            hits++;
            if (margin is not null) _margin += margin(top[i]);
            precisionSum += (double)hits / (i + 1);
            dcg += 1 / Math.Log2(i + 2);
        }
        var idcg = 0.0;
        for (var i = 0; i < Math.Min(relevant.Count, k); i++) idcg += 1 / Math.Log2(i + 2);
        _hits += hits > 0 ? 1 : 0;
        _precision += (double)hits / k;
        _recall += (double)hits / relevant.Count;
        _ap += precisionSum / Math.Min(relevant.Count, k);
        _ndcg += dcg / idcg;
    }

    public MetricSet Result() => _cases == 0
        ? new MetricSet(recommender, k, 0, 0, 0, 0, 0, 0, 0)
        : new MetricSet(recommender, k, _cases, _hits / _cases, _precision / _cases, _recall / _cases, _ap / _cases, _ndcg / _cases,
            catalogueSize == 0 ? 0 : (double)_recommended.Count / catalogueSize, margin is null ? null : _margin / _cases);
}
