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

    /// <summary>Expected lifetime is capped here: a segment that lost nobody last year is not immortal.</summary>
    public const double MaxLifetimeYears = 10;

    /// <summary>
    /// Predicted CLV = AOV × orders per year × margin rate × expected lifetime in years (1 / yearly churn of the
    /// customer's segment). Orders per year count at least one year of tenure, so a first order last week
    /// does not become 52 a year. Null value (with the inputs that exist) when there is no sale or no revenue.
    /// </summary>
    public static ClvPrediction PredictedClv(decimal revenue, int sales, decimal margin, DateTime firstOrderAt, DateTime now, double? yearlyChurn, string churnBasis)
    {
        var aov = AverageOrderValue(revenue, sales);
        var tenureYears = Math.Max(1, (now - firstOrderAt).TotalDays / 365.25);
        var ordersPerYear = sales / tenureYears;
        double? marginRate = revenue > 0 ? (double)(margin / revenue) : null;
        var lifetime = yearlyChurn is > 0 ? Math.Min(MaxLifetimeYears, 1 / yearlyChurn.Value) : MaxLifetimeYears;
        decimal? value = aov is { } a && marginRate is { } m ? a * (decimal)(ordersPerYear * m * lifetime) : null;
        return new ClvPrediction(value, aov, ordersPerYear, marginRate, yearlyChurn, lifetime, churnBasis);
    }

    /// <summary>Relative change of a rate or amount against the previous period, for the arrow on a KPI card.</summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? (c - p) / p : null;

    /// <summary>Below this share of the current value, the previous one is a near-zero base: a relative change from it means nothing.</summary>
    public const double MinimumBaseShare = 0.1;

    /// <summary>
    /// The change a KPI card shows: relative when the previous value is a fair base; the absolute change when it is
    /// near zero (€0.17 → €900 is not "▲ 529,609 %"); "new" when there was nothing before; nothing when either is unknown or both are zero.
    /// </summary>
    public static KpiChange? ChangeOf(double? current, double? previous)
    {
        if (current is not { } c || previous is not { } p) return null;
        if (p == 0) return c == 0 ? null : new KpiChange(null, c, true); // nothing then and now: nothing to say
        if (Math.Abs(p) < MinimumBaseShare * Math.Abs(c)) return new KpiChange(null, c - p, false);
        return new KpiChange((c - p) / Math.Abs(p), c - p, false);
    }
}

/// <summary>A KPI against the previous period: <see cref="Relative"/> when it means something, else only <see cref="Absolute"/>; <see cref="IsNew"/> when there was nothing before.</summary>
public sealed record KpiChange(double? Relative, double Absolute, bool IsNew)
{
    public bool Up => Absolute >= 0;
}

/// <summary>A predicted CLV and every input it was computed from (shown on hover).</summary>
public sealed record ClvPrediction(decimal? Value, decimal? Aov, double OrdersPerYear, double? MarginRate, double? YearlyChurn, double LifetimeYears, string ChurnBasis)
{
    public static readonly ClvPrediction None = new(null, null, 0, null, null, KpiFormulas.MaxLifetimeYears, "");
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
