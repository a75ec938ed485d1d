using System.Globalization;
using CrossSellCrm.Domain.Kpis;
using FluentValidation;

namespace CrossSellCrm.Web.Kpis;

/// <summary>
/// The dashboard's filter as URL query parameters, so a view can be bookmarked and shared:
/// <c>?period=12-months|quarter|this-month|last-month|custom&amp;from=2026-01-01&amp;to=2026-03-31&amp;seg=1,2&amp;rep=…&amp;cat=3</c>.
/// <c>to</c> is the last day included. Anything unreadable falls back to the default, with the reason.
/// </summary>
public static class DashboardQuery
{
    public const string DefaultPreset = "12-months";
    public static readonly string[] Presets = ["this-month", "last-month", "quarter", "12-months", "custom"];

    public static (string Preset, KpiFilter Filter) Parse(string? period, string? from, string? to, string? segments, string? reps, string? categories, DateOnly today)
    {
        var (preset, filter, _) = TryParse(period, from, to, segments, reps, categories, today);
        return (preset, filter);
    }

    /// <param name="known">The segments, reps and categories that exist: ids a link names that do not are left out, with a message. Null: not checked.</param>
    /// <returns>The filter, and the errors (resource keys of the UI text) that made parts of the query fall back to defaults.</returns>
    public static (string Preset, KpiFilter Filter, IReadOnlyList<string> Errors) TryParse(string? period, string? from, string? to,
        string? segments, string? reps, string? categories, DateOnly today, DashboardChoices? known = null)
    {
        var errors = new List<string>();
        // Dates without a period mean a custom period (a hand-made link), not "ignore the dates".
        if (period is null && (from is not null || to is not null)) period = "custom";
        var preset = Presets.Contains(period) ? period! : DefaultPreset;
        if (period is not null && !Presets.Contains(period)) errors.Add("DashErr_Preset");
        var (start, end) = Range(preset, today);
        if (preset == "custom")
        {
            if (Day(from) is { } f && Day(to) is { } t) (start, end) = (f, t.AddDays(1));
            else
            {
                errors.Add("DashErr_Dates");
                (preset, (start, end)) = (DefaultPreset, Range(DefaultPreset, today));
            }
        }
        var filter = new KpiFilter(start, end,
            Known(Ints(segments, errors), known?.Segments, "DashErr_UnknownSegment", errors),
            Known(Strings(reps), known?.Reps, "DashErr_UnknownRep", errors),
            Known(Ints(categories, errors), known?.Categories, "DashErr_UnknownCategory", errors));
        var result = new KpiFilterValidator().Validate(filter);
        if (!result.IsValid)
        {
            errors.AddRange(result.Errors.Select(e => e.ErrorMessage));
            (start, end) = Range(DefaultPreset, today);
            (preset, filter) = (DefaultPreset, filter with { From = start, To = end });
        }
        return (preset, filter, errors);
    }

    /// <summary>[from, to) of a preset: months are calendar months; the quarter and 12 months end today.</summary>
    public static (DateOnly From, DateOnly To) Range(string preset, DateOnly today) => preset switch
    {
        "this-month" => (new DateOnly(today.Year, today.Month, 1), today.AddDays(1)),
        "last-month" => (new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1)),
        "quarter" => (today.AddDays(-90), today.AddDays(1)),
        _ => (today.AddMonths(-12).AddDays(1), today.AddDays(1)),
    };

    public static string Url(string path, string preset, KpiFilter filter)
    {
        var query = new List<string> { $"period={preset}" };
        if (preset == "custom") query.AddRange([$"from={filter.From:yyyy-MM-dd}", $"to={filter.To.AddDays(-1):yyyy-MM-dd}"]);
        if (filter.Segments is { Count: > 0 } s) query.Add("seg=" + string.Join(',', s.Order()));
        if (filter.Reps is { Count: > 0 } r) query.Add("rep=" + string.Join(',', r.Order().Select(Uri.EscapeDataString)));
        if (filter.Categories is { Count: > 0 } c) query.Add("cat=" + string.Join(',', c.Order()));
        return path.Split('?')[0] + "?" + string.Join('&', query);
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The readable ids of a list; an unreadable one is left out and said.</summary>
    private static HashSet<int>? Ints(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var set = parts.Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : (int?)null).OfType<int>().ToHashSet();
        if (set.Count < parts.Distinct().Count() && !errors.Contains("DashErr_Unreadable")) errors.Add("DashErr_Unreadable");
        return set.Count > 0 ? set : null;
    }

    private static HashSet<T>? Known<T>(HashSet<T>? chosen, IReadOnlySet<T>? known, string error, List<string> errors)
    {
        if (chosen is null || known is null) return chosen;
        var kept = chosen.Where(known.Contains).ToHashSet();
        if (kept.Count < chosen.Count) errors.Add(error);
        return kept.Count > 0 ? kept : null;
    }

    private static HashSet<string>? Strings(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToHashSet();
}

/// <summary>What a dashboard link may name: the segments, reps and categories that exist.</summary>
public sealed record DashboardChoices(IReadOnlySet<int> Segments, IReadOnlySet<string> Reps, IReadOnlySet<int> Categories);

/// <summary>A period the dashboard can answer: from before to, at most ten years.</summary>
public sealed class KpiFilterValidator : AbstractValidator<KpiFilter>
{
    public KpiFilterValidator()
    {
        // Messages are resource keys: the page shows them in the user's language.
        RuleFor(f => f.To).GreaterThan(f => f.From).WithMessage("DashErr_Order");
        RuleFor(f => f.Days).LessThanOrEqualTo(3660).WithMessage("DashErr_TooLong");
    }
}
