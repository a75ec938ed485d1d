using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// P(customer buys item soon | what they own and when they bought it, their features): an item–item model in the
/// manner of EASE (Steck 2019) over the most bought items and the customer features, whose scores a logistic
/// regression turns into a probability together with curated relations and popularity. Items outside the modelled
/// set, and customers without history, fall back to popularity. Immutable: a rebuild makes a new one.
/// </summary>
public sealed class LikelihoodModel
{
    private readonly int[] _items;        // modelled index → item
    private readonly int[] _indexOf;      // item → modelled index, or -1
    private readonly float[] _weights;    // (modelled items + features) × modelled items
    private readonly int[] _together;     // the same shape: rows holding both
    private readonly int[] _holders;      // per input (modelled item or feature): rows holding it
    private readonly int[] _buyers;       // per item: rows holding it
    private readonly double[] _logPopularity;
    private readonly double _meanLogPopularity;
    private readonly int[] _byPopularity;

    internal LikelihoodModel(int[] items, int maxItem, float[] weights, int[] together, int[] holders, int[] buyers, int rows,
        FeatureVocabulary features, CuratedSignal curated, LikelihoodCoefficients coefficients, LikelihoodSettings settings)
    {
        _items = items;
        _indexOf = new int[maxItem + 1];
        Array.Fill(_indexOf, -1);
        for (var i = 0; i < items.Length; i++) _indexOf[items[i]] = i;
        (_weights, _together, _holders, _buyers, Rows, Features, Curated, Coefficients, Settings) =
            (weights, together, holders, buyers, rows, features, curated, coefficients, settings);
        _logPopularity = new double[maxItem + 1];
        for (var item = 0; item <= maxItem; item++) _logPopularity[item] = Math.Log((buyers[item] + 1.0) / (rows + 2.0));
        _meanLogPopularity = items.Length == 0 ? 0 : items.Average(i => _logPopularity[i]);
        _byPopularity = Enumerable.Range(0, maxItem + 1).Where(i => buyers[i] > 0).OrderByDescending(i => buyers[i]).ThenBy(i => i).ToArray();
    }

    /// <summary>A model that knows nothing: every item equally (un)likely. For an empty database.</summary>
    public static LikelihoodModel Empty { get; } = new([], 0, [], [], [], [0], 0, FeatureVocabulary.Empty, CuratedSignal.None,
        LikelihoodCoefficients.Untuned, new LikelihoodSettings());

    /// <summary>Customers (or baskets) the model learnt from.</summary>
    public int Rows { get; }
    public int ModelledItems => _items.Length;
    public FeatureVocabulary Features { get; }
    public CuratedSignal Curated { get; }
    public LikelihoodCoefficients Coefficients { get; }
    public LikelihoodSettings Settings { get; }
    /// <summary>How the model was tuned and how long it took; null for <see cref="Empty"/>.</summary>
    public LikelihoodTraining? Training { get; internal set; }

    /// <summary>Rows that bought the item.</summary>
    public int Buyers(int item) => (uint)item < (uint)_buyers.Length ? _buyers[item] : 0;
    /// <summary>Items by how many rows bought them, most first.</summary>
    public IReadOnlyList<int> ByPopularity => _byPopularity;

    internal double MeanLogPopularity => _meanLogPopularity;
    internal int IndexOf(int item) => (uint)item < (uint)_indexOf.Length ? _indexOf[item] : -1;
    internal int ItemAt(int index) => _items[index];
    internal double LogPopularity(int item) => (uint)item < (uint)_logPopularity.Length ? _logPopularity[item] : Math.Log(1.0 / (Rows + 2.0));
    internal ReadOnlySpan<float> WeightsFrom(int input) => _weights.AsSpan(input * _items.Length, _items.Length);

    /// <summary>The scores for one customer at one moment; owned items are scored too (the caller decides what may be offered).</summary>
    /// <param name="history">What the customer bought (an item bought twice counts once, at its latest purchase).</param>
    /// <param name="features">The customer's features as numbered in <see cref="Features"/>.</param>
    public LikelihoodScores Score(IReadOnlyList<Purchase> history, IReadOnlyList<int> features, DateTime now)
    {
        var parts = Parts.Of(this, history, features, now);
        return new LikelihoodScores(this, parts, features);
    }

