using System.Globalization;
using System.Resources;

namespace CrossSellCrm.Domain.Localization;

/// <summary>
/// The domain's messages (validation errors, refusals) in English and German, from Messages.resx and Messages.de.resx,
/// in the caller's UI culture at the moment the message is made — the page, the API and the command line each get
/// the user's language without translating keys themselves.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("CrossSellCrm.Domain.Localization.Messages", typeof(Messages).Assembly);

    /// <summary>The message for <paramref name="key"/>, formatted with <paramref name="args"/> in the current culture; the key itself when there is none.</summary>
    public static string Text(string key, params object?[] args)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }

    /// <summary>"de" when the user reads German, else "en": the two languages the CRM speaks.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? "de" : "en";

    /// <summary>The German text where there is one and the reader reads German; else the English (or only) one.</summary>
    public static string Pick(string language, string english, string? german) => language == "de" && !string.IsNullOrWhiteSpace(german) ? german : english;

    /// <summary>A field's name as users read it ("E-Mail"), for FluentValidation's own messages; null when there is none.</summary>
    public static string? FieldName(string member) => Resources.GetString("Field_" + member, CultureInfo.CurrentUICulture);

    /// <summary>
    /// FluentValidation's own messages ("must not be empty") come in the user's culture already; this makes the field
    /// they name come in it too ("'E-Mail' darf nicht leer sein", not "'Email' darf nicht leer sein"). Global, set once at start.
    /// </summary>
    public static void UseForValidation() =>
        FluentValidation.ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : FieldName(member.Name);
}
