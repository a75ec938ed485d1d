using System.Text.Json.Serialization;

namespace CrossSellCrm.Domain.Kpis;

/// <summary>
/// The KPI maths of DESIGN.md §2, as pure functions. A KPI without a denominator is null
/// ("—" on screen, with the reason), never a division by zero.
/// </summary>
public static class KpiFormulas
{
    /// <summary>AOV: revenue in P / number of orders in P.</summary>
    public static decimal? AverageOrderValue(decimal revenue, int orders) => orders == 0 ? null : revenue / orders;

    /// <summary>Revenue growth: (revenue in P − revenue in the preceding period) / revenue in the preceding period.</summary>
    public static double? Growth(decimal current, decimal previous) => previous == 0 ? null : (double)((current - previous) / previous);

    /// <summary>A share such as the cross-selling rate or the offer conversion rate: part / whole.</summary>
    public static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>Relative change of a rate or amount against the previous period, for the arrow on a KPI card.</summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? (c - p) / p : null;
}

/// <summary>A half-open period [From, To) in UTC.</summary>
public readonly record struct Period(DateTime From, DateTime To)
{
    [JsonIgnore] public TimeSpan Length => To - From;

    /// <summary>The preceding period of equal length (for growth and change).</summary>
    [JsonIgnore] public Period Previous => new(From - Length, From);

    public static Period LastDays(int days, DateTime now)
    {
        var end = now.Date.AddDays(1);
        return new Period(end.AddDays(-days), end);
    }
}
