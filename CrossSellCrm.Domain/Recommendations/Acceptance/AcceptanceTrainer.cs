using System.Diagnostics;
using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Trains an <see cref="AcceptanceModel"/>. Tables up to <see cref="AcceptanceSettings.InnerFoldsUpToRows"/> rows are
/// split into stratified inner folds; each candidate setting (L2 penalty, or tree depth with the number of trees found
/// by early stopping) learns from each fold's rest, the lowest held-out log-loss wins, Platt scaling is fitted on the
/// winner's held-out scores, and the model averages the folds' winning models. Larger tables hold one stratified share
/// out: the trees' depth is tuned on a sample of the kept rows, the chosen depth boosted once on all of them with early
/// stopping on the held-out share, and Platt fitted on that share's scores. Nothing is ever tuned on rows the caller will
/// test on. Row weights (<see cref="AcceptanceTable.Weight"/>) weigh in every loss, gradient and calibration.
/// Deterministic: the same rows and seed give the same model.
/// </summary>
public static class AcceptanceTrainer
{
    public static AcceptanceModel Train(AcceptanceTable rows, AcceptanceSettings settings, CancellationToken ct = default) =>
        Train(rows, Enumerable.Range(0, rows.Rows).ToArray(), settings, ct);

    /// <param name="rows">The rows of <paramref name="table"/> to learn from (a cross-validation's training folds).</param>
    internal static AcceptanceModel Train(AcceptanceTable table, int[] rows, AcceptanceSettings settings, CancellationToken ct)
    {
        new AcceptanceSettingsValidator().ValidateAndThrow(settings);
        var watch = Stopwatch.StartNew();
        // Small tables tune on inner folds: one held-out fifth of 3,600 offers holds some 80 acceptances, and the number
        // of trees that minimises its loss swings by half from one draw to the next. Large ones hold one share out.
        var inner = settings.InnerFolds >= 2 && rows.Length <= settings.InnerFoldsUpToRows;
        var fit = inner ? OnInnerFolds(table, rows, settings, ct) : OnHeldOutShare(table, rows, settings, ct);
        var positives = 0;
        foreach (var r in rows) if (table.Accepted(r)) positives++;
        var importance = new double[table.Schema.Count];
        foreach (var member in fit.Members)
        {
            var total = member.Importance.Sum();
            for (var c = 0; c < importance.Length; c++) importance[c] += total > 0 ? member.Importance[c] / total : 0;
        }
        var predictors = AcceptancePredictor.Of(table, rows, fit.DescribeBins, importance);
        var training = new AcceptanceTraining(settings.Learner, fit.Setting, fit.Trees, fit.LogLoss, fit.HoldoutAuc, rows.Length, fit.Tried, watch.Elapsed)
            { Members = fit.Members.Length };
        return new AcceptanceModel(fit.MemberBins, fit.Members, fit.Calibration, predictors, (double)positives / rows.Length, training);
    }

    /// <summary>What a tuning leaves: the members and their bins, the calibration, and what was tried and chosen.</summary>
    private sealed record Fitted(
        FeatureBins[] MemberBins, AcceptanceScorer[] Members, FeatureBins DescribeBins, PlattCalibration Calibration,
        double Setting, int Trees, double LogLoss, double HoldoutAuc, List<(double Setting, double LogLoss)> Tried);

