using System.Diagnostics;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Learns the app's acceptance model from its own offer log: every decided offer with its point-in-time features, the
/// most recent share held out to measure it on (AUC with its interval, Brier score, reliability, per offer), the rest to
/// learn from — weighted by the inverse of the chance each offer had of being shown, where exploration logged it. The
/// model that serves is the one measured: what the learning page says of it is true of what the reps see.
/// </summary>
public sealed class OfferAcceptanceTrainer(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    /// <summary>Fewer decided offers than this (or fewer than 5 accepted or declined among those learnt from) and nothing is learnt.</summary>
    public const int MinOffers = 60;

    /// <summary>
    /// Not learnt from: the rep's id says who offered, not what to offer (the engine cannot choose it); the rank is where the engine
    /// itself put the offer, so it would carry the engine's own ranking back into the score it ranks by.
    /// </summary>
    public static readonly IReadOnlySet<string> NotLearnt = new HashSet<string>(StringComparer.Ordinal) { "rep", "rank" };

    /// <param name="before">Only offers before this moment (an offline evaluation); null: all of them.</param>
    /// <returns>Null when there are too few decided offers, or only one kind of answer, to learn anything.</returns>
    public async Task<OfferAcceptance?> TrainAsync(AcceptanceUse use, AcceptanceSettings settings, DateTime? before = null, CancellationToken ct = default)
    {
        OfferFeatureData data;
        await using (var db = await factory.CreateDbContextAsync(ct)) data = await OfferFeatureSource.LoadAsync(db, before, ct);
        var trainedAt = before ?? clock.GetUtcNow().UtcDateTime;
        return await Task.Run(() => Train(data, use, settings, trainedAt, ct), ct);
    }

    public static OfferAcceptance? Train(OfferFeatureData data, AcceptanceUse use, AcceptanceSettings settings, DateTime trainedAt, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var known = data.Offers.Count(o => data.Products.ContainsKey(o.ProductId));
        var heldOutRows = (int)Math.Round(known * use.HeldOutShare);
        var trainRows = known - heldOutRows;
        var builder = new OfferTableBuilder(NotLearnt);
        var facts = new AcceptanceFacts();
        var productOf = new int[known];
        var explored = 0;
        var i = 0;
        foreach (var (offer, moment, product) in OfferFeatures.Moments(data.Offers, data.Customers, data.Products, data.History))
        {
            ct.ThrowIfCancellationRequested();
            var weight = offer.ShownProbability is { } p ? Math.Min(1 / p, use.MaxWeight) : 1;
            if (weight >= 1.5) explored++; // shown only because exploring drew it (the ranking's own picks weigh about 1)
            builder.Add(moment, product, offer.AnchorProductId, offer.Channel, offer.Rank, offer.Accepted, weight);
            if (i < trainRows) facts.Add(product.Id, Facet.Of(moment, product, offer.AnchorProductId, offer.Channel), offer.Accepted);
            productOf[i++] = product.Id;
        }
        var table = builder.Build();
        var train = Enumerable.Range(0, trainRows).ToArray();
        var positives = train.Count(table.Accepted);
        if (known < MinOffers || positives < 5 || trainRows - positives < 5) return null;

        var model = AcceptanceTrainer.Train(table, train, settings, ct);
        var probabilities = new double[heldOutRows];
        var accepted = new bool[heldOutRows];
        for (var r = 0; r < heldOutRows; r++) (probabilities[r], accepted[r]) = (model.Probability(table, trainRows + r), table.Accepted(trainRows + r));
        var hasBoth = accepted.Any(a => a) && accepted.Any(a => !a);
        double? auc = null, low = null, high = null;
        if (hasBoth) (auc, low, high) = TemporalHoldout.AucInterval(probabilities, accepted);
        var baseRate = (double)positives / trainRows;

        var offers = new Dictionary<int, OfferAcceptanceStats>();
        foreach (var group in Enumerable.Range(0, known).GroupBy(r => productOf[r]))
        {
            var fit = group.Where(r => r < trainRows).ToArray();
            var held = group.Where(r => r >= trainRows).ToArray();
            var heldAccepted = held.Select(r => accepted[r - trainRows]).ToArray();
            var heldProbabilities = held.Select(r => probabilities[r - trainRows]).ToArray();
            double? offerAuc = heldAccepted.Count(a => a) >= 5 && heldAccepted.Count(a => !a) >= 5 ? AcceptanceMetrics.Auc(heldProbabilities, heldAccepted) : null;
            offers[group.Key] = new OfferAcceptanceStats(group.Key, fit.Length, fit.Count(table.Accepted), held.Length, heldAccepted.Count(a => a), offerAuc,
                held.Length > 0 ? heldProbabilities.Average() : null, held.Length > 0 ? heldAccepted.Average(a => a ? 1.0 : 0) : null);
        }
        facts.Weigh(model.TopFeatures.Select(f => f.Column));
        var report = new AcceptanceReport(trainedAt, model.Learner, trainRows, positives, heldOutRows, accepted.Count(a => a), auc, low, high,
            AcceptanceMetrics.Brier(probabilities, accepted), accepted.Average(a => (a ? 1 - baseRate : baseRate) * (a ? 1 - baseRate : baseRate)),
            TemporalHoldout.Reliability(probabilities, accepted), model.TopFeatures, watch.Elapsed, positives >= use.MinPositives, use.MinPositives, explored);
        return new OfferAcceptance(model, builder.ColumnMap(table.Schema), offers, facts, report, use);
    }
}

