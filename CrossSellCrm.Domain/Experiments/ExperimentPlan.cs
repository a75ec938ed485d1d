using CrossSellCrm.Domain.Experiments.Statistics;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>The recent past of an audience, measured with the experiment's own definitions: what the planner starts from.</summary>
/// <param name="CustomersPerDay">Customers of the audience who were made an offer, first time in the period, per day (the enrolment speed).</param>
public sealed record ExperimentTraffic(
    int Customers, double CustomersPerDay, double ConversionRate, double CrossSellRevenue, double CrossSellRevenueDeviation,
    double AverageOrderValue, double AverageOrderValueDeviation)
{
    public static readonly ExperimentTraffic None = new(0, 0, 0, 0, 0, 0, 0);

    public (double Baseline, double Deviation) Of(ExperimentMetric metric) => metric switch
    {
        ExperimentMetric.OfferConversion => (ConversionRate, 0),
        ExperimentMetric.CrossSellRevenue => (CrossSellRevenue, CrossSellRevenueDeviation),
        _ => (AverageOrderValue, AverageOrderValueDeviation),
    };
}

/// <summary>How many customers the experiment needs (per arm and in all) and how many days that takes at the current traffic.</summary>
public sealed record ExperimentPlan(int TotalCustomers, IReadOnlyList<(string Arm, int Customers)> PerArm, double CustomersPerDay, int? Days)
{
    /// <summary>
    /// Every arm is compared with the control at α and the given power; the arm that needs the most decides the total.
    /// A holdout is sized like a variant (its comparison says what proactive offers are worth).
    /// </summary>
    public static ExperimentPlan For(ExperimentInput input, double customersPerDay)
    {
        var arms = input.Arms.Select((a, i) => (Key: ((char)('A' + i)).ToString(), a.SharePercent)).ToList();
        var control = arms[0];
        var total = 0.0;
        foreach (var arm in arms.Skip(1))
        {
            var ratio = (double)arm.SharePercent / control.SharePercent;
            var controlSize = input.PrimaryMetric == ExperimentMetric.OfferConversion
                ? SampleSize.ForProportions(input.Baseline, input.MinimumEffect, input.Power, input.Alpha, ratio)
                : SampleSize.ForMeans(input.BaselineDeviation, input.MinimumEffect, input.Power, input.Alpha, ratio);
            total = Math.Max(total, Math.Max(controlSize / (control.SharePercent / 100.0), controlSize * ratio / (arm.SharePercent / 100.0)));
        }
        var customers = (int)Math.Ceiling(total - 1e-9);
        var perArm = arms.Select(a => (a.Key, (int)Math.Ceiling(customers * a.SharePercent / 100.0 - 1e-9))).ToList();
        return new ExperimentPlan(customers, perArm, customersPerDay, customersPerDay > 0 ? (int)Math.Ceiling(customers / customersPerDay) : null);
    }
}
