using System.Text;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Tuning;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>A row of the experiments list.</summary>
public sealed record ExperimentSummary(
    int Id, string Name, ExperimentChange Change, ExperimentStatus Status, ExperimentMetric PrimaryMetric, int Enrolled, int Planned,
    DateTime? StartedAt, DateTime? EndedAt, string? PromotedArm, string? SegmentName);

/// <summary>What the plan form starts from: the experiment (null for a new one), today's default strategy, the segments to choose from.</summary>
public sealed record ExperimentDraft(Experiment? Experiment, OfferStrategy Defaults, IReadOnlyList<(int Id, string Name)> Segments);

/// <summary>Everything the experiment page shows, from one call.</summary>
public sealed record ExperimentReport(Experiment Experiment, string? SegmentName, ExperimentResults Results, ExperimentPlan Plan, OfferStrategy Defaults);

/// <summary>
/// Experiments as managers run them: planned (with the sample-size planner over the audience's recent past), started,
/// read, stopped, and ended by making an arm the default. Every change is audited (the entities are) and published
/// once (<see cref="ExperimentChanged"/>, and <see cref="EngineTuningChanged"/> when an arm becomes the default).
/// </summary>
public sealed class ExperimentService(IDbContextFactory<CrmDbContext> factory, ChangeHub changes, TimeProvider clock)
{
    /// <summary>How far back the planner measures the audience.</summary>
    public const int TrafficDays = 90;

