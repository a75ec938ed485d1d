namespace CrossSellCrm.Domain.Experiments;

/// <summary>One arm's figures over its customers' windows.</summary>
public sealed record ArmResult(
    string Key, string Name, ArmRole Role, int SharePercent, int Customers, int Conversions, double ConversionRate,
    double CrossSellRevenuePerCustomer, double AverageOrderValue, int Orders, int OffersPresented, int OffersAccepted);

/// <summary>An arm against the control on one metric: the difference and the relative lift, each with its 95 % interval, and the p-value.</summary>
public sealed record ArmComparison(
    string Arm, ExperimentMetric Metric, double Control, double Variant, double Difference, double Low, double High,
    double? RelativeLift, double? RelativeLow, double? RelativeHigh, double P, bool Significant);

/// <summary>The primary metric's difference to the control, over the customers enrolled up to a day.</summary>
public sealed record LiftPoint(string Arm, DateOnly Day, int Customers, double Difference, double Low, double High);

public enum VerdictKind { NotStarted, Collecting, StoppedEarly, Better, Worse, NoDifference }

public sealed record ArmVerdict(string Arm, VerdictKind Kind);

/// <param name="Final">The planned customers are in and every window has closed: the verdict stands (fixed horizon).</param>
/// <param name="VerdictDue">When the last enrolled customer's window closes (null while enrolment is open).</param>
public sealed record ExperimentResults(
    int Enrolled, int Planned, int WindowsOpen, DateTime? VerdictDue, bool Final,
    IReadOnlyList<ArmResult> Arms, IReadOnlyList<ArmComparison> Comparisons, IReadOnlyList<LiftPoint> Lift, IReadOnlyList<ArmVerdict> Verdicts,
    IReadOnlyList<CustomerOutcome> Customers)
{
    public ArmComparison? Primary(string arm, ExperimentMetric metric) => Comparisons.FirstOrDefault(c => c.Arm == arm && c.Metric == metric);
}