    private static Fitted OnInnerFolds(AcceptanceTable table, int[] rows, AcceptanceSettings settings, CancellationToken ct)
    {
        var splits = InnerSplits(table, rows, settings.InnerFolds, settings.Seed);
        if (splits.Any(s => s.Kept.Length == 0 || s.HeldOut.Length == 0)) throw new ArgumentException("Too few rows to hold any out.", nameof(rows));
        var encoded = splits.Select(s =>
        {
            var bins = FeatureBins.Fit(table, s.Kept, settings.MaxBins, settings.MaxCategories);
            return (Bins: bins, Fit: bins.Encode(table, s.Kept), HeldOut: bins.Encode(table, s.HeldOut));
        }).ToList();

        var tried = new List<(double Setting, double LogLoss)>();
        var bestLoss = double.PositiveInfinity;
        var bestSetting = 0.0;
        AcceptanceScorer[] bestScorers = [];
        var bestTrees = 0;
        foreach (var candidate in Candidates(settings))
        {
            var scorers = new AcceptanceScorer[splits.Length];
            double loss = 0, trees = 0, heldOut = 0;
            for (var k = 0; k < splits.Length; k++)
            {
                ct.ThrowIfCancellationRequested();
                var (bins, fit, held) = encoded[k];
                if (settings.Learner == AcceptanceLearner.Logistic) scorers[k] = BinnedLogistic.Fit(fit, bins, candidate, ct);
                else
                {
                    var model = BoostedTrees.Fit(fit, held, bins, TreeOptions(settings, (int)candidate, settings.MaxTrees), ct).Model;
                    (scorers[k], trees) = (model, trees + model.Trees);
                }
                var weight = Total(held.Weights);
                loss += HeldOutLoss(scorers[k], held) * weight;
                heldOut += weight;
            }
            loss /= heldOut;
            tried.Add((candidate, loss));
            if (loss < bestLoss) (bestLoss, bestSetting, bestScorers, bestTrees) = (loss, candidate, scorers, (int)Math.Round(trees / splits.Length));
        }
        // The calibration learns from every held-out score: each training row's, from a model that never saw it.
        var scores = new List<double>();
        var outcomes = new List<bool>();
        var weights = new List<double>();
        for (var k = 0; k < splits.Length; k++)
        {
            scores.AddRange(bestScorers[k].Logits(encoded[k].HeldOut));
            outcomes.AddRange(encoded[k].HeldOut.Accepted);
            weights.AddRange(encoded[k].HeldOut.Weights);
        }
        var calibration = PlattCalibration.Fit(scores.ToArray(), outcomes.ToArray(), weights.ToArray());
        var holdoutAuc = AcceptanceMetrics.Auc(scores.ToArray(), outcomes.ToArray());
        var describeBins = FeatureBins.Fit(table, rows, settings.MaxBins, settings.MaxCategories);
        if (settings.BagInnerModels)
        {
            // The inner folds' models, averaged: measured better than one model refitted on all rows (bank.csv and the
            // marketing campaign, +0.003 to +0.006 AUC), as bagging is for a learner whose variance the small table drives.
            return new Fitted(encoded.Select(e => e.Bins).ToArray(), bestScorers, describeBins, calibration, bestSetting, bestTrees, bestLoss, holdoutAuc, tried);
        }
        ct.ThrowIfCancellationRequested();
        var refit = Refit(table, rows, describeBins, settings, bestSetting, bestTrees, ct);
        return new Fitted([describeBins], [refit], describeBins, calibration, bestSetting, bestTrees, bestLoss, holdoutAuc, tried);
    }

    private static Fitted OnHeldOutShare(AcceptanceTable table, int[] rows, AcceptanceSettings settings, CancellationToken ct)
    {
        var (keptRows, heldRows) = StratifiedSplit(table, rows, settings.HoldoutShare, settings.Seed);
        if (keptRows.Length == 0 || heldRows.Length == 0) throw new ArgumentException("Too few rows to hold any out.", nameof(rows));
        var bins = FeatureBins.Fit(table, keptRows, settings.MaxBins, settings.MaxCategories);
        var kept = bins.Encode(table, keptRows);
        var held = bins.Encode(table, heldRows);

        // Trees: the depth is chosen on a sample of the kept rows. Which depth wins is settled long before the full
        // table (each depth boosted to early stopping at full size was three quarters of a 1,000,000-row training);
        // the number of trees is not, so it is found again, once, at full size.
        var tune = kept;
        if (settings.Learner == AcceptanceLearner.BoostedTrees && kept.Count > settings.TuneSampleRows)
            tune = kept.Subset(StratifiedSample(kept.Accepted, settings.TuneSampleRows, settings.Seed + 1));
        var tried = new List<(double Setting, double LogLoss)>();
        var bestLoss = double.PositiveInfinity;
        var bestSetting = 0.0;
        AcceptanceScorer best = null!;
        foreach (var candidate in Candidates(settings))
        {
            ct.ThrowIfCancellationRequested();
            AcceptanceScorer scorer;
            double loss;
            if (settings.Learner == AcceptanceLearner.Logistic) loss = HeldOutLoss(scorer = BinnedLogistic.Fit(tune, bins, candidate, ct), held);
            // The trees' early stopping has scored the held-out share already: its loss there is the same number.
            else (scorer, loss) = BoostedTrees.Fit(tune, held, bins, TreeOptions(settings, (int)candidate, settings.MaxTrees), ct);
            tried.Add((candidate, loss));
            if (loss < bestLoss) (bestLoss, bestSetting, best) = (loss, candidate, scorer);
        }
        if (!ReferenceEquals(tune, kept))
        {
            ct.ThrowIfCancellationRequested();
            (best, bestLoss) = BoostedTrees.Fit(kept, held, bins, TreeOptions(settings, (int)bestSetting, settings.MaxTrees), ct);
        }
        var trees = best is BoostedTrees boosted ? boosted.Trees : 0;
        // Calibrated on the held-out share, which the trees' early stopping also read: one number (how many trees) learnt
        // there, against 200,000 offers — no optimism that a calibration of two numbers could show.
        var scores = best.Logits(held);
        var calibration = PlattCalibration.Fit(scores, held.Accepted, held.Weights);
        var holdoutAuc = AcceptanceMetrics.Auc(scores, held.Accepted);
        if (!settings.RefitOnAll)
            return new Fitted([bins], [best], bins, calibration, bestSetting, trees, bestLoss, holdoutAuc, tried);
        ct.ThrowIfCancellationRequested();
        var describeBins = FeatureBins.Fit(table, rows, settings.MaxBins, settings.MaxCategories);
        var refit = Refit(table, rows, describeBins, settings, bestSetting, trees, ct);
        return new Fitted([describeBins], [refit], describeBins, calibration, bestSetting, trees, bestLoss, holdoutAuc, tried);
    }

