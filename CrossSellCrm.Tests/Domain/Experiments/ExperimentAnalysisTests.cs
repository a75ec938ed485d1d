using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Tests.Domain.Experiments;

public class ExperimentAnalysisTests
{
    private static readonly DateTime Start = new(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Experiment Planned(int planned, ExperimentStatus status = ExperimentStatus.Running) => new()
    {
        Id = 1, Name = "Margin 0.6", Status = status, PlannedCustomers = planned, WindowDays = 14, PrimaryMetric = ExperimentMetric.OfferConversion,
        Arms = [new() { Key = "A", Name = "Default", SharePercent = 50, Role = ArmRole.Control, Value = 0.25 }, new() { Key = "B", Name = "More margin", SharePercent = 50, Role = ArmRole.Variant, Value = 0.6 }],
    };

    [Fact]
    public void Outcomes_count_only_the_window_and_new_products_as_cross_sell()
    {
        MeasuredCustomer[] customers = [new(1, "A", Start)];
        MeasuredLine[] lines =
        [
            new(1, 10, 100, Start.AddDays(-30), 500), // owned before: a phone
            new(1, 11, 100, Start.AddDays(2), 500),   // the same product again: revenue, not cross-sell
            new(1, 11, 200, Start.AddDays(2), 40),    // a case: new to them
            new(1, 12, 300, Start.AddDays(15), 90),   // after the window
        ];
        MeasuredOffer[] offers = [new(1, Start.AddDays(1), OfferOutcome.Declined), new(1, Start.AddDays(2), OfferOutcome.Accepted), new(1, Start.AddDays(20), OfferOutcome.Accepted)];
        var o = Assert.Single(ExperimentOutcomes.Of(customers, lines, offers, 14, Start.AddDays(10)));
        Assert.Equal((true, 40.0, 540.0, 1, 2, 1, false), (o.Converted, o.CrossSellRevenue, o.Revenue, o.Orders, o.OffersPresented, o.OffersAccepted, o.WindowClosed));
    }

    [Fact]
    public void The_verdict_waits_for_the_planned_customers_and_their_windows()
    {
        var outcomes = Customers(200, 0.10, 0.25, closed: true);
        var early = ExperimentAnalysis.Read(Planned(1000), outcomes, Start.AddDays(40));
        Assert.All(early.Verdicts, v => Assert.Equal(VerdictKind.Collecting, v.Kind));
        Assert.False(early.Final);
        Assert.NotEmpty(early.Comparisons); // the figures are there; the verdict is not

        var stopped = ExperimentAnalysis.Read(Planned(1000, ExperimentStatus.Ended), outcomes, Start.AddDays(40));
        Assert.Equal(VerdictKind.StoppedEarly, Assert.Single(stopped.Verdicts).Kind);

        var open = Customers(1000, 0.10, 0.25, closed: false);
        Assert.Equal(VerdictKind.Collecting, Assert.Single(ExperimentAnalysis.Read(Planned(1000), open, Start.AddDays(40)).Verdicts).Kind);

        var done = ExperimentAnalysis.Read(Planned(1000), Customers(1000, 0.10, 0.25, closed: true), Start.AddDays(40));
        Assert.True(done.Final);
        Assert.Equal(VerdictKind.Better, Assert.Single(done.Verdicts).Kind);
        var primary = done.Primary("B", ExperimentMetric.OfferConversion)!;
        Assert.Equal(0.15, primary.Difference, 2);
        Assert.NotEmpty(done.Lift);
        Assert.All(done.Lift, p => Assert.True(p.Low <= p.Difference && p.Difference <= p.High));
    }

    [Fact]
    public void No_difference_is_said_when_the_arms_convert_alike()
    {
        var done = ExperimentAnalysis.Read(Planned(1000), Customers(1000, 0.10, 0.10, closed: true), Start.AddDays(40));
        Assert.Equal(VerdictKind.NoDifference, Assert.Single(done.Verdicts).Kind);
    }

    /// <summary>Half in A converting at <paramref name="a"/>, half in B at <paramref name="b"/>, exactly (every 1/rate-th customer).</summary>
    private static List<CustomerOutcome> Customers(int n, double a, double b, bool closed) =>
        [.. Enumerable.Range(0, n).Select(i =>
        {
            var arm = i % 2 == 0 ? "A" : "B";
            var rate = arm == "A" ? a : b;
            var k = i / 2;
            var converted = Math.Floor((k + 1) * rate) > Math.Floor(k * rate);
            return new CustomerOutcome(i + 1, arm, Start.AddDays(k % 20), converted, converted ? 40 : 0, converted ? 40 : 0, converted ? 1 : 0, 1, converted ? 1 : 0, closed);
        })];
}