    /// <summary>
    /// The per-part sums for every modelled item (owned items, their recency, features), before the coefficients
    /// weigh them; the trainer fits the coefficients on them, scoring weighs them.
    /// </summary>
    internal sealed class Parts
    {
        public required double[] History, Recent, RecentLong, Features;
        /// <summary>Latest purchase per owned item.</summary>
        public required Dictionary<int, DateTime> Owned;
        /// <summary>Items with a curated relation from something owned: the relation's most timely anchor and its decay.</summary>
        public required Dictionary<int, (int Anchor, double Decay)> Curated;
        public required DateTime Now;

        public static Parts Of(LikelihoodModel model, IReadOnlyList<Purchase> history, IReadOnlyList<int> features, DateTime now)
        {
            var m = model._items.Length;
            var owned = new Dictionary<int, DateTime>(history.Count);
            foreach (var p in history)
                if (!owned.TryGetValue(p.ProductId, out var at) || p.At > at) owned[p.ProductId] = p.At;
            var parts = new Parts
            {
                History = new double[m], Recent = new double[m], RecentLong = new double[m], Features = new double[m],
                Owned = owned, Curated = [], Now = now,
            };
            var settings = model.Settings;
            foreach (var (item, at) in owned)
            {
                var input = model.IndexOf(item);
                var days = Math.Max(0, (now - at).TotalDays);
                if (input >= 0)
                {
                    var recent = Math.Pow(0.5, days / settings.ShortHalfLifeDays);
                    var recentLong = Math.Pow(0.5, days / settings.LongHalfLifeDays);
                    var row = model.WeightsFrom(input);
                    for (var j = 0; j < m; j++)
                    {
                        var w = row[j];
                        parts.History[j] += w;
                        parts.Recent[j] += recent * w;
                        parts.RecentLong[j] += recentLong * w;
                    }
                }
                foreach (var (to, halfLife) in model.Curated.From(item))
                {
                    var decay = Math.Pow(0.5, days / halfLife);
                    if (!parts.Curated.TryGetValue(to, out var best) || decay > best.Decay) parts.Curated[to] = (item, decay);
                }
            }
            foreach (var f in features)
            {
                if ((uint)f >= (uint)model.Features.Count) continue;
                var row = model.WeightsFrom(m + f);
                for (var j = 0; j < m; j++) parts.Features[j] += row[j];
            }
            return parts;
        }

        /// <summary>The seven parts of one item, in the order of <see cref="LikelihoodCoefficients.Weights"/>.</summary>
        public void Fill(LikelihoodModel model, int item, Span<double> x)
        {
            var j = model.IndexOf(item);
            x[0] = j < 0 ? 0 : History[j];
            x[1] = j < 0 ? 0 : Recent[j];
            x[2] = j < 0 ? 0 : RecentLong[j];
            x[3] = j < 0 ? 0 : Features[j];
            var curated = Curated.TryGetValue(item, out var c);
            x[4] = curated ? 1 : 0;
            x[5] = curated ? c.Decay : 0;
            x[6] = model.LogPopularity(item) - model._meanLogPopularity;
        }
    }

    /// <summary>Each part's share of one item's log-odds, largest first; parts that add nothing are left out.</summary>
    internal List<LikelihoodContribution> Explain(Parts parts, IReadOnlyList<int> features, int item)
    {
        var result = new List<LikelihoodContribution>();
        var c = Coefficients;
        var j = IndexOf(item);
        var m = _items.Length;
        if (j >= 0)
        {
            foreach (var (owned, at) in parts.Owned)
            {
                var input = IndexOf(owned);
                if (input < 0 || owned == item) continue;
                var days = Math.Max(0, (parts.Now - at).TotalDays);
                var weight = c.History + c.Recent * Math.Pow(0.5, days / Settings.ShortHalfLifeDays) + c.RecentLong * Math.Pow(0.5, days / Settings.LongHalfLifeDays);
                var logit = weight * _weights[input * m + j];
                if (logit != 0) result.Add(new LikelihoodContribution(ContributionSource.Owned, owned, logit, _together[input * m + j], _holders[input], days));
            }
            foreach (var f in features)
            {
                if ((uint)f >= (uint)Features.Count) continue;
                var logit = c.Features * _weights[(m + f) * m + j];
                if (logit != 0) result.Add(new LikelihoodContribution(ContributionSource.Feature, f, logit, _together[(m + f) * m + j], _holders[m + f], null));
            }
        }
        if (parts.Curated.TryGetValue(item, out var curated))
            result.Add(new LikelihoodContribution(ContributionSource.Curated, curated.Anchor, c.Curated + c.CuratedRecent * curated.Decay, 0, 0,
                Math.Max(0, (parts.Now - parts.Owned[curated.Anchor]).TotalDays)));
        var popularity = c.Popularity * (LogPopularity(item) - _meanLogPopularity);
        if (popularity != 0) result.Add(new LikelihoodContribution(ContributionSource.Popularity, item, popularity, Buyers(item), Rows, null));
        result.Sort((a, b) => b.Logit.CompareTo(a.Logit));
        return result;
    }
}