    private static AcceptanceScorer Refit(AcceptanceTable table, int[] rows, FeatureBins bins, AcceptanceSettings settings, double setting, int trees, CancellationToken ct)
    {
        var all = bins.Encode(table, rows);
        return settings.Learner == AcceptanceLearner.Logistic
            ? BinnedLogistic.Fit(all, bins, setting, ct)
            : BoostedTrees.Fit(all, null, bins, TreeOptions(settings, (int)setting, Math.Max(1, trees)), ct).Model;
    }

    private static IReadOnlyList<double> Candidates(AcceptanceSettings settings) =>
        settings.Learner == AcceptanceLearner.Logistic ? settings.PenaltyGrid : settings.DepthGrid.Select(d => (double)d).ToList();

    /// <summary>The weighted log-loss of a scorer's uncalibrated probabilities on held-out rows: what the tuning compares.</summary>
    private static double HeldOutLoss(AcceptanceScorer scorer, BinnedRows held) =>
        AcceptanceMetrics.LogLoss(scorer.Logits(held).Select(AcceptanceMetrics.Sigmoid).ToArray(), held.Accepted, held.Weights);

    private static double Total(double[] weights)
    {
        var sum = 0.0;
        foreach (var w in weights) sum += w;
        return sum;
    }

    /// <summary>Stratified folds of <paramref name="rows"/>: each fold held out once, the rest kept.</summary>
    internal static (int[] Kept, int[] HeldOut)[] InnerSplits(AcceptanceTable table, int[] rows, int folds, int seed)
    {
        var random = new Random(seed);
        var fold = new Dictionary<int, int>(rows.Length);
        foreach (var outcome in new[] { true, false })
        {
            var group = rows.Where(r => table.Accepted(r) == outcome).ToArray();
            random.Shuffle(group);
            for (var k = 0; k < group.Length; k++) fold[group[k]] = k % folds;
        }
        return Enumerable.Range(0, folds)
            .Select(k => (rows.Where(r => fold[r] != k).ToArray(), rows.Where(r => fold[r] == k).ToArray())).ToArray();
    }

    private static BoostedTrees.Options TreeOptions(AcceptanceSettings s, int depth, int trees) =>
        new(depth, s.LearningRate, trees, s.MinLeafRows, s.LeafPenalty, s.Subsample, s.Patience, s.Seed);

    /// <summary>A share of the accepted and of the declined rows each (so a rare outcome is held out in proportion), drawn repeatably.</summary>
    internal static (int[] Kept, int[] HeldOut) StratifiedSplit(AcceptanceTable table, int[] rows, double share, int seed)
    {
        var random = new Random(seed);
        var rest = new List<int>(rows.Length);
        var heldOut = new List<int>((int)(rows.Length * share) + 2);
        foreach (var outcome in new[] { true, false })
        {
            var group = rows.Where(r => table.Accepted(r) == outcome).ToArray();
            random.Shuffle(group);
            var take = (int)Math.Round(group.Length * share);
            if (group.Length >= 2) take = Math.Clamp(take, 1, group.Length - 1);
            heldOut.AddRange(group.Take(take));
            rest.AddRange(group.Skip(take));
        }
        // Ascending, so that the binned columns are read forward.
        rest.Sort();
        heldOut.Sort();
        return (rest.ToArray(), heldOut.ToArray());
    }
    /// <summary>
    /// <paramref name="count"/> positions of <paramref name="accepted"/>, the same share of the accepted and of the
    /// declined ones, drawn repeatably, ascending.
    /// </summary>
    internal static int[] StratifiedSample(bool[] accepted, int count, int seed)
    {
        var random = new Random(seed);
        var share = Math.Min(1.0, (double)count / accepted.Length);
        var sample = new List<int>(count + 2);
        foreach (var outcome in new[] { true, false })
        {
            var group = Enumerable.Range(0, accepted.Length).Where(i => accepted[i] == outcome).ToArray();
            random.Shuffle(group);
            sample.AddRange(group.Take((int)Math.Round(group.Length * share)));
        }
        sample.Sort();
        return sample.ToArray();
    }
}
