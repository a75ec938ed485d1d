using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Tuning;

namespace CrossSellCrm.Tests.Domain.Experiments;

public class ExperimentBookTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RunningExperiment Running(int id, int? segment, ContactChannel[] channels, int planned = 1000, ExperimentChange change = ExperimentChange.MarginWeight, int startDay = 0) =>
        new(id, Guid.NewGuid(), change, segment, channels.ToHashSet(),
            [new RunningArm("A", 45, ArmRole.Control, 0.25), new RunningArm("B", 45, ArmRole.Variant, 0.6), new RunningArm("C", 10, ArmRole.Holdout, null)],
            planned, Start.AddDays(startDay));

    private static CustomerSnapshot Customer(int id, params int[] segments) => new(id, [], [], segments, [], new HashSet<ContactChannel>());

    [Fact]
    public void The_earliest_experiment_of_a_surface_takes_a_customer_and_keeps_them()
    {
        var book = new ExperimentBook(new ChangeHub());
        book.Load([Running(2, null, [ContactChannel.Phone], startDay: 3), Running(1, 7, [ContactChannel.Phone, ContactChannel.Email])], []);
        Assert.Equal(1, book.Choose(Customer(10, 7), ContactChannel.Phone)!.Value.Experiment.Id); // in segment 7: the earlier one
        Assert.Equal(2, book.Choose(Customer(11), ContactChannel.Phone)!.Value.Experiment.Id);    // not in it: the later one
        Assert.Null(book.Choose(Customer(11), ContactChannel.InStore));                          // no experiment there
        book.Enrol(2, 12);
        // Joined segment 7 after being enrolled in experiment 2: stays in 2 (sticky), one experiment per surface.
        var again = book.Choose(Customer(12, 7), ContactChannel.Phone)!.Value;
        Assert.Equal((2, true), (again.Experiment.Id, again.AlreadyIn));
    }

    [Fact]
    public void Enrolment_closes_at_the_planned_size_but_enrolled_customers_stay()
    {
        var book = new ExperimentBook(new ChangeHub());
        book.Load([Running(1, null, [ContactChannel.Phone], planned: 2)], [(1, 1), (1, 2)]);
        Assert.Null(book.Choose(Customer(3), ContactChannel.Phone));
        Assert.True(book.Choose(Customer(2), ContactChannel.Phone)!.Value.AlreadyIn);
        Assert.Equal(2, book.Enrolled(1));
    }

    [Fact]
    public void A_changed_experiment_makes_the_book_reload()
    {
        var hub = new ChangeHub();
        var book = new ExperimentBook(hub);
        book.Load([Running(1, null, [ContactChannel.Phone])], []);
        hub.Publish(new ExperimentChanged(1));
        Assert.False(book.Loaded);
        Assert.Null(book.Choose(Customer(1), ContactChannel.Phone));
    }

    [Fact]
    public void An_arm_changes_only_the_experiments_one_thing()
    {
        var defaults = new OfferStrategy(MarginWeight: 0.3, SameCategoryPenalty: 0.8, BundleDiscountPercent: 5);
        var e = Running(1, null, [ContactChannel.Phone]);
        Assert.Equal(defaults with { MarginWeight = 0.6 }, e.StrategyOf(e.Arms[1], defaults));
        Assert.Equal(defaults, e.StrategyOf(e.Arms[2], defaults)); // a holdout has no value: it gets no offers at all, see NextBestOfferService
        var model = Running(2, null, [ContactChannel.Phone], change: ExperimentChange.Model);
        Assert.False(model.StrategyOf(new RunningArm("B", 50, ArmRole.Variant, 0), defaults).UseModel);
        var points = Running(3, null, [ContactChannel.Phone], change: ExperimentChange.TalkingPoints);
        Assert.Equal(TalkingPointStyle.BenefitFirst, points.StrategyOf(new RunningArm("B", 50, ArmRole.Variant, 1), defaults).TalkingPoints);
        Assert.NotEqual(defaults.Version, (defaults with { MarginWeight = 0.6 }).Version);
        Assert.Equal("m0.30 d0.80 model standard b5", defaults.Version);
    }
}
