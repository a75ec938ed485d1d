namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>Metrics of one recommender at cut-off k, averaged over the test cases.</summary>
/// <remarks><see cref="HitRateLow"/> and <see cref="HitRateHigh"/>: the hit rate's 95 % bootstrap interval (likewise for the margin).</remarks>
public sealed record MetricSet(string Recommender, int K, int Cases, double HitRate, double Precision, double Recall, double Map, double Ndcg, double Coverage,
    double? MarginPerCase = null, double HitRateLow = 0, double HitRateHigh = 0, double? MarginPerCaseLow = null, double? MarginPerCaseHigh = null);

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
    private double _hits, _precision, _recall, _ap, _ndcg;
    private int _cases;
    private readonly HashSet<int> _recommended = [];
    private readonly List<double> _caseHits = [];
    private readonly List<double> _caseMargins = [];

    /// <summary>1 or 0 per case, in the order they were added: for paired comparisons on the same cases.</summary>
    public IReadOnlyList<double> CaseHits => _caseHits;

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
            precisionSum += (double)hits / (i + 1);
            dcg += 1 / Math.Log2(i + 2);
        }
        _caseHits.Add(hits > 0 ? 1 : 0);
        if (margin is not null) _caseMargins.Add(top.Where(relevant.Contains).Sum(margin));
        var idcg = 0.0;
        for (var i = 0; i < Math.Min(relevant.Count, k); i++) idcg += 1 / Math.Log2(i + 2);
        _hits += hits > 0 ? 1 : 0;
        _precision += (double)hits / k;
        _recall += (double)hits / relevant.Count;
        _ap += precisionSum / Math.Min(relevant.Count, k);
        _ndcg += dcg / idcg;
    }

    public MetricSet Result()
    {
        if (_cases == 0) return new MetricSet(recommender, k, 0, 0, 0, 0, 0, 0, 0);
        var (low, high) = Bootstrap.MeanInterval(_caseHits);
        (double Low, double High)? margins = margin is null ? null : Bootstrap.MeanInterval(_caseMargins);
        return new MetricSet(recommender, k, _cases, _hits / _cases, _precision / _cases, _recall / _cases, _ap / _cases, _ndcg / _cases,
            catalogueSize == 0 ? 0 : (double)_recommended.Count / catalogueSize, margin is null ? null : _caseMargins.Sum() / _cases,
            low, high, margins?.Low, margins?.High);
    }
}
