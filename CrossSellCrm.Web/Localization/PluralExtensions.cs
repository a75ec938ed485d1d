using Microsoft.Extensions.Localization;

namespace CrossSellCrm.Web.Localization;

public static class PluralExtensions
{
    /// <summary>
    /// A count in words: "{key}_One" for exactly one ("1 Übung"), else "{key}_Other" ("3 Übungen"). English and German
    /// both have just these two forms.
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, string key, int count) =>
        localizer[count == 1 ? key + "_One" : key + "_Other", count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];
}
