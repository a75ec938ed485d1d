using System.Text.Json.Serialization;

namespace CrossSellCrm.Web.Components.Shared;

/// <summary>What a <see cref="KpiChart"/> draws: a C# description that the JS module turns into a Chart.js config.</summary>
public sealed record ChartSpec
{
    public required ChartKind Kind { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    public string? XAxisTitle { get; init; }
    public string? YAxisTitle { get; init; }
    public ValueFormat Format { get; init; } = ValueFormat.Number;
    /// <summary>The right-hand axis, for series with <see cref="ChartSeries.SecondAxis"/> (e.g. AOV beside revenue).</summary>
    public string? Y2AxisTitle { get; init; }
    public ValueFormat? Y2Format { get; init; }
    /// <summary>Bars along the x axis (long category names read better).</summary>
    public bool Horizontal { get; init; }
    /// <summary>BCP 47 culture name for number formatting; set by the component from the current culture.</summary>
    public string Locale { get; init; } = "en-GB";
    public bool Animate { get; init; } = true;
    /// <summary>Per label: the period is not whole (this month so far, a week cut by the range). Drawn dashed, and said under the chart.</summary>
    public IReadOnlyList<bool>? Partial { get; init; }

    /// <summary>Nothing to draw: no labels, or no value in any series.</summary>
    [JsonIgnore] public bool IsEmpty => Labels.Count == 0 || Series.All(s => s.Values.All(v => v is null));
}

public sealed record ChartSeries(string Label, IReadOnlyList<double?> Values, string? Color = null, bool SecondAxis = false);

[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    [JsonStringEnumMemberName("bar")] Bar,
    [JsonStringEnumMemberName("line")] Line,
    [JsonStringEnumMemberName("doughnut")] Doughnut,
}

[JsonConverter(typeof(JsonStringEnumConverter<ValueFormat>))]
public enum ValueFormat
{
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("currency")] Currency,
    [JsonStringEnumMemberName("percent")] Percent,
    /// <summary>Whole numbers of things (answers, customers): no fractional ticks.</summary>
    [JsonStringEnumMemberName("count")] Count,
}

/// <summary>A clicked bar or point: which series, which label.</summary>
public readonly record struct ChartPoint(int Series, int Index);
