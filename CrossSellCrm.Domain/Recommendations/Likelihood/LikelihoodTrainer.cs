using System.Diagnostics;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Evaluation;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>
/// Trains a <see cref="LikelihoodModel"/>: the latest share of the history is held out, the item–item weights are
/// learnt from the rest for each ridge on the grid, the coefficients fitted by logistic regression on the held-out
/// cases, and the ridge with the best held-out hit rate wins. The final weights are learnt from all the history with
/// that ridge and those coefficients. Deterministic: the same events give the same model.
/// </summary>
public static class LikelihoodTrainer
{
    public static LikelihoodModel Train(LikelihoodTrainingSet set, LikelihoodSettings settings, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var events = set.Events as List<PurchaseEvent> ?? [.. set.Events];
        if (events.Exists(e => e.At >= set.AsOf)) events = events.FindAll(e => e.At < set.AsOf);
        if (events.Count == 0) return LikelihoodModel.Empty;
        var maxItem = 0;
        foreach (var e in events) maxItem = Math.Max(maxItem, e.Item);

        var ridge = settings.RidgeGrid[settings.RidgeGrid.Count / 2];
        var coefficients = LikelihoodCoefficients.Untuned;
        var tried = new List<(double, double)>();
        double? validationHit = null, popularityHit = null;
        var byBaskets = set.Protocol is EvaluationProtocol.Window or EvaluationProtocol.BasketCompletion;
        var validationSplit = byBaskets
            ? EvaluationProtocols.SplitAtBasketFraction(events, 1 - settings.ValidationShare)
            : OfflineEvaluation.SplitAtFraction(events, 1 - settings.ValidationShare);
        var earlier = events.FindAll(e => e.At < validationSplit);
        var cases = Sample(EvaluationProtocols.Cases(events, validationSplit, set.Protocol, set.HorizonDays, withoutTargets: true), settings.MaxValidationCases);
        if (cases.Count >= settings.MinValidationCases && earlier.Count > 0)
        {
            var gram = Gram.Of(earlier, set, settings, maxItem, ct);
            var bestHit = -1.0;
            foreach (var r in settings.RidgeGrid)
            {
                ct.ThrowIfCancellationRequested();
                var model = gram.Solve(r, LikelihoodCoefficients.Untuned, set, settings, ct);
                var (fitted, hit) = Fit(model, cases, set, settings);
                tried.Add((r, hit));
                if (hit > bestHit) (bestHit, ridge, coefficients) = (hit, r, fitted);
            }
            validationHit = bestHit;
            popularityHit = PopularityHitRate(gram, cases, settings.K);
        }
        var final = Gram.Of(events, set, settings, maxItem, ct).Solve(ridge, coefficients, set, settings, ct);
        final.Training = new LikelihoodTraining(ridge, cases.Count, validationHit, popularityHit, validationHit is not null, tried, watch.Elapsed);
        return final;
    }

    private static List<EvaluationCase> Sample(List<EvaluationCase> cases, int max)
    {
        if (cases.Count <= max) return cases;
        var step = (double)cases.Count / max;
        return Enumerable.Range(0, max).Select(i => cases[(int)(i * step)]).ToList();
    }

