using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>
/// A test that changes one thing of the offers for a random share of customers: the engine's strategy, the talking
/// points, a bundle discount — or no proactive offer at all (a holdout arm). Planned up front (metric, size, window),
/// started, read once the planned customers' windows have closed, and ended by promoting an arm or by stopping it.
/// </summary>
public sealed class Experiment : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>What the manager expects and why, in their words (shown with the results).</summary>
    public string? Hypothesis { get; set; }
    public ExperimentChange Change { get; set; }
    /// <summary>Null: every customer.</summary>
    public int? SegmentId { get; set; }
    public Segmentation.Segment? Segment { get; set; }
    /// <summary>The surfaces the experiment runs on (comma-separated channel names); a customer is in at most one experiment per surface.</summary>
    public string Channels { get; set; } = "";
    public ExperimentMetric PrimaryMetric { get; set; }
    /// <summary>Each customer's outcome is measured over this many days from the first time they were in the experiment.</summary>
    public int WindowDays { get; set; } = 14;
    /// <summary>The planner's inputs, kept so the results can say what the test was sized for.</summary>
    public double Baseline { get; set; }
    public double MinimumEffect { get; set; }
    /// <summary>The metric's standard deviation per customer in the recent past (revenue metrics; 0 for conversion).</summary>
    public double BaselineDeviation { get; set; }
    public double Power { get; set; } = 0.8;
    public double Alpha { get; set; } = 0.05;
    /// <summary>Enrolment closes at this many customers; the verdict waits for them (fixed horizon).</summary>
    public int PlannedCustomers { get; set; }
    public ExperimentStatus Status { get; set; }
    /// <summary>Random per experiment: the assignment hash uses it, so two experiments split customers independently.</summary>
    public Guid Salt { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>The arm made the default when the experiment ended, if any.</summary>
    public string? PromotedArm { get; set; }
    public List<ExperimentArm> Arms { get; set; } = [];
    public Guid Version { get; set; }

    public IReadOnlyList<ContactChannel> ChannelList =>
        [.. Channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<ContactChannel>)];

    public static string ChannelsOf(IEnumerable<ContactChannel> channels) => string.Join(",", channels.Distinct().Order());
}

/// <summary>One arm: its share of the customers and the value of the changed thing (the control keeps the default).</summary>
public sealed class ExperimentArm
{
    public int Id { get; set; }
    public int ExperimentId { get; set; }
    /// <summary>"A", "B", "C"… — A is the control.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int SharePercent { get; set; }
    public ArmRole Role { get; set; }
    /// <summary>
    /// The changed thing's value in this arm: the margin weight, the diversity penalty, the model (1 on, 0 off), the
    /// talking-point style (its number) or the bundle discount in percent. Null for a holdout.
    /// </summary>
    public double? Value { get; set; }
}

public enum ExperimentChange { MarginWeight, Diversity, Model, TalkingPoints, BundleDiscount, Holdout }

public enum ArmRole { Control, Variant, Holdout }

public enum ExperimentStatus { Draft, Running, Ended }

/// <summary>The primary metric, per customer over the experiment's window (definitions in <see cref="ExperimentOutcomes"/>).</summary>
public enum ExperimentMetric { OfferConversion, CrossSellRevenue, AverageOrderValue }

/// <summary>
/// The first time a customer was in an experiment — the decision record every later outcome is attributed by: which
/// arm, on which surface, with which strategy. Written once per (experiment, customer); assignment is sticky.
/// </summary>
public sealed class ExperimentExposure
{
    public long Id { get; set; }
    public int ExperimentId { get; set; }
    public int CustomerId { get; set; }
    public required string Arm { get; set; }
    public ContactChannel Channel { get; set; }
    /// <summary>UTC.</summary>
    public DateTime ExposedAt { get; set; }
    public required string StrategyVersion { get; set; }
}
