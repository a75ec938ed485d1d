using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Web.Hosting;

public static partial class CommandLineVerbs
{
    /// <summary>
    /// `propensity`: how well the acceptance model (issue 15 §2) tells accepted from declined offers in any CSV of offers
    /// with their outcome — stratified k-fold AUC (mean ± sd over the folds of every repeat), the calibrated Brier score,
    /// and the columns that matter most in plain words. No database involved. A column that gives the outcome away is
    /// refused (exit 2), one that is merely very strong on its own is named, so that `duration` is dropped on purpose.
    /// </summary>
    private static Command PropensityCommand(TextWriter output, TextWriter error)
    {
        var input = new Option<string>("--input") { Description = "The CSV file of offers, a row each (UTF-8 or Windows-1252; , ; or tab).", Required = true };
        var target = new Option<string>("--target") { Description = "The column holding the outcome.", Required = true };
        var positive = new Option<string>("--positive") { Description = "The target's value that means accepted (e.g. yes).", Required = true };
        var drop = new Option<string[]>("--drop") { Description = "A column to leave out (e.g. one only known after the offer, as duration); may be repeated.", AllowMultipleArgumentsPerToken = true };
        var separator = new Option<string?>("--separator") { Description = "The separator, one character or tab (default: detected from the header line)." };
        var folds = new Option<int>("--folds") { Description = "Stratified folds.", DefaultValueFactory = _ => 5 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats of the folds, each with another shuffle.", DefaultValueFactory = _ => 5 };
        var learner = new Option<string>("--learner") { Description = "trees (gradient-boosted, the default) or logistic (L2 regression over bins).", DefaultValueFactory = _ => "trees" };
        learner.AcceptOnlyFromAmong("trees", "logistic");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var holdoutLast = new Option<double?>("--holdout-last") { Description = "Instead of folds: train on the first rows, test on this last share (a file in time order, e.g. 0.2)." };
        var baseline = new Option<string?>("--baseline") { Description = "With --holdout-last: a column whose acceptance rate per level (Beta prior) is the baseline, e.g. product." };
        var command = new Command("propensity", "Cross-validate the acceptance model on a CSV of offers with outcomes: AUC, Brier score, top predictors.")
        {
            input, target, positive, drop, separator, folds, repeats, learner, json, holdoutLast, baseline,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            var options = new PropensityOptions
            {
                Target = parse.GetValue(target)!, Positive = parse.GetValue(positive)!, Drop = parse.GetValue(drop) ?? [], Separator = parse.GetValue(separator),
                Folds = parse.GetValue(folds), Repeats = parse.GetValue(repeats),
                Learner = parse.GetValue(learner) == "logistic" ? AcceptanceLearner.Logistic : AcceptanceLearner.BoostedTrees,
                HoldoutLast = parse.GetValue(holdoutLast), Baseline = parse.GetValue(baseline),
            };
            if (await RefuseInputAsync(path, error)) return ExitCodes.BadArguments;
            var clock = Stopwatch.StartNew();
            AcceptanceFileData file;
            try
            {
                // The separator is checked before it is used; the rest of the options need the header.
                if (options.Separator is { Length: > 1 } and not ("tab" or "\\t"))
                {
                    await error.WriteLineAsync($"error: {Messages.Text("Acceptance_Separator", options.Separator)}");
                    return ExitCodes.BadArguments;
                }
                using var csv = CsvFileReader.Open(path, options.SeparatorChar);
                if (new PropensityOptionsValidator(csv.Header).Validate(options).Errors is { Count: > 0 } wrong)
                {
                    foreach (var failure in wrong) await error.WriteLineAsync($"error: {failure.ErrorMessage}");
                    return ExitCodes.BadArguments;
                }
                // Off the caller's thread, as in `mine`, so that Ctrl-C and SIGTERM reach the token while the file is read.
                file = await Task.Run(() => AcceptanceFile.Read(csv, options, ct), ct);
            }
            catch (Exception e) when (e is ImportFileException or AcceptanceFileException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {path}: {e.Message}");
                return ExitCodes.BadArguments;
            }
            var table = file.Table;
            var settings = new AcceptanceSettings { Learner = options.Learner };
            var signals = AcceptanceLeaks.Find(table, settings);
            if (signals.FirstOrDefault(s => s.Leaks) is { } leak)
            {
                await error.WriteLineAsync($"error: {path}: {Messages.Text("Acceptance_Leak", leak.Column, options.Target, leak.Auc)}");
                return ExitCodes.BadArguments;
            }
            var notes = signals.Select(s => Messages.Text("Acceptance_Strong", s.Column, s.Auc)).ToList();
            if (file.SkippedLines > 0) notes.Add($"{file.SkippedLines:N0} malformed lines skipped (the first at line {file.FirstSkippedLine}).");

            if (options.HoldoutLast is { } share)
            {
                var temporal = await Task.Run(() => TemporalHoldout.Run(table, settings, share, options.Baseline, ct), ct);
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { learner = options.Learner.ToString(), temporal, notes, seconds = clock.Elapsed.TotalSeconds },
                        new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                    return ExitCodes.Done;
                }
                await output.WriteLineAsync(Invariant($"{Path.GetFileName(path)}: trained on the first {temporal.TrainRows:N0} rows, tested on the last {temporal.TestRows:N0} ({temporal.TestAccepted:N0} accepted)"));
                await output.WriteLineAsync(Invariant($"auc: {temporal.Auc:F3} [{temporal.AucLow:F3}–{temporal.AucHigh:F3}] (95 % bootstrap over the test rows)"));
                if (temporal.BaselineAuc is { } b)
                    await output.WriteLineAsync(Invariant($"baseline ({temporal.BaselineColumn}: rate per level with a Beta prior of {TemporalHoldout.PriorStrength:0} offers): auc {b:F3} [{temporal.BaselineLow:F3}–{temporal.BaselineHigh:F3}]"));
                await output.WriteLineAsync(Invariant($"brier: {temporal.Brier:F4} (calibrated; always saying the base rate: {temporal.BaseRateBrier:F4})"));
                await output.WriteLineAsync("reliability (test offers in tenths by predicted chance: predicted → accepted):");
                await output.WriteLineAsync("  " + string.Join("  ", temporal.Reliability.Select(b => Invariant($"{b.Predicted:P0}→{b.Observed:P0}"))));
                foreach (var note in notes) await output.WriteLineAsync($"note: {note}");
                await output.WriteLineAsync(Invariant($"time: {clock.Elapsed.TotalSeconds:F1} s"));
                return ExitCodes.Done;
            }
            var result = await Task.Run(() => CrossValidation.Run(table, settings, options.Folds, options.Repeats, ct: ct), ct);
            var validated = clock.Elapsed;
            var model = await Task.Run(() => AcceptanceTrainer.Train(table, settings, ct), ct);
            var top = model.TopFeatures.Take(5).ToList();
            var numeric = table.Schema.Columns.Count(c => c.Kind == AcceptanceColumnKind.Numeric);
            var learnerName = options.Learner == AcceptanceLearner.Logistic ? "logistic" : "trees";
            if (parse.GetValue(json))
            {
                var report = new
                {
                    data = new
                    {
                        file = Path.GetFileName(path), rows = table.Rows, columns = table.Schema.Count, numeric, categorical = table.Schema.Count - numeric,
                        accepted = table.AcceptedCount, acceptedShare = (double)table.AcceptedCount / table.Rows, dropped = file.Dropped, skippedLines = file.SkippedLines,
                    },
                    learner = learnerName, folds = result.Folds, repeats = result.Repeats,
                    auc = new { mean = result.AucMean, sd = result.AucSd, perFold = result.Results.Select(r => r.Auc) },
                    brier = new { mean = result.BrierMean, sd = result.BrierSd, baseRate = result.BaseRateBrierMean },
                    topPredictors = top.Select(p => new
                    {
                        column = p.Column, importance = p.Importance, text = p.Text(model.BaseRate),
                        highest = new { level = p.Highest.Description, rows = p.Highest.Rows, acceptedShare = p.Highest.AcceptedShare },
                        lowest = new { level = p.Lowest.Description, rows = p.Lowest.Rows, acceptedShare = p.Lowest.AcceptedShare },
                    }),
                    model = new { setting = model.Training.Setting, trees = model.Training.Trees, calibration = new { slope = model.Calibration.Slope, intercept = model.Calibration.Intercept } },
                    notes,
                    seconds = clock.Elapsed.TotalSeconds,
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                return ExitCodes.Done;
            }
            await output.WriteLineAsync(Invariant($"{Path.GetFileName(path)}: {table.Rows:N0} rows, {table.Schema.Count} columns ({numeric} numeric, {table.Schema.Count - numeric} categorical), {table.AcceptedCount:N0} accepted ({100.0 * table.AcceptedCount / table.Rows:F1} %)") +
                (file.Dropped.Count > 0 ? $"; dropped: {string.Join(", ", file.Dropped)}" : ""));
            var inner = table.Rows <= settings.InnerFoldsUpToRows
                ? $"tuned on {settings.InnerFolds} inner folds of each training fold, their models averaged and Platt-calibrated on their held-out scores"
                : Invariant($"tuned on a held-out {settings.HoldoutShare:P0} of each training fold and Platt-calibrated there");
            await output.WriteLineAsync(options.Learner == AcceptanceLearner.Logistic
                ? $"learner: logistic regression over quantile bins and categories, L2 {inner}"
                : $"learner: gradient-boosted trees over histogram bins, depth and number of trees {inner}");
            await output.WriteLineAsync(Invariant($"auc: {result.AucMean:F3} ± {result.AucSd:F3} ({result.Folds}-fold × {result.Repeats}, stratified; min {result.Results.Min(r => r.Auc):F3}, max {result.Results.Max(r => r.Auc):F3})"));
            await output.WriteLineAsync(Invariant($"brier: {result.BrierMean:F4} ± {result.BrierSd:F4} (calibrated; always saying the base rate: {result.BaseRateBrierMean:F4})"));
            await output.WriteLineAsync("top predictors (model on all rows):");
            for (var i = 0; i < top.Count; i++) await output.WriteLineAsync($"  {i + 1}. {top[i].Text(model.BaseRate)}");
            foreach (var note in notes) await output.WriteLineAsync($"note: {note}");
            await output.WriteLineAsync(Invariant($"time: {clock.Elapsed.TotalSeconds:F1} s (cross-validation {validated.TotalSeconds:F1} s)"));
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>`export-offer-features`: the decided offers with their point-in-time features, the file `propensity` learns from.</summary>
    private static Command ExportOfferFeaturesCommand(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
    {
        var file = new Option<string>("--output") { Description = "The CSV file to write (comma, invariant numbers, in time order).", Required = true };
        var command = new Command("export-offer-features", "Write every accepted or declined offer with its point-in-time features (for `propensity --holdout-last`).") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            using var host = await OpenDatabaseAsync(settings, ct);
            await host.Services.GetRequiredService<Domain.Persistence.DatabaseMigrator>().MigrateAsync(ct);
            await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
            var rows = await host.Services.GetRequiredService<OfferFeatureExport>().WriteAsync(writer, ct);
            await output.WriteLineAsync(Invariant($"{rows:N0} decided offers written to {path}"));
            return ExitCodes.Done;
        });
        return command;
    }
}