/// <summary>One customer's scores: every item's log-odds and probability, the best items, and why an item scores as it does.</summary>
public sealed class LikelihoodScores
{
    private readonly LikelihoodModel _model;
    private readonly LikelihoodModel.Parts _parts;
    private readonly IReadOnlyList<int> _features;
    private readonly double[] _modelled; // log-odds per modelled item

    internal LikelihoodModel.Parts Parts => _parts;

    internal LikelihoodScores(LikelihoodModel model, LikelihoodModel.Parts parts, IReadOnlyList<int> features)
    {
        (_model, _parts, _features) = (model, parts, features);
        // Nothing known of the customer (no modelled purchase, no feature, no curated relation): the coefficients were fitted
        // on customers with a history, and extrapolated to none they can rank even against popularity. Popularity it is.
        IsColdStart = parts.Curated.Count == 0 && !features.Any() && !parts.Owned.Keys.Any(i => model.IndexOf(i) >= 0);
        var c = model.Coefficients;
        _modelled = new double[model.ModelledItems];
        for (var j = 0; j < _modelled.Length; j++)
            _modelled[j] = c.History * parts.History[j] + c.Recent * parts.Recent[j] + c.RecentLong * parts.RecentLong[j] + c.Features * parts.Features[j];
    }

    /// <summary>True when the model knows nothing of the customer and ranks by popularity alone.</summary>
    public bool IsColdStart { get; }

    /// <summary>The log-odds that the customer buys the item soon; at a cold start, that they have it as often as others do.</summary>
    public double Logit(int item)
    {
        if (IsColdStart) return _model.LogPopularity(item) - Math.Log(1 - Math.Exp(_model.LogPopularity(item)));
        var c = _model.Coefficients;
        var j = _model.IndexOf(item);
        var logit = (j >= 0 ? _modelled[j] : 0) + c.Popularity * (_model.LogPopularity(item) - _model.MeanLogPopularity) + c.Intercept;
        if (_parts.Curated.TryGetValue(item, out var curated)) logit += c.Curated + c.CuratedRecent * curated.Decay;
        return logit;
    }

    public double Probability(int item) => 1 / (1 + Math.Exp(-Logit(item)));

    /// <summary>
    /// The items the customer is most likely to buy, best first, among those <paramref name="allowed"/> lets through:
    /// every modelled item, every curated complement of what they own, and the most popular of the rest.
    /// </summary>
    public List<(int Item, double Logit)> Best(int take, Func<int, bool> allowed)
    {
        var candidates = new Dictionary<int, double>();
        for (var j = 0; j < _model.ModelledItems; j++) candidates[_model.ItemAt(j)] = 0;
        foreach (var item in _parts.Curated.Keys) candidates[item] = 0;
        var extra = 0;
        foreach (var item in _model.ByPopularity)
        {
            if (extra >= take) break;
            if (_model.IndexOf(item) >= 0 || !allowed(item)) continue;
            candidates[item] = 0;
            extra++;
        }
        var ranked = new List<(int Item, double Logit)>(candidates.Count);
        foreach (var item in candidates.Keys) ranked.Add((item, Logit(item)));
        // Ties (e.g. a customer the model knows nothing of) go to the more popular item, then the lower id: repeatable.
        ranked.Sort((a, b) => a.Logit != b.Logit ? b.Logit.CompareTo(a.Logit)
            : _model.Buyers(a.Item) != _model.Buyers(b.Item) ? _model.Buyers(b.Item).CompareTo(_model.Buyers(a.Item)) : a.Item.CompareTo(b.Item));
        var best = new List<(int, double)>(take);
        foreach (var x in ranked)
        {
            if (best.Count == take) break;
            if (allowed(x.Item)) best.Add(x);
        }
        return best;
    }

    /// <summary>What makes up the item's log-odds, largest part first (what a reason may say).</summary>
    public IReadOnlyList<LikelihoodContribution> Explain(int item) => IsColdStart
        ? [new LikelihoodContribution(ContributionSource.Popularity, item, _model.LogPopularity(item) - _model.MeanLogPopularity, _model.Buyers(item), _model.Rows, null)]
        : _model.Explain(_parts, _features, item);
}
