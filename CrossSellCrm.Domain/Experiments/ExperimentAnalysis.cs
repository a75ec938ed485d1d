using CrossSellCrm.Domain.Experiments.Statistics;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>
/// Reads an experiment: per arm its customers and figures, every arm against the control on every metric, the primary
/// metric's cumulative difference over time, and a verdict that waits for the planned size (fixed horizon: looking
/// early and stopping on a good day inflates false alarms; see ADR 0021).
/// </summary>
public static class ExperimentAnalysis
{
    public static ExperimentResults Read(Experiment experiment, IReadOnlyList<CustomerOutcome> customers, DateTime now)
    {
        var arms = experiment.Arms.OrderBy(a => a.Key).ToList();
        var control = arms.FirstOrDefault(a => a.Role == ArmRole.Control) ?? arms[0];
        var byArm = customers.ToLookup(c => c.Arm);
        var results = arms.Select(a => ArmOf(a, byArm[a.Key].ToList())).ToList();
        var open = customers.Count(c => !c.WindowClosed);
        var enrolled = customers.Count;
        var full = enrolled >= experiment.PlannedCustomers;
        DateTime? due = full || experiment.Status == ExperimentStatus.Ended
            ? customers.Count == 0 ? null : customers.Max(c => c.From).AddDays(experiment.WindowDays) : null;
        var final = full && open == 0;

        var comparisons = new List<ArmComparison>();
        var lift = new List<LiftPoint>();
        var verdicts = new List<ArmVerdict>();
        var controlCustomers = byArm[control.Key].ToList();
        foreach (var arm in arms.Where(a => a != control))
        {
            var variant = byArm[arm.Key].ToList();
            if (controlCustomers.Count > 0 && variant.Count > 0)
            {
                foreach (var metric in Enum.GetValues<ExperimentMetric>())
                    comparisons.Add(Compare(arm.Key, metric, controlCustomers, variant, experiment.Alpha, experiment.Id));
                lift.AddRange(Cumulative(arm.Key, experiment, controlCustomers, variant));
            }
            var primary = comparisons.FirstOrDefault(c => c.Arm == arm.Key && c.Metric == experiment.PrimaryMetric);
            verdicts.Add(new ArmVerdict(arm.Key,
                experiment.Status == ExperimentStatus.Draft ? VerdictKind.NotStarted
                : !final ? (experiment.Status == ExperimentStatus.Ended ? VerdictKind.StoppedEarly : VerdictKind.Collecting)
                : primary is null || !primary.Significant ? VerdictKind.NoDifference
                : primary.Difference > 0 ? VerdictKind.Better : VerdictKind.Worse));
        }
        return new ExperimentResults(enrolled, experiment.PlannedCustomers, open, due, final, results, comparisons, lift, verdicts, customers);
    }

    private static ArmResult ArmOf(ExperimentArm arm, List<CustomerOutcome> customers)
    {
        var n = customers.Count;
        var conversions = customers.Count(c => c.Converted);
        var orders = customers.Sum(c => c.Orders);
        return new ArmResult(arm.Key, arm.Name, arm.Role, arm.SharePercent, n, conversions, n == 0 ? 0 : (double)conversions / n,
            n == 0 ? 0 : customers.Sum(c => c.CrossSellRevenue) / n, orders == 0 ? 0 : customers.Sum(c => c.Revenue) / orders, orders,
            customers.Sum(c => c.OffersPresented), customers.Sum(c => c.OffersAccepted));
    }

    private static ArmComparison Compare(string arm, ExperimentMetric metric, List<CustomerOutcome> control, List<CustomerOutcome> variant, double alpha, int seed)
    {
        switch (metric)
        {
            case ExperimentMetric.OfferConversion:
                var p = ProportionComparison.Of(control.Count(c => c.Converted), control.Count, variant.Count(c => c.Converted), variant.Count, alpha);
                return new ArmComparison(arm, metric, p.ControlRate, p.VariantRate, p.Difference, p.DifferenceLow, p.DifferenceHigh,
                    p.RelativeLift, p.RelativeLow, p.RelativeHigh, p.P, p.Significant);
            case ExperimentMetric.CrossSellRevenue:
                var m = MeanComparison.OfMeans([.. control.Select(c => c.CrossSellRevenue)], [.. variant.Select(c => c.CrossSellRevenue)], seed, alpha);
                return From(arm, metric, m);
            default:
                var r = MeanComparison.OfRatios([.. control.Select(c => c.Revenue)], [.. control.Select(c => (double)c.Orders)],
                    [.. variant.Select(c => c.Revenue)], [.. variant.Select(c => (double)c.Orders)], seed, alpha);
                return From(arm, metric, r);
        }
    }

