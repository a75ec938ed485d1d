using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CrossSellCrm.Web.Localization;

/// <summary>
/// Anchor type for MudText.de.resx: MudBlazor's own words (pager, "Clear", date picker …) in German. MudText.resx is
/// empty on purpose: a key it does not hold falls back to MudBlazor's English.
/// </summary>
public sealed class MudText;

/// <summary>MudBlazor asks here for its texts; German comes from MudText.de.resx.</summary>
public sealed class MudTextLocalizer(IStringLocalizer<MudText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];
}