    /// <summary>Fits the coefficients on a model's held-out cases and measures the hit rate they give there.</summary>
    private static (LikelihoodCoefficients Coefficients, double HitRate) Fit(LikelihoodModel model, List<EvaluationCase> cases, LikelihoodTrainingSet set, LikelihoodSettings settings)
    {
        const int d = LikelihoodCoefficients.Parts;
        var x = new List<double>();
        var y = new List<double>();
        var perCase = new List<(int Start, int Count, IReadOnlySet<int> Relevant)>();
        var row = new double[d];
        foreach (var c in cases)
        {
            var features = set.FeaturesFor(c.Customer);
            var scores = model.Score(c.History, features, c.At);
            var parts = scores.Parts;
            var candidates = scores.Best(settings.CandidatesPerCase, item => !parts.Owned.ContainsKey(item));
            perCase.Add((y.Count, candidates.Count, c.Relevant));
            foreach (var (item, _) in candidates)
            {
                parts.Fill(model, item, row);
                x.AddRange(row);
                y.Add(c.Relevant.Contains(item) ? 1 : 0);
            }
        }
        // Two fits of the same rows, the one that ranks the held-out purchases better wins: the pointwise logistic
        // regression (calibrated by construction) and the conditional logit (fitted on the order within a case, then
        // calibrated by a logistic regression on its score). Ties keep the pointwise fit.
        var (weights, intercept) = Logistic(x, y, d);
        var pointwise = (Coefficients: LikelihoodCoefficients.From(weights, intercept), HitRate: HitRate(weights, intercept));
        var listwise = ConditionalLogit.Fit(x, y, d, perCase.Select(c => (c.Start, c.Count)).ToList());
        var score = new List<double>(y.Count);
        for (var i = 0; i < y.Count; i++) score.Add(Dot(listwise, x, i, d));
        var (scale, offset) = Logistic(score, y, 1);
        if (scale[0] <= 0) return pointwise;
        var calibrated = listwise.Select(w => w * scale[0]).ToArray();
        var ranked = HitRate(calibrated, offset);
        return ranked > pointwise.HitRate ? (LikelihoodCoefficients.From(calibrated, offset), ranked) : pointwise;

        double HitRate(double[] w, double b)
        {
            var hits = 0;
            foreach (var (start, count, _) in perCase)
            {
                var best = Enumerable.Range(start, count).Select(i => (Index: i, Logit: b + Dot(w, x, i, d)))
                    .OrderByDescending(t => t.Logit).ThenBy(t => t.Index).Take(settings.K);
                if (best.Any(t => y[t.Index] == 1)) hits++;
            }
            return cases.Count == 0 ? 0 : (double)hits / cases.Count;
        }
    }

    private static double Dot(double[] w, List<double> x, int row, int d)
    {
        var sum = 0.0;
        for (var j = 0; j < d; j++) sum += w[j] * x[row * d + j];
        return sum;
    }