    private static ArmComparison From(string arm, ExperimentMetric metric, MeanComparison m) =>
        new(arm, metric, m.ControlValue, m.VariantValue, m.Difference, m.DifferenceLow, m.DifferenceHigh, m.RelativeLift, m.RelativeLow, m.RelativeHigh, m.P, m.Significant);

    /// <summary>
    /// The primary metric's difference with a normal-approximation interval, over the customers enrolled up to each day
    /// (the bootstrap per day would cost a second per page view; the final figures above are bootstrapped).
    /// </summary>
    private static IEnumerable<LiftPoint> Cumulative(string arm, Experiment experiment, List<CustomerOutcome> control, List<CustomerOutcome> variant)
    {
        var z = NormalDistribution.Quantile(1 - experiment.Alpha / 2);
        var first = DateOnly.FromDateTime(control.Concat(variant).Min(c => c.From));
        var last = DateOnly.FromDateTime(control.Concat(variant).Max(c => c.From));
        var c0 = control.OrderBy(c => c.From).ToList();
        var v0 = variant.OrderBy(c => c.From).ToList();
        var step = Math.Max(1, (last.DayNumber - first.DayNumber + 1) / 120);
        for (var day = first; day <= last; day = day.AddDays(step))
        {
            var until = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var c = c0.TakeWhile(x => x.From < until).ToList();
            var v = v0.TakeWhile(x => x.From < until).ToList();
            if (c.Count < 2 || v.Count < 2) continue;
            var (diff, se) = experiment.PrimaryMetric switch
            {
                ExperimentMetric.OfferConversion => MeanAndError(c.Select(x => x.Converted ? 1.0 : 0), v.Select(x => x.Converted ? 1.0 : 0)),
                ExperimentMetric.CrossSellRevenue => MeanAndError(c.Select(x => x.CrossSellRevenue), v.Select(x => x.CrossSellRevenue)),
                _ => RatioAndError(c, v),
            };
            yield return new LiftPoint(arm, day, c.Count + v.Count, diff, diff - z * se, diff + z * se);
        }
    }

    private static (double Difference, double Error) MeanAndError(IEnumerable<double> control, IEnumerable<double> variant)
    {
        var (m0, v0, n0) = Moments(control.ToList());
        var (m1, v1, n1) = Moments(variant.ToList());
        return (m1 - m0, Math.Sqrt(v0 / n0 + v1 / n1));
    }

    /// <summary>AOV = Σ revenue / Σ orders per arm; its variance by the delta method, Var(R̂) ≈ Var(y − R x) / (n x̄²).</summary>
    private static (double Difference, double Error) RatioAndError(List<CustomerOutcome> control, List<CustomerOutcome> variant)
    {
        static (double R, double Var) Ratio(List<CustomerOutcome> xs)
        {
            var orders = xs.Sum(x => (double)x.Orders);
            if (orders == 0) return (0, 0);
            var r = xs.Sum(x => x.Revenue) / orders;
            var meanOrders = orders / xs.Count;
            var (_, v, n) = Moments([.. xs.Select(x => x.Revenue - r * x.Orders)]);
            return (r, v / (n * meanOrders * meanOrders));
        }
        var (r0, var0) = Ratio(control);
        var (r1, var1) = Ratio(variant);
        return (r1 - r0, Math.Sqrt(var0 + var1));
    }

    private static (double Mean, double Variance, int N) Moments(List<double> xs)
    {
        var mean = xs.Average();
        var variance = xs.Count < 2 ? 0 : xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
        return (mean, variance, xs.Count);
    }
}
