using System.Diagnostics;
using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Trains an <see cref="AcceptanceModel"/>: the rows are split into stratified inner folds (a single held-out share
/// for large tables); each candidate setting (L2 penalty, or tree depth with the number of trees found by early
/// stopping) learns from each fold's rest and the lowest held-out log-loss wins; Platt scaling is fitted on the
/// winner's held-out scores. The final model averages the inner folds' winning models (or, for large tables, the
/// winning setting learns again from all rows). Nothing is ever tuned on rows the caller will test on. Deterministic: the
/// same rows and seed give the same model.
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
        var splits = inner ? InnerSplits(table, rows, settings.InnerFolds, settings.Seed) : [StratifiedSplit(table, rows, settings.HoldoutShare, settings.Seed)];
        if (splits.Any(s => s.Kept.Length == 0 || s.HeldOut.Length == 0)) throw new ArgumentException("Too few rows to hold any out.", nameof(rows));
        var encoded = splits.Select(s =>
        {
            var bins = FeatureBins.Fit(table, s.Kept, settings.MaxBins, settings.MaxCategories);
            return (Bins: bins, Fit: bins.Encode(table, s.Kept), HeldOut: bins.Encode(table, s.HeldOut));
        }).ToList();

        var candidates = settings.Learner == AcceptanceLearner.Logistic ? settings.PenaltyGrid : settings.DepthGrid.Select(d => (double)d).ToList();
        var tried = new List<(double Setting, double LogLoss)>();
        var bestLoss = double.PositiveInfinity;
        var bestSetting = 0.0;
        AcceptanceScorer[] bestScorers = [];
        var bestTrees = 0;
        foreach (var candidate in candidates)
        {
            var scorers = new AcceptanceScorer[splits.Length];
            double loss = 0, trees = 0;
            var heldOut = 0;
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
                loss += AcceptanceMetrics.LogLoss(scorers[k].Logits(held).Select(AcceptanceMetrics.Sigmoid).ToArray(), held.Accepted) * held.Count;
                heldOut += held.Count;
            }
            loss /= heldOut;
            tried.Add((candidate, loss));
            if (loss < bestLoss) (bestLoss, bestSetting, bestScorers, bestTrees) = (loss, candidate, scorers, (int)Math.Round(trees / splits.Length));
        }
        // The calibration learns from every held-out score: with inner folds, each training row's, from a model that never saw it.
        var scores = new List<double>();
        var outcomes = new List<bool>();
        for (var k = 0; k < splits.Length; k++)
        {
            scores.AddRange(bestScorers[k].Logits(encoded[k].HeldOut));
            outcomes.AddRange(encoded[k].HeldOut.Accepted);
        }
        var calibration = PlattCalibration.Fit(scores.ToArray(), outcomes.ToArray());
        var holdoutAuc = AcceptanceMetrics.Auc(scores.ToArray(), outcomes.ToArray());

        FeatureBins[] memberBins;
        AcceptanceScorer[] members;
        FeatureBins describeBins;
        if (inner && settings.BagInnerModels)
        {
            // The inner folds' models, averaged: measured better than one model refitted on all rows (bank.csv and the
            // marketing campaign, +0.003 to +0.006 AUC), as bagging is for a learner whose variance the small table drives.
            (memberBins, members) = (encoded.Select(e => e.Bins).ToArray(), bestScorers);
            describeBins = FeatureBins.Fit(table, rows, settings.MaxBins, settings.MaxCategories);
        }
        else if (settings.RefitOnAll || inner)
        {
            ct.ThrowIfCancellationRequested();
            describeBins = FeatureBins.Fit(table, rows, settings.MaxBins, settings.MaxCategories);
            var all = describeBins.Encode(table, rows);
            var refit = settings.Learner == AcceptanceLearner.Logistic
                ? (AcceptanceScorer)BinnedLogistic.Fit(all, describeBins, bestSetting, ct)
                : BoostedTrees.Fit(all, null, describeBins, TreeOptions(settings, (int)bestSetting, Math.Max(1, bestTrees)), ct).Model;
            (memberBins, members) = ([describeBins], [refit]);
        }
        else (memberBins, members, describeBins) = ([encoded[0].Bins], [bestScorers[0]], encoded[0].Bins);
        var positives = 0;
        foreach (var r in rows) if (table.Accepted(r)) positives++;
        var importance = new double[table.Schema.Count];
        foreach (var member in members)
        {
            var total = member.Importance.Sum();
            for (var c = 0; c < importance.Length; c++) importance[c] += total > 0 ? member.Importance[c] / total : 0;
        }
        var predictors = AcceptancePredictor.Of(table, rows, describeBins, importance);
        var training = new AcceptanceTraining(settings.Learner, bestSetting, bestTrees, bestLoss, holdoutAuc, rows.Length, tried, watch.Elapsed) { Members = members.Length };
        return new AcceptanceModel(memberBins, members, calibration, predictors, (double)positives / rows.Length, training);
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
}
