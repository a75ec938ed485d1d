using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using CrossSellCrm.Domain.Localization;

namespace CrossSellCrm.Domain.Imports;

/// <summary>How to read one file: which column fills which field, in which culture, and whether orders may create what they name.</summary>
/// <param name="Mapping">Field name (kebab case) → column header.</param>
/// <param name="CreateMissing">Orders: a customer or product the CRM does not know yet is created from the row (else the row is rejected).</param>
public sealed record ImportSettings(ImportKind Kind, IReadOnlyDictionary<string, string> Mapping, string Culture = "en-US", string? DateFormat = null, bool CreateMissing = false)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(new Stored(Kind.Name(), Mapping.ToDictionary(), Culture, DateFormat, CreateMissing), Json);

    public static ImportSettings FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json)!;
        ImportKinds.TryParse(stored.Kind, out var kind);
        return new ImportSettings(kind, stored.Mapping, stored.Culture, stored.DateFormat, stored.CreateMissing);
    }

    private sealed record Stored(string Kind, Dictionary<string, string> Mapping, string Culture, string? DateFormat, bool CreateMissing);
}

/// <summary>
/// Settings that fit the file: every field named exists for the kind, every column named is in the header, the required
/// fields are mapped, the culture is one the importer reads. Checked before the first row, with the header in hand.
/// </summary>
public sealed class ImportSettingsValidator : AbstractValidator<ImportSettings>
{
    public ImportSettingsValidator(IReadOnlyList<string> header)
    {
        RuleFor(s => s.Culture).Must(c => ImportCulture.Supported.Contains(c))
            .WithMessage(s => Messages.Text("Import_CultureUnknown", s.Culture, string.Join(", ", ImportCulture.Supported)));
        RuleForEach(s => s.Mapping).Custom((pair, context) =>
        {
            var kind = context.InstanceToValidate.Kind;
            if (ImportFields.Of(kind).All(f => f.Name != pair.Key))
                context.AddFailure(new ValidationFailure("Mapping", Messages.Text("Import_FieldUnknown", pair.Key, kind.Name(), string.Join(", ", ImportFields.Of(kind).Select(f => f.Name)))));
            else if (!header.Contains(pair.Value))
                context.AddFailure(new ValidationFailure("Mapping", Messages.Text("Import_ColumnMissing", pair.Value, pair.Key, string.Join(", ", header))));
        });
        RuleFor(s => s).Custom((settings, context) =>
        {
            foreach (var field in ImportFields.Of(settings.Kind).Where(f => f.Required && !settings.Mapping.ContainsKey(f.Name)))
                context.AddFailure(new ValidationFailure("Mapping", Messages.Text("Import_FieldRequired", field.Name)));
            if (settings.Kind == ImportKind.Customers && !settings.Mapping.ContainsKey("customer") && !settings.Mapping.ContainsKey("email"))
                context.AddFailure(new ValidationFailure("Mapping", Messages.Text("Import_CustomerKeyRequired")));
        });
        RuleFor(s => s.DateFormat).Must(f => f is null || f.Any(c => c is 'd' or 'M' or 'y')).WithMessage(_ => Messages.Text("Import_DateFormatInvalid"));
    }
}