/// <summary>The acceptance table of decided offers straight from their moments: the CSV's features, without the text.</summary>
internal sealed class OfferTableBuilder
{
    private readonly int[] _tableColumn; // OfferFeatures column → table column (-1: not learnt)
    private readonly string[] _names;
    private readonly Dictionary<string, int>[] _categories;
    private readonly List<double> _values = [];
    private readonly List<bool> _accepted = [];
    private readonly List<double> _weights = [];
    private readonly double[] _row;

    public OfferTableBuilder(IReadOnlySet<string> notLearnt)
    {
        _tableColumn = new int[OfferFeatures.Columns.Count];
        var names = new List<string>();
        for (var c = 0; c < _tableColumn.Length; c++)
        {
            var learnt = c >= OfferFeatures.FirstFeature && !notLearnt.Contains(OfferFeatures.Columns[c]);
            _tableColumn[c] = learnt ? names.Count : -1;
            if (learnt) names.Add(OfferFeatures.Columns[c]);
        }
        _names = names.ToArray();
        _categories = _names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _row = new double[_names.Length];
    }

    public void Add(OfferMoment moment, OfferProduct product, int? anchor, Customers.ContactChannel channel, int rank, bool accepted, double weight)
    {
        // One row buffer for every offer: a million offers are a million rows, not a million small arrays to collect.
        var sink = new Sink(_row, _tableColumn, _categories);
        OfferFeatures.Write(moment, product, anchor, channel, rank, null, ref sink);
        _values.AddRange(_row);
        _accepted.Add(accepted);
        _weights.Add(weight);
    }

    public AcceptanceTable Build()
    {
        var schema = new AcceptanceSchema(_names.Select((name, c) => OfferFeatures.IsCategorical(name)
            ? new AcceptanceColumn(name, AcceptanceColumnKind.Categorical, _categories[c].OrderBy(x => x.Value).Select(x => x.Key).ToList())
            : new AcceptanceColumn(name, AcceptanceColumnKind.Numeric)).ToList());
        return new AcceptanceTable(schema, _values.ToArray(), _accepted.ToArray(), _weights.ToArray());
    }

    /// <summary>For scoring: where each of <see cref="OfferFeatures.Columns"/> sits in the schema.</summary>
    public int[] ColumnMap(AcceptanceSchema schema) =>
        OfferFeatures.Columns.Select((name, c) => _tableColumn[c] >= 0 ? schema.IndexOf(name) : -1).ToArray();

    private readonly struct Sink(double[] row, int[] tableColumn, Dictionary<string, int>[] categories) : IOfferFeatureSink
    {
        public void Number(int column, double? value)
        {
            if (tableColumn[column] is var c and >= 0) row[c] = value ?? double.NaN;
        }

        public void Category(int column, string? value)
        {
            if (tableColumn[column] is not (var c and >= 0)) return;
            if (string.IsNullOrEmpty(value)) { row[c] = double.NaN; return; }
            var known = categories[c];
            if (!known.TryGetValue(value, out var index)) known[value] = index = known.Count;
            row[c] = index;
        }
    }
}
