using CrossSellCrm.Domain.Imports;

namespace CrossSellCrm.Web.Components.Pages.Data;

/// <summary>The import wizard's steps, in the order a user takes them.</summary>
public enum ImportStep { Upload, Map, Check, Import }

/// <summary>
/// What the wizard holds between its steps: the file, its preview, the mapping the user edits, the job it runs. Plain C#,
/// so that the mapping's rules (suggested, changed, checked against the header) are tested without a browser.
/// </summary>
public sealed class ImportWizard
{
    public ImportStep Step { get; private set; } = ImportStep.Upload;
    public ImportKind Kind { get; set; } = ImportKind.Orders;
    public string? FileName { get; private set; }
    public string? StoredPath { get; private set; }
    public ImportPreview? Preview { get; private set; }
    /// <summary>Field → column; null or empty: the field is not read.</summary>
    public Dictionary<string, string?> Mapping { get; } = [];
    public string Culture { get; set; } = "en-US";
    public string? DateFormat { get; set; }
    public bool CreateMissing { get; set; }
    public int? JobId { get; private set; }

    public IReadOnlyList<ImportField> Fields => ImportFields.Of(Kind);

    /// <summary>A file was uploaded and read: the mapping starts from the header's suggestions.</summary>
    public void Loaded(string fileName, string storedPath, ImportPreview preview)
    {
        (FileName, StoredPath, Preview) = (fileName, storedPath, preview);
        Culture = preview.SuggestedCulture;
        Suggest();
        Step = ImportStep.Map;
    }

    /// <summary>Back to the header's suggestions (also after the kind changed).</summary>
    public void Suggest()
    {
        Mapping.Clear();
        if (Preview is null) return;
        var suggested = ImportFields.Suggest(Kind, Preview.Header);
        foreach (var field in Fields) Mapping[field.Name] = suggested.GetValueOrDefault(field.Name);
        CreateMissing = Kind == ImportKind.Orders && CreateMissing;
    }

    /// <summary>A saved mapping: its columns where the file has them, its culture and switches.</summary>
    public void Apply(ImportSettings saved)
    {
        Kind = saved.Kind;
        Mapping.Clear();
        foreach (var field in Fields) Mapping[field.Name] = saved.Mapping.GetValueOrDefault(field.Name);
        (Culture, DateFormat, CreateMissing) = (saved.Culture, saved.DateFormat, saved.CreateMissing);
    }

    public ImportSettings Settings() => new(Kind,
        Mapping.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!),
        Culture, string.IsNullOrWhiteSpace(DateFormat) ? null : DateFormat.Trim(), Kind == ImportKind.Orders && CreateMissing);

    /// <summary>What is wrong with the mapping for this file, in the user's language; empty when the dry run may start.</summary>
    public IReadOnlyList<string> Problems() =>
        Preview is null ? [] : new ImportSettingsValidator(Preview.Header).Validate(Settings()).Errors.Select(e => e.ErrorMessage).ToList();

    /// <summary>The first rows' values of the column a field reads, for the mapping table.</summary>
    public string Sample(string? column)
    {
        if (Preview is null || string.IsNullOrEmpty(column)) return "";
        var index = Preview.Header.ToList().IndexOf(column);
        return index < 0 ? "" : string.Join(" · ", Preview.Rows.Take(3).Select(r => index < r.Length ? r[index] : "").Where(v => v.Length > 0));
    }

    /// <summary>A job of this wizard (a dry run or the import) is under way or done; the page follows it.</summary>
    public void Follow(ImportJob job)
    {
        JobId = job.Id;
        Kind = job.Kind;
        (FileName, StoredPath) = (job.FileName, job.StoredPath);
        var settings = ImportSettings.FromJson(job.Settings);
        Apply(settings);
        Step = job.DryRun ? ImportStep.Check : ImportStep.Import;
    }

    public void Restart()
    {
        (Step, FileName, StoredPath, Preview, JobId) = (ImportStep.Upload, null, null, null, null);
        Mapping.Clear();
    }
}