    /// <summary>
    /// L2-regularised logistic regression by Newton's method on standardised inputs; a constant input keeps weight 0.
    /// Returns the weights and intercept on the original scale.
    /// </summary>
    internal static (double[] Weights, double Intercept) Logistic(List<double> x, List<double> y, int d, double penalty = 1.0)
    {
        var n = y.Count;
        var (mean, sd, used) = Moments(x, n, d);
        var p = used.Length + 1; // the intercept last
        // The standardised inputs once, row-major with the intercept's 1 last.
        var z = new double[n * p];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < used.Length; a++) z[i * p + a] = (x[i * d + used[a]] - mean[used[a]]) / sd[used[a]];
            z[i * p + p - 1] = 1;
        }
        var w = new double[p];
        var positives = y.Sum();
        w[^1] = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var objective = Objective(w);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[p];
            var hessian = new double[p * p];
            for (var i = 0; i < n; i++)
            {
                var zi = z.AsSpan(i * p, p);
                var prob = Sigmoid(Eta(w, zi));
                var residual = y[i] - prob;
                var weight = Math.Max(prob * (1 - prob), 1e-12);
                for (var a = 0; a < p; a++)
                {
                    gradient[a] += residual * zi[a];
                    for (var b = 0; b <= a; b++) hessian[a * p + b] += weight * zi[a] * zi[b];
                }
            }
            for (var a = 0; a < p; a++)
                for (var b = 0; b < a; b++) hessian[b * p + a] = hessian[a * p + b];
            for (var a = 0; a < used.Length; a++)
            {
                gradient[a] -= penalty * w[a];
                hessian[a * p + a] += penalty;
            }
            hessian[^1] += 1e-9;
            SymmetricInverse.InPlace(hessian, p);
            var step = new double[p];
            for (var a = 0; a < p; a++)
                for (var b = 0; b < p; b++) step[a] += hessian[a * p + b] * gradient[b];
            (w, objective, var change) = DampedNewton.Step(w, step, objective, Objective);
            if (change < 1e-7) break;
        }
        var weights = new double[d];
        var intercept = w[^1];
        for (var a = 0; a < used.Length; a++)
        {
            weights[used[a]] = w[a] / sd[used[a]];
            intercept -= w[a] * mean[used[a]] / sd[used[a]];
        }
        return (weights, intercept);

        // The penalised log-likelihood: Σ y·η − log(1 + e^η) − ½·penalty·|w|² (the intercept unpenalised).
        double Objective(double[] v)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var eta = Eta(v, z.AsSpan(i * p, p));
                sum += y[i] * eta - (eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta)));
            }
            for (var a = 0; a < p - 1; a++) sum -= 0.5 * penalty * v[a] * v[a];
            return sum;
        }
    }

    /// <summary>Each input column's mean and standard deviation over <paramref name="n"/> rows, and the columns that vary (a constant one keeps weight 0).</summary>
    internal static (double[] Mean, double[] Sd, int[] Used) Moments(IReadOnlyList<double> x, int n, int d)
    {
        var mean = new double[d];
        var sd = new double[d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) sd[j] += Math.Pow(x[i * d + j] - mean[j], 2) / n;
        var used = Enumerable.Range(0, d).Where(j => sd[j] > 1e-12).ToArray();
        foreach (var j in used) sd[j] = Math.Sqrt(sd[j]);
        return (mean, sd, used);
    }

    private static double Eta(double[] w, ReadOnlySpan<double> z)
    {
        var eta = 0.0;
        for (var a = 0; a < w.Length; a++) eta += w[a] * z[a];
        return eta;
    }

    private static double Sigmoid(double eta) => 1 / (1 + Math.Exp(-eta));

    private static double PopularityHitRate(Gram gram, List<EvaluationCase> cases, int k)
    {
        var ranked = gram.ByBuyers.ToArray(); // once: sorting 20,000 items again for every case took most of a training
        var hits = 0;
        foreach (var c in cases)
        {
            var owned = c.History.Select(h => h.ProductId).ToHashSet();
            if (ranked.Where(i => !owned.Contains(i)).Take(k).Any(c.Relevant.Contains)) hits++;
        }
        return cases.Count == 0 ? 0 : (double)hits / cases.Count;
    }

    /// <summary>Co-occurrence counts of the modelled items and the features over the rows (customers or baskets).</summary>
    private sealed class Gram
    {
        public required int[] Items;       // modelled index → item
        public required int[] Counts;      // inputs × inputs
        public required int[] Buyers;      // per item
        public required int Rows, Features, MaxItem;
        public int Inputs => Items.Length + Features;

        public IEnumerable<int> ByBuyers => Enumerable.Range(0, MaxItem + 1).Where(i => Buyers[i] > 0).OrderByDescending(i => Buyers[i]).ThenBy(i => i);

        public static Gram Of(List<PurchaseEvent> events, LikelihoodTrainingSet set, LikelihoodSettings settings, int maxItem, CancellationToken ct)
        {
            // The rows (a customer's or a basket's distinct items) as runs of one sorted array, not a set per row: at a
            // million customers the sets were most of the training's live memory.
            var byCustomer = EvaluationProtocols.ByCustomer(set.Protocol);
            var keyed = new Keyed[events.Count];
            for (var i = 0; i < keyed.Length; i++)
            {
                var e = events[i];
                keyed[i] = new Keyed(byCustomer ? e.Customer : e.Basket, e.Item, e.Customer);
            }
            keyed.AsSpan().Sort(new ByKeyThenItem());
            var starts = new List<int>();
            var distinct = 0;
            foreach (var k in keyed)
            {
                if (distinct > 0 && keyed[distinct - 1].Key == k.Key)
                {
                    if (keyed[distinct - 1].Item == k.Item) continue; // bought again: one row counts an item once
                }
                else starts.Add(distinct);
                keyed[distinct++] = k;
            }
            starts.Add(distinct);
            var buyers = new int[maxItem + 1];
            for (var i = 0; i < distinct; i++) buyers[keyed[i].Item]++;
            var items = Enumerable.Range(0, maxItem + 1).Where(i => buyers[i] > 0)
                .OrderByDescending(i => buyers[i]).ThenBy(i => i).Take(settings.MaxModelledItems).Order().ToArray();
            var index = new int[maxItem + 1];
            Array.Fill(index, -1);
            for (var i = 0; i < items.Length; i++) index[items[i]] = i;
            var features = set.Vocabulary?.Count ?? 0;
            var n = items.Length + features;
            var rows = starts.Count - 1;
            // Two cores: each half of the rows counts into its own matrix, then they are added.
            var parts = Math.Min(Environment.ProcessorCount, rows < 20_000 ? 1 : 2);
            var partial = new int[parts][];
            Parallel.For(0, parts, part =>
            {
                var counts = new int[n * n];
                var inputs = new List<int>();
                for (var r = part; r < rows; r += parts)
                {
                    if ((r & 0x3FFF) == 0) ct.ThrowIfCancellationRequested();
                    inputs.Clear();
                    for (var i = starts[r]; i < starts[r + 1]; i++)
                        if (index[keyed[i].Item] >= 0) inputs.Add(index[keyed[i].Item]);
                    foreach (var f in set.FeaturesFor(keyed[starts[r]].Customer))
                        if ((uint)f < (uint)features) inputs.Add(items.Length + f);
                    foreach (var a in inputs)
                    {
                        var offset = a * n;
                        foreach (var b in inputs) counts[offset + b]++;
                    }
                }
                partial[part] = counts;
            });
            var total = partial[0];
            for (var part = 1; part < parts; part++)
                for (var i = 0; i < total.Length; i++) total[i] += partial[part][i];
            return new Gram { Items = items, Counts = total, Buyers = buyers, Rows = rows, Features = features, MaxItem = maxItem };
        }

        private readonly record struct Keyed(int Key, int Item, int Customer);

        private readonly struct ByKeyThenItem : IComparer<Keyed>
        {
            public int Compare(Keyed a, Keyed b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Item.CompareTo(b.Item);
        }

        /// <summary>
        /// EASE: B = I − P·diag(1/diag P) with P = (G + λI)⁻¹, the diagonal forced to zero: each item's weights from every
        /// input that best reconstruct it without itself. λ is <paramref name="ridge"/> times the average modelled item's buyers.
        /// </summary>
        public LikelihoodModel Solve(double ridge, LikelihoodCoefficients coefficients, LikelihoodTrainingSet set, LikelihoodSettings settings, CancellationToken ct)
        {
            var m = Items.Length;
            var n = Inputs;
            var lambda = Math.Max(1e-3, ridge * (m == 0 ? 1 : Items.Average(i => (double)Buyers[i])));
            var p = new double[n * n];
            for (var i = 0; i < p.Length; i++) p[i] = Counts[i];
            for (var i = 0; i < n; i++) p[i * n + i] += lambda;
            SymmetricInverse.InPlace(p, n, ct);
            var weights = new float[n * m];
            var together = new int[n * m];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < m; j++)
                {
                    weights[i * m + j] = i == j ? 0 : (float)(-p[i * n + j] / p[j * n + j]);
                    together[i * m + j] = Counts[i * n + j];
                }
            var holders = new int[n];
            for (var i = 0; i < n; i++) holders[i] = Counts[i * n + i];
            return new LikelihoodModel(Items, MaxItem, weights, together, holders, Buyers, Rows,
                set.Vocabulary ?? FeatureVocabulary.Empty, set.Curated ?? CuratedSignal.None, coefficients, settings);
        }
    }
}
