using CrossSellCrm.Domain.Calls;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Experiments;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Experiments;

/// <summary>Experiments end to end over the demo data: enrolment through the cockpit, attribution, results, restart, promotion.</summary>
public class ExperimentsTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private static ExperimentInput Plan(string name, ExperimentChange change, ContactChannel channel, params ArmInput[] arms) => new()
    {
        Name = name, Change = change, Channels = [channel], PrimaryMetric = ExperimentMetric.OfferConversion, Baseline = 0.2, MinimumEffect = 0.1, Arms = arms,
    };

    private static async Task<T> InScopeAsync<T>(CrmAppFactory host, Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    private static async Task<int> StartAsync(CrmAppFactory host, ExperimentInput input) =>
        await InScopeAsync(host, async sp =>
        {
            var experiments = sp.GetRequiredService<ExperimentService>();
            var id = await experiments.CreateAsync(input);
            await experiments.StartAsync(id, (await experiments.GetAsync(id))!.Version);
            return id;
        });

    private static Task<CallView?> OpenAsync(CrmAppFactory host, int customer, ContactChannel channel, string repId) =>
        InScopeAsync(host, sp => sp.GetRequiredService<CallService>().OpenAsync(new CallRequest(customer, repId, channel, "en")));

    private async Task<(string RepId, List<int> Customers)> PhoneCustomersAsync(int count)
    {
        await app.EngineAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var rep = await db.Users.FirstAsync(u => u.Email == DemoAccounts.Sales);
        var customers = await db.MarketingConsents.Where(c => c.Channel == ContactChannel.Phone && c.Granted).Select(c => c.CustomerId).Distinct().OrderBy(id => id).Take(count).ToListAsync();
        return (rep.Id, customers);
    }

    [Fact]
    public async Task A_holdout_experiment_splits_the_cockpit_attributes_answers_and_reads_the_arms()
    {
        var (rep, customers) = await PhoneCustomersAsync(60);
        var id = await StartAsync(app, Plan("Are proactive offers worth it?", ExperimentChange.Holdout, ContactChannel.Phone,
            new ArmInput("Offers as usual", 50, ArmRole.Control, null), new ArmInput("No proactive offer", 50, ArmRole.Holdout, null)));

        var views = new Dictionary<int, CallView>();
        foreach (var c in customers) views[c] = (await OpenAsync(app, c, ContactChannel.Phone, rep))!;

        await using var db = await app.DbFactory.CreateDbContextAsync();
        var exposures = await db.ExperimentExposures.Where(x => x.ExperimentId == id).ToDictionaryAsync(x => x.CustomerId);
        Assert.Equal(customers.Count, exposures.Count);
        var experiment = (await db.Experiments.Include(e => e.Arms).SingleAsync(e => e.Id == id));
        foreach (var c in customers)
        {
            var expected = ExperimentAssignment.Arm(experiment.Salt, c, experiment.Arms.OrderBy(a => a.Key).ToList(), a => a.SharePercent);
            Assert.Equal(expected.Key, exposures[c].Arm);
            Assert.True(views[c].InExperiment);
            if (expected.Role == ArmRole.Holdout)
            {
                Assert.Equal(StopReason.Holdout, views[c].Decision.Stop);
                Assert.Empty(views[c].Offers);
                Assert.Equal("holdout", exposures[c].StrategyVersion);
            }
        }
        Assert.InRange(exposures.Values.Count(x => x.Arm == "B"), 15, 45); // 50/50 of 60, loosely

        // Opening again enrols nobody twice.
        await OpenAsync(app, customers[0], ContactChannel.Phone, rep);
        Assert.Equal(customers.Count, await db.ExperimentExposures.CountAsync(x => x.ExperimentId == id));

        // An answer in the control arm is attributed to the experiment, its arm and its strategy.
        var (customer, view) = views.First(v => v.Value.Offers.Count > 0);
        var card = view.Offers[0];
        var answer = await InScopeAsync(app, sp => sp.GetRequiredService<CallService>().AnswerAsync(new CallRequest(customer, rep, ContactChannel.Phone, "en"), new OfferOutcomeInput
        {
            CustomerId = customer, ProductId = card.Offer.Product.Id, Channel = ContactChannel.Phone, Rank = 1, Score = card.Offer.Score,
            Outcome = OfferOutcome.Accepted, CreateOrder = true, PresentationKey = card.PresentationKey,
        }));
        var stored = await db.OfferPresentations.SingleAsync(o => o.Id == answer.Result.OfferId);
        Assert.Equal((id, "A", exposures[customer].StrategyVersion), (stored.ExperimentId, stored.ExperimentArm, stored.StrategyVersion));

        var report = (await InScopeAsync(app, sp => sp.GetRequiredService<ExperimentService>().ReportAsync(id)))!;
        Assert.Equal(customers.Count, report.Results.Arms.Sum(a => a.Customers));
        var control = report.Results.Arms.Single(a => a.Key == "A");
        Assert.Equal(1, control.Conversions);
        Assert.True(control.CrossSellRevenuePerCustomer > 0, "the accepted offer's order is cross-sell revenue");
        Assert.Equal(0, report.Results.Arms.Single(a => a.Key == "B").OffersPresented);
        Assert.All(report.Results.Verdicts, v => Assert.Equal(VerdictKind.Collecting, v.Kind));

        var csv = await InScopeAsync(app, sp => sp.GetRequiredService<ExperimentService>().ExportCsvAsync(id, CrossSellCrm.Domain.Exports.CsvFormat.English));
        Assert.Equal(customers.Count + 1, csv!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // Stopped: every customer gets the default again, and the stop is audited.
        await InScopeAsync(app, async sp => await sp.GetRequiredService<ExperimentService>().StopAsync(id, (await sp.GetRequiredService<ExperimentService>().GetAsync(id))!.Version));
        var after = (await OpenAsync(app, customers.First(c => exposures[c].Arm == "B"), ContactChannel.Phone, rep))!;
        Assert.False(after.InExperiment);
        Assert.NotEqual(StopReason.Holdout, after.Decision.Stop);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Experiment) && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task After_a_restart_customers_keep_their_arm_and_answers_go_to_it()
    {
        var (rep, customers) = await PhoneCustomersAsync(12);
        await app.EngineAsync();
        var id = await StartAsync(app, Plan("Margin counts more (in store)", ExperimentChange.MarginWeight, ContactChannel.InStore,
            new ArmInput("Default", 50, ArmRole.Control, 0.25), new ArmInput("More margin", 50, ArmRole.Variant, 0.8)));
        foreach (var c in customers) await OpenAsync(app, c, ContactChannel.InStore, rep);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var arms = await db.ExperimentExposures.Where(x => x.ExperimentId == id).ToDictionaryAsync(x => x.CustomerId, x => x.Arm);

        using var restarted = CrmAppFactory.Restarted(app.DatabasePath);
        await restarted.EngineAsync();
        foreach (var c in customers)
        {
            var view = (await OpenAsync(restarted, c, ContactChannel.InStore, rep))!;
            Assert.True(view.InExperiment);
            if (view.Offers.Count == 0) continue;
            var card = view.Offers[0];
            var result = await InScopeAsync(restarted, sp => sp.GetRequiredService<OfferLog>().RecordAsync(new OfferOutcomeInput
            {
                CustomerId = c, ProductId = card.Offer.Product.Id, Channel = ContactChannel.InStore, Rank = 1, Score = card.Offer.Score, Outcome = OfferOutcome.Declined,
                DeclineReason = DeclineReason.NotNow,
            }, rep));
            Assert.Equal(arms[c], (await db.OfferPresentations.SingleAsync(o => o.Id == result.OfferId)).ExperimentArm);
        }
        Assert.Equal(customers.Count, await db.ExperimentExposures.CountAsync(x => x.ExperimentId == id));
        await InScopeAsync(app, async sp => await sp.GetRequiredService<ExperimentService>().StopAsync(id, (await sp.GetRequiredService<ExperimentService>().GetAsync(id))!.Version));
    }

    [Fact]
    public async Task Making_an_arm_the_default_changes_the_engine_and_is_audited()
    {
        var engine = await app.EngineAsync();
        var id = await StartAsync(app, Plan("Benefit first (e-mail)", ExperimentChange.TalkingPoints, ContactChannel.Email,
            new ArmInput("Standard", 50, ArmRole.Control, 0), new ArmInput("Benefit first", 40, ArmRole.Variant, 1), new ArmInput("Holdout", 10, ArmRole.Holdout, null)));
        var experiments = (Func<IServiceProvider, ExperimentService>)(sp => sp.GetRequiredService<ExperimentService>());

        var holdout = await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(app, async sp =>
            await experiments(sp).PromoteAsync(id, "C", (await experiments(sp).GetAsync(id))!.Version)));
        Assert.Contains("holdout", holdout.Message, StringComparison.OrdinalIgnoreCase);

        await InScopeAsync(app, async sp => await experiments(sp).PromoteAsync(id, "B", (await experiments(sp).GetAsync(id))!.Version));
        await using var db = await app.DbFactory.CreateDbContextAsync();
        Assert.Equal(TalkingPointStyle.BenefitFirst, (await db.EngineTunings.SingleAsync()).TalkingPointStyle);
        Assert.Equal(TalkingPointStyle.BenefitFirst, app.Services.GetRequiredService<OfferEngineStore>().Current!.Settings.TalkingPoints);
        var ended = await db.Experiments.SingleAsync(e => e.Id == id);
        Assert.Equal((ExperimentStatus.Ended, "B"), (ended.Status, ended.PromotedArm));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(CrossSellCrm.Domain.Recommendations.Tuning.EngineTuning)));

        // Promoted twice is refused; and the default goes back, for the other tests of this class.
        await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(app, async sp => await experiments(sp).PromoteAsync(id, "B", (await experiments(sp).GetAsync(id))!.Version)));
        var tuning = await db.EngineTunings.SingleAsync();
        tuning.TalkingPointStyle = TalkingPointStyle.Standard;
        await db.SaveChangesAsync();
        app.Services.GetRequiredService<CrossSellCrm.Domain.Changes.ChangeHub>().Publish(new CrossSellCrm.Domain.Changes.EngineTuningChanged(CrossSellCrm.Domain.Recommendations.Tuning.OfferStrategy.Of(tuning)));
        Assert.Equal(engine.Settings.MarginWeight, app.Services.GetRequiredService<OfferEngineStore>().Current!.Settings.MarginWeight);
    }

    [Fact]
    public async Task A_bad_plan_is_refused_field_by_field_in_the_users_language()
    {
        var bad = Plan("", ExperimentChange.MarginWeight, ContactChannel.Phone, new ArmInput("A", 60, ArmRole.Control, 0.25), new ArmInput("B", 60, ArmRole.Variant, 1.5));
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var e = await Assert.ThrowsAsync<ValidationException>(() => InScopeAsync(app, sp => sp.GetRequiredService<ExperimentService>().CreateAsync(bad)));
            var messages = e.Errors.Select(x => x.ErrorMessage).ToList();
            Assert.Contains("Geben Sie dem Experiment einen Namen.", messages);
            Assert.Contains(messages, m => m.Contains("100 %"));
            Assert.Contains(messages, m => m.Contains("Margengewichtung"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
