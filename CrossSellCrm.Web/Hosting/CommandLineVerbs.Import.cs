using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;

namespace CrossSellCrm.Web.Hosting;

public static partial class CommandLineVerbs
{
    /// <summary>
    /// `import KIND --input FILE`: the wizard's engine from the command line. The mapping starts from what the header suggests,
    /// then a saved mapping (--mapping), then --map FIELD=COLUMN. The same file run again after a crash or Ctrl-C finishes its
    /// interrupted job. Exit 0 when done (rejected rows are reported, not fatal), 2 for bad arguments or an unreadable file.
    /// </summary>
    private static Command ImportCommand(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
    {
        var kind = new Argument<string>("kind") { Description = "What the file holds: " + string.Join(", ", Enum.GetValues<ImportKind>().Select(k => k.Name())) + "." };
        kind.AcceptOnlyFromAmong(Enum.GetValues<ImportKind>().Select(k => k.Name()).ToArray());
        var input = new Option<string>("--input") { Description = "The CSV file (UTF-8 or Windows-1252; , ; or tab).", Required = true };
        var map = new Option<string[]>("--map") { Description = "FIELD=COLUMN: read FIELD from COLUMN (FIELD= leaves the field out); may be repeated.", AllowMultipleArgumentsPerToken = false };
        var mapping = new Option<string?>("--mapping") { Description = "Start from the mapping saved under this name (in the wizard, or with --save-mapping)." };
        var saveMapping = new Option<string?>("--save-mapping") { Description = "Save the mapping used under this name, for next month's file." };
        var culture = new Option<string>("--culture") { Description = "How the file writes numbers and dates: " + string.Join(", ", ImportCulture.Supported) + " (default: de-DE for ;-separated files, else en-US)." };
        var dateFormat = new Option<string?>("--date-format") { Description = "The file's date format when the culture's do not read it, e.g. dd-MM-yyyy." };
        var createMissing = new Option<bool>("--create-missing") { Description = "Orders: create customers and products the CRM does not know yet (else such rows are rejected)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and count every row, write nothing." };
        var errors = new Option<string?>("--errors") { Description = "Write the rejected and skipped rows here (CSV: line, outcome, column, value, message)." };
        var fields = string.Join("\n", Enum.GetValues<ImportKind>().Select(k =>
            $"  {k.Name()}: " + string.Join(", ", ImportFields.Of(k).Select(f => f.Required ? f.Name + "*" : f.Name))));
        var command = new Command("import", "Import customers, products, relations or orders from a CSV file (upsert by natural key; fields marked * are required):\n" + fields)
        {
            kind, input, map, mapping, saveMapping, culture, dateFormat, createMissing, dryRun, errors,
        };
        command.SetAction(async (parse, ct) =>
        {
            ImportKinds.TryParse(parse.GetValue(kind), out var importKind);
            var path = parse.GetValue(input)!;
            var errorFile = parse.GetValue(errors);
            if (errorFile is not null && await RefuseOutputAsync(errorFile, error)) return ExitCodes.BadArguments;
            using var host = await OpenDatabaseAsync(settings, ct);
            var imports = host.Services.GetRequiredService<ImportService>();
            ImportPreview preview;
            try
            {
                preview = await Task.Run(() => imports.Preview(path, importKind, rows: 0), ct);
            }
            catch (Exception e) when (e is ImportFileException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: --input: {e.Message}");
                return ExitCodes.BadArguments;
            }

            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var chosen = new Dictionary<string, string>(preview.SuggestedMapping);
            var cultureName = parse.GetValue(culture) ?? preview.SuggestedCulture;
            string? format = parse.GetValue(dateFormat);
            var create = parse.GetValue(createMissing);
            if (parse.GetValue(mapping) is { } name)
            {
                var saved = (await imports.MappingsAsync(importKind, ct)).FirstOrDefault(m => m.Name == name);
                if (saved is null)
                {
                    await error.WriteLineAsync($"error: --mapping: there is no saved {importKind.Name()} mapping '{name}'.");
                    return ExitCodes.BadArguments;
                }
                var stored = ImportSettings.FromJson(saved.Settings);
                chosen = new Dictionary<string, string>(stored.Mapping);
                if (parse.GetValue(culture) is null) cultureName = stored.Culture;
                format ??= stored.DateFormat;
                create |= stored.CreateMissing;
            }
            foreach (var pair in parse.GetValue(map) ?? [])
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    await error.WriteLineAsync($"error: --map: '{pair}' is not FIELD=COLUMN.");
                    return ExitCodes.BadArguments;
                }
                var (field, column) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                if (column.Length == 0) chosen.Remove(field); else chosen[field] = column;
            }
            var importSettings = new ImportSettings(importKind, chosen, cultureName, format, create);
            var problems = new ImportSettingsValidator(preview.Header).Validate(importSettings).Errors;
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await error.WriteLineAsync($"error: {problem.ErrorMessage}");
                await error.WriteLineAsync($"The file's columns: {string.Join(", ", preview.Header)}. Map a field with --map FIELD=COLUMN.");
                return ExitCodes.BadArguments;
            }
            if (parse.GetValue(saveMapping) is { } saveAs) await imports.SaveMappingAsync(saveAs, importSettings, Environment.UserName, ct);

            await output.WriteLineAsync($"reading {Path.GetFileName(path)}: {preview.Dialect.EncodingName}, separator {Describe(preview.Dialect.Separator)}, culture {cultureName}");
            await output.WriteLineAsync("mapping: " + string.Join(", ", chosen.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
            var job = await imports.CreateOrResumeAsync(path, path, importSettings, parse.GetValue(dryRun), Environment.UserName, ct: ct);
            if (job.RowsDone > 0) await output.WriteLineAsync(Invariant($"resuming interrupted import #{job.Id} after row {job.RowsDone:N0}"));
            var clock = Stopwatch.StartNew();
            var progress = new ConsoleProgress(output, clock);
            var finished = await Task.Run(() => imports.RunAsync(job.Id, path, new Progress(progress), ct), CancellationToken.None);
            if (errorFile is not null)
            {
                await using var report = new StreamWriter(errorFile, false, new System.Text.UTF8Encoding(true));
                await imports.WriteReportAsync(finished.Id, report, CancellationToken.None);
            }
            if (finished.Status is ImportJobStatus.Running or ImportJobStatus.Queued)
            {
                await error.WriteLineAsync($"error: {Domain.Localization.Messages.Text("Import_RunByAnother", finished.Id)}");
                return ExitCodes.Failed;
            }
            if (finished.Status == ImportJobStatus.Failed)
            {
                await error.WriteLineAsync($"error: the import failed: {finished.Failure}");
                return ExitCodes.Failed;
            }
            if (finished.DryRun) await output.WriteLineAsync("dry run: nothing was written");
            foreach (var (_, label, count) in finished.Counts.For(importKind)) await output.WriteLineAsync(Invariant($"{label}: {count}"));
            await output.WriteLineAsync(Invariant($"import #{finished.Id}: {finished.RowsDone:N0} rows in {clock.Elapsed.TotalSeconds:F1} s"));
            if (finished.Status is ImportJobStatus.Interrupted or ImportJobStatus.Cancelled)
            {
                await error.WriteLineAsync("error: stopped at a batch boundary before the end; run the same command again to finish.");
                return ExitCodes.Cancelled;
            }
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Describe(char separator) => separator switch { '\t' => "tab", ';' => "semicolon", _ => "comma" };

    private sealed class Progress(ConsoleProgress console) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) =>
            console.Report(Invariant($"{value.RowsDone:N0} rows, {value.RowsPerSecond:N0} rows/s, {100.0 * value.BytesDone / Math.Max(1, value.FileBytes):F0} %"));
    }
}