    public async Task<List<ExperimentSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var language = Messages.Language;
        var rows = await db.Experiments.AsNoTracking().OrderByDescending(e => e.Status == ExperimentStatus.Running).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Name, e.Change, e.Status, e.PrimaryMetric, Enrolled = db.ExperimentExposures.Count(x => x.ExperimentId == e.Id), e.PlannedCustomers,
                e.StartedAt, e.EndedAt, e.PromotedArm, Segment = e.Segment != null ? e.Segment.Name : null, SegmentDe = e.Segment != null ? e.Segment.NameDe : null,
            })
            .ToListAsync(ct);
        return [.. rows.Select(e => new ExperimentSummary(e.Id, e.Name, e.Change, e.Status, e.PrimaryMetric, e.Enrolled, e.PlannedCustomers, e.StartedAt, e.EndedAt,
            e.PromotedArm, e.Segment is null ? null : Messages.Pick(language, e.Segment, e.SegmentDe)))];
    }

    public async Task<Experiment?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Experiments.AsNoTracking().Include(e => e.Arms.OrderBy(a => a.Key)).FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    /// <summary>The plan form's start: the experiment to edit (null when new or not found), the default strategy today (what a control keeps), the segments.</summary>
    public async Task<ExperimentDraft> DraftAsync(int? id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var experiment = id is { } key ? await db.Experiments.AsNoTracking().Include(e => e.Arms.OrderBy(a => a.Key)).FirstOrDefaultAsync(e => e.Id == key, ct) : null;
        var defaults = await db.EngineTunings.AsNoTracking().FirstOrDefaultAsync(ct) is { } tuning ? OfferStrategy.Of(tuning) : OfferStrategy.Default;
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.NameDe }).ToListAsync(ct);
        return new ExperimentDraft(experiment, defaults, [.. segments.Select(s => (s.Id, Messages.Pick(Messages.Language, s.Name, s.NameDe)))]);
    }

    /// <summary>
    /// The audience's last <see cref="TrafficDays"/> days measured like an experiment: each customer who was made an offer,
    /// from their first offer in the period, over the window (only windows that have closed).
    /// </summary>
    public async Task<ExperimentTraffic> TrafficAsync(int? segmentId, IReadOnlyList<ContactChannel> channels, int windowDays, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-TrafficDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        var offers = db.OfferPresentations.AsNoTracking().Where(o => o.PresentedAt >= since && channels.Contains(o.Channel));
        if (segmentId is { } segment) offers = offers.Where(o => db.SegmentMemberships.Any(m => m.SegmentId == segment && m.CustomerId == o.CustomerId));
        var firsts = await offers.GroupBy(o => o.CustomerId).Select(g => new { CustomerId = g.Key, From = g.Min(o => o.PresentedAt) }).ToListAsync(ct);
        if (firsts.Count == 0) return ExperimentTraffic.None;
        var perDay = firsts.Count / (double)TrafficDays;
        var closed = firsts.Where(f => f.From.AddDays(windowDays) <= now).Select(f => new MeasuredCustomer(f.CustomerId, "", f.From)).ToList();
        var outcomes = await OutcomesAsync(db, closed, windowDays, now, ct);
        if (outcomes.Count == 0) return new ExperimentTraffic(0, perDay, 0, 0, 0, 0, 0);
        var crossSell = outcomes.Select(o => o.CrossSellRevenue).ToList();
        var orders = outcomes.Sum(o => o.Orders);
        var aovs = outcomes.Where(o => o.Orders > 0).Select(o => o.Revenue / o.Orders).ToList();
        return new ExperimentTraffic(outcomes.Count, perDay, outcomes.Count(o => o.Converted) / (double)outcomes.Count,
            crossSell.Average(), Deviation(crossSell), orders == 0 ? 0 : outcomes.Sum(o => o.Revenue) / orders, Deviation(aovs));
    }

    /// <exception cref="ValidationException">The plan is invalid.</exception>
    public async Task<int> CreateAsync(ExperimentInput input, CancellationToken ct = default)
    {
        await new ExperimentInputValidator().ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await CheckSegmentAsync(db, input, ct);
        var experiment = new Experiment { Name = input.Name.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = db.CurrentUserName };
        Fill(experiment, input);
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return experiment.Id;
    }

    /// <summary>A draft can be changed until it starts; a running experiment changes nothing but its end.</summary>
    /// <exception cref="ValidationException">Invalid, not a draft any more, or someone changed it since <paramref name="version"/>.</exception>
    public async Task<Guid> UpdateAsync(int id, ExperimentInput input, Guid version, CancellationToken ct = default)
    {
        await new ExperimentInputValidator().ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        await CheckSegmentAsync(db, input, ct);
        var experiment = await LoadAsync(db, id, version, ct);
        if (experiment.Status != ExperimentStatus.Draft) throw Invalid(nameof(Experiment.Status), "Experiment_NotDraft");
        db.ExperimentArms.RemoveRange(experiment.Arms);
        experiment.Arms = [];
        experiment.Name = input.Name.Trim();
        Fill(experiment, input);
        await SaveAsync(db, ct);
        return experiment.Version;
    }

    /// <summary>Starts enrolling: from now on the audience's customers are split by the hash.</summary>
    public async Task<Guid> StartAsync(int id, Guid version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var experiment = await LoadAsync(db, id, version, ct);
        if (experiment.Status != ExperimentStatus.Draft) throw Invalid(nameof(Experiment.Status), "Experiment_NotDraft");
        experiment.Status = ExperimentStatus.Running;
        experiment.StartedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        changes.Publish(new ExperimentChanged(id));
        return experiment.Version;
    }

    /// <summary>Ends the experiment without changing the default: every customer gets the default strategy again.</summary>
    public Task<Guid> StopAsync(int id, Guid version, CancellationToken ct = default) => EndAsync(id, version, null, ct);

    /// <summary>
    /// Makes an arm's strategy the default (the stored tuning, audited) and ends the experiment, in one transaction.
    /// A holdout cannot be the default: "never offer" is not a strategy.
    /// </summary>
    public Task<Guid> PromoteAsync(int id, string arm, Guid version, CancellationToken ct = default) => EndAsync(id, version, arm, ct);

    private async Task<Guid> EndAsync(int id, Guid version, string? promote, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var experiment = await LoadAsync(db, id, version, ct);
        if (experiment.Status == ExperimentStatus.Draft) throw Invalid(nameof(Experiment.Status), "Experiment_NotStarted");
        if (experiment.PromotedArm is not null) throw Invalid(nameof(Experiment.PromotedArm), "Experiment_AlreadyPromoted");
        OfferStrategy? promoted = null;
        if (promote is not null)
        {
            var arm = experiment.Arms.FirstOrDefault(a => a.Key == promote) ?? throw Invalid("Arm", "Experiment_NoSuchArm");
            if (arm.Role == ArmRole.Holdout) throw Invalid("Arm", "Experiment_HoldoutNotDefault");
            var tuning = await db.EngineTunings.FirstOrDefaultAsync(ct);
            if (tuning is null) db.EngineTunings.Add(tuning = new EngineTuning());
            var strategy = ExperimentEnrolment.ToRunning(experiment).StrategyOf(new RunningArm(arm.Key, arm.SharePercent, arm.Role, arm.Value), OfferStrategy.Of(tuning));
            (tuning.MarginWeight, tuning.SameCategoryPenalty, tuning.UseModel, tuning.TalkingPointStyle, tuning.BundleDiscountPercent) =
                (strategy.MarginWeight, strategy.SameCategoryPenalty, strategy.UseModel, strategy.TalkingPoints, strategy.BundleDiscountPercent);
            experiment.PromotedArm = arm.Key;
            promoted = strategy;
        }
        if (experiment.Status == ExperimentStatus.Running)
        {
            experiment.Status = ExperimentStatus.Ended;
            experiment.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        await SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
        changes.Publish(new ExperimentChanged(id));
        if (promoted is not null) changes.Publish(new EngineTuningChanged(promoted));
        return experiment.Version;
    }

    /// <summary>The experiment, its results and its plan at today's traffic. Null when there is no such experiment.</summary>
    public async Task<ExperimentReport?> ReportAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms.OrderBy(a => a.Key)).Include(e => e.Segment).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = await ExposedOutcomesAsync(db, experiment, now, ct);
        var traffic = experiment.Status == ExperimentStatus.Draft ? await TrafficAsync(experiment.SegmentId, experiment.ChannelList, experiment.WindowDays, ct) : null;
        var perDay = traffic?.CustomersPerDay ?? (experiment.StartedAt is { } started && outcomes.Count > 0 ? outcomes.Count / Math.Max(1, (now - started).TotalDays) : 0);
        var plan = ExperimentPlan.For(InputOf(experiment), perDay);
        var defaults = await db.EngineTunings.AsNoTracking().FirstOrDefaultAsync(ct) is { } tuning ? OfferStrategy.Of(tuning) : OfferStrategy.Default;
        return new ExperimentReport(experiment, experiment.Segment?.NameFor(Messages.Language), ExperimentAnalysis.Read(experiment, outcomes, now), plan, defaults);
    }

    /// <summary>One row per enrolled customer with their arm and outcome, for a manager's own analysis (the importer's CSV dialect of the language).</summary>
    public async Task<string?> ExportCsvAsync(int id, CsvFormat format, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return null;
        var outcomes = await ExposedOutcomesAsync(db, experiment, clock.GetUtcNow().UtcDateTime, ct);
        var ids = outcomes.Select(o => o.CustomerId).ToList();
        var numbers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.CustomerNumber }).ToDictionaryAsync(c => c.Id, c => c.CustomerNumber, ct);
        var csv = new StringBuilder();
        csv.Append(format.Row("customer-number", "arm", "exposed-at", "window-closed", "accepted-an-offer", "offers-presented", "offers-accepted",
            "cross-sell-revenue", "revenue", "orders"));
        foreach (var o in outcomes.OrderBy(o => o.Arm).ThenBy(o => o.From))
            csv.Append(format.Row(format.Text(numbers.GetValueOrDefault(o.CustomerId)), o.Arm, format.Date(o.From), format.Boolean(o.WindowClosed), format.Boolean(o.Converted),
                format.Number(o.OffersPresented), format.Number(o.OffersAccepted), format.Number((decimal)o.CrossSellRevenue), format.Number((decimal)o.Revenue), format.Number(o.Orders)));
        return csv.ToString();
    }

    private static async Task<List<CustomerOutcome>> ExposedOutcomesAsync(CrmDbContext db, Experiment experiment, DateTime now, CancellationToken ct)
    {
        var exposed = await db.ExperimentExposures.AsNoTracking().Where(x => x.ExperimentId == experiment.Id)
            .Select(x => new MeasuredCustomer(x.CustomerId, x.Arm, x.ExposedAt)).ToListAsync(ct);
        return await OutcomesAsync(db, exposed, experiment.WindowDays, now, ct);
    }

    /// <summary>Loads the customers' order lines and offers, in chunks (an IN list per chunk), and measures them.</summary>
    private static async Task<List<CustomerOutcome>> OutcomesAsync(CrmDbContext db, List<MeasuredCustomer> customers, int windowDays, DateTime now, CancellationToken ct)
    {
        var lines = new List<MeasuredLine>();
        var offers = new List<MeasuredOffer>();
        foreach (var chunk in customers.Select(c => c.CustomerId).Distinct().Chunk(2000))
        {
            lines.AddRange(await db.OrderLines.AsNoTracking().Where(l => chunk.Contains(l.Order!.CustomerId))
                .Select(l => new MeasuredLine(l.Order!.CustomerId, l.OrderId, l.ProductId, l.Order.OrderedAt, (double)(l.Quantity * l.UnitPrice - l.Discount))).ToListAsync(ct));
            offers.AddRange(await db.OfferPresentations.AsNoTracking().Where(o => chunk.Contains(o.CustomerId))
                .Select(o => new MeasuredOffer(o.CustomerId, o.PresentedAt, o.Outcome)).ToListAsync(ct));
        }
        return ExperimentOutcomes.Of(customers, lines, offers, windowDays, now);
    }

    public static ExperimentInput InputOf(Experiment e) => new()
    {
        Name = e.Name, Hypothesis = e.Hypothesis, Change = e.Change, SegmentId = e.SegmentId, Channels = e.ChannelList, PrimaryMetric = e.PrimaryMetric,
        WindowDays = e.WindowDays, Baseline = e.Baseline, BaselineDeviation = e.BaselineDeviation, MinimumEffect = e.MinimumEffect, Power = e.Power, Alpha = e.Alpha,
        Arms = [.. e.Arms.OrderBy(a => a.Key).Select(a => new ArmInput(a.Name, a.SharePercent, a.Role, a.Value))],
    };

    private static void Fill(Experiment experiment, ExperimentInput input)
    {
        experiment.Hypothesis = string.IsNullOrWhiteSpace(input.Hypothesis) ? null : input.Hypothesis.Trim();
        experiment.Change = input.Change;
        experiment.SegmentId = input.SegmentId;
        experiment.Channels = Experiment.ChannelsOf(input.Channels);
        experiment.PrimaryMetric = input.PrimaryMetric;
        experiment.WindowDays = input.WindowDays;
        experiment.Baseline = input.Baseline;
        experiment.BaselineDeviation = input.PrimaryMetric == ExperimentMetric.OfferConversion ? 0 : input.BaselineDeviation;
        experiment.MinimumEffect = input.MinimumEffect;
        experiment.Power = input.Power;
        experiment.Alpha = input.Alpha;
        experiment.Arms = [.. input.Arms.Select((a, i) => new ExperimentArm
        {
            Key = ((char)('A' + i)).ToString(), Name = a.Name.Trim(), SharePercent = a.SharePercent, Role = a.Role,
            Value = a.Role == ArmRole.Holdout || input.Change == ExperimentChange.Holdout ? null : a.Value,
        })];
        experiment.PlannedCustomers = ExperimentPlan.For(input, 0).TotalCustomers;
    }

    private static async Task CheckSegmentAsync(CrmDbContext db, ExperimentInput input, CancellationToken ct)
    {
        if (input.SegmentId is { } segment && !await db.Segments.AnyAsync(s => s.Id == segment, ct))
            throw Invalid(nameof(ExperimentInput.SegmentId), "Experiment_NoSegment");
    }

    private static async Task<Experiment> LoadAsync(CrmDbContext db, int id, Guid version, CancellationToken ct)
    {
        var experiment = await db.Experiments.Include(e => e.Arms).FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw Invalid("Id", "Experiment_NotFound");
        db.Entry(experiment).Property(e => e.Version).OriginalValue = version;
        return experiment;
    }

    private static async Task SaveAsync(CrmDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Invalid(nameof(Experiment.Version), "Experiment_Stale");
        }
    }

    private static double Deviation(List<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static ValidationException Invalid(string property, string key) => new([new ValidationFailure(property, Messages.Text(key))]);
}
