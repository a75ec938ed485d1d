using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CrossSellCrm.Web.Components.Pages.Segments.Components;

/// <summary>A segment rule in plain words, in the user's language: "all of: Age at least 30; any of: …".</summary>
public static class RuleText
{
    public static string Describe(RuleNode node, IStringLocalizer<Text> l, IReadOnlyDictionary<string, string> tagNames)
    {
        if (node.IsGroup)
        {
            var parts = node.Rules.Select(r => r.IsGroup ? $"({Describe(r, l, tagNames)})" : Describe(r, l, tagNames));
            return $"{l[node.Match == RuleMatch.Or ? "Seg_Any" : "Seg_All"]}: {string.Join("; ", parts)}";
        }
        var field = SegmentFields.Find(node.Field);
        var values = node.Values.Select(v => field?.Kind switch
        {
            FieldKind.Choice => l[$"SegChoice_{v}"].Value,
            FieldKind.Tag => tagNames.GetValueOrDefault(v, v),
            _ => v,
        }).ToList();
        var joined = node.Op == RuleOperator.Between && values.Count == 2 ? $"{values[0]} {l["Seg_And"]} {values[1]}" : string.Join(", ", values);
        return $"{l[$"SegField_{node.Field}"]} {l[$"SegOp_{node.Op}"]} {joined}".TrimEnd();
    }
}

/// <summary>The label of a composition bar in the user's language (income band, country name, lifestyle name).</summary>
public static class CompositionLabel
{
    public static string Of(string attribute, string key, IStringLocalizer<Text> l, IReadOnlyDictionary<string, string> tagNames) => attribute switch
    {
        "income" => key == "Unknown" ? "?" : l[$"SegChoice_{key}"],
        "country" => Cultures.CountryName(key),
        "lifestyle" => tagNames.GetValueOrDefault(key, key),
        _ => key,
    };
}
