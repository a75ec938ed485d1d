using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Domain.Recommendations.Tuning;
using CrossSellCrm.Web.Components.Pages.Experiments;

namespace CrossSellCrm.Tests.Components.Experiments;

public class ExperimentPlanFormTests
{
    [Fact]
    public void A_new_form_keeps_the_default_in_the_control_and_plans_without_a_name_yet()
    {
        var form = new ExperimentPlanForm { ControlName = "Default", VariantName = "Variant", HoldoutName = "Holdout" };
        form.StartFrom(new OfferStrategy(MarginWeight: 0.25));
        form.Measured(new ExperimentTraffic(500, 12.5, 0.2, 30, 80, 120, 60));
        Assert.Equal((0.25, 0.6, 20.0), (form.ControlValue, form.VariantValue, form.Baseline));
        var plan = form.Plan();
        Assert.NotNull(plan); // the empty name is said on saving, not while sizing
        Assert.Null(form.Error("Name"));
        Assert.Equal(6540, plan!.TotalCustomers);
        Assert.Equal((int)Math.Ceiling(6540 / 12.5), plan.Days);
        Assert.Equal([("A", 2943), ("B", 2943), ("C", 654)], plan.PerArm);
    }

    [Fact]
    public void Invalid_sizing_shows_its_error_and_no_plan_and_an_edited_experiment_round_trips()
    {
        var form = new ExperimentPlanForm { Name = "Test", ControlName = "A", VariantName = "B", HoldoutName = "C", Baseline = 98, Effect = 5 };
        Assert.Null(form.Plan());
        Assert.NotNull(form.Error("MinimumEffect"));

        form.Baseline = 20;
        form.Metric = ExperimentMetric.CrossSellRevenue;
        form.Baseline = 30;
        form.Deviation = 80;
        form.Effect = 10;
        var input = form.ToInput();
        var experiment = new Experiment { Name = input.Name, Change = input.Change, Channels = Experiment.ChannelsOf(input.Channels), PrimaryMetric = input.PrimaryMetric,
            Baseline = input.Baseline, BaselineDeviation = input.BaselineDeviation, MinimumEffect = input.MinimumEffect, Power = input.Power, WindowDays = input.WindowDays,
            Arms = [.. input.Arms.Select((a, i) => new ExperimentArm { Key = ((char)('A' + i)).ToString(), Name = a.Name, SharePercent = a.SharePercent, Role = a.Role, Value = a.Value })] };
        var again = ExperimentPlanForm.From(experiment).ToInput();
        Assert.Equal(input with { Arms = [], Channels = [] }, again with { Arms = [], Channels = [] });
        Assert.Equal(input.Arms, again.Arms);
        Assert.Equal(input.Channels.Order(), again.Channels.Order());
    }
}
