using System.Collections.Concurrent;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Tuning;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>A running experiment as the decision path needs it: audience, arms, enrolment.</summary>
public sealed record RunningExperiment(
    int Id, Guid Salt, ExperimentChange Change, int? SegmentId, IReadOnlySet<ContactChannel> Channels, IReadOnlyList<RunningArm> Arms,
    int PlannedCustomers, DateTime StartedAt)
{
    public RunningArm ArmOf(int customerId) => ExperimentAssignment.Arm(Salt, customerId, Arms, a => a.SharePercent);

    /// <summary>The arm's strategy: the default with the experiment's one thing set to the arm's value.</summary>
    public OfferStrategy StrategyOf(RunningArm arm, OfferStrategy defaults) => arm.Value is not { } value ? defaults : Change switch
    {
        ExperimentChange.MarginWeight => defaults with { MarginWeight = value },
        ExperimentChange.Diversity => defaults with { SameCategoryPenalty = value },
        ExperimentChange.Model => defaults with { UseModel = value >= 0.5 },
        ExperimentChange.TalkingPoints => defaults with { TalkingPoints = (TalkingPointStyle)(int)value },
        ExperimentChange.BundleDiscount => defaults with { BundleDiscountPercent = value },
        _ => defaults,
    };
}

public sealed record RunningArm(string Key, int SharePercent, ArmRole Role, double? Value);

/// <summary>The customer's place in an experiment for this decision: the arm and the strategy it decides with.</summary>
public sealed record ArmAssignment(int ExperimentId, string Arm, ArmRole Role, OfferStrategy Strategy)
{
    public bool Holdout => Role == ArmRole.Holdout;
}

/// <summary>
/// The running experiments and who is in them, in memory for the decision path (a cockpit opening must not wait on
/// a query per experiment). Reloaded from the database when an experiment changes (<see cref="Changes.ExperimentChanged"/>).
/// A customer is in at most one experiment per surface: one they are already in keeps them; otherwise the
/// earliest-started experiment whose audience they are in takes them, while it still enrols.
/// </summary>
public sealed class ExperimentBook
{
    private volatile State? _state;

    public ExperimentBook(Changes.ChangeHub changes) =>
        changes.Changed += change => { if (change is Changes.ExperimentChanged) _state = null; };

    /// <summary>False until loaded, and after an experiment changed.</summary>
    public bool Loaded => _state is not null;

    public IReadOnlyList<RunningExperiment> Running => _state?.Running ?? [];

    public void Load(IEnumerable<RunningExperiment> running, IEnumerable<(int ExperimentId, int CustomerId)> exposures)
    {
        var state = new State([.. running.OrderBy(e => e.StartedAt).ThenBy(e => e.Id)]);
        foreach (var (experiment, customer) in exposures) state.Add(experiment, customer);
        _state = state;
    }

    /// <summary>The experiment the customer is in (or would join) on this surface, and whether they are already in it.</summary>
    public (RunningExperiment Experiment, bool AlreadyIn)? Choose(CustomerSnapshot customer, ContactChannel channel)
    {
        if (_state is not { } state) return null;
        foreach (var e in state.Running)
            if (e.Channels.Contains(channel) && state.IsIn(e.Id, customer.CustomerId)) return (e, true);
        foreach (var e in state.Running)
            if (e.Channels.Contains(channel) && (e.SegmentId is not { } segment || customer.SegmentIds.Contains(segment))
                && state.Enrolled(e.Id) < e.PlannedCustomers)
                return (e, false);
        return null;
    }

    public void Enrol(int experimentId, int customerId) => _state?.Add(experimentId, customerId);

    public int Enrolled(int experimentId) => _state?.Enrolled(experimentId) ?? 0;

    private sealed class State(IReadOnlyList<RunningExperiment> running)
    {
        private readonly ConcurrentDictionary<(int, int), byte> _in = new();
        private readonly ConcurrentDictionary<int, int> _counts = new();
        public IReadOnlyList<RunningExperiment> Running { get; } = running;
        public bool IsIn(int experiment, int customer) => _in.ContainsKey((experiment, customer));
        public int Enrolled(int experiment) => _counts.GetValueOrDefault(experiment);

        public void Add(int experiment, int customer)
        {
            if (_in.TryAdd((experiment, customer), 0)) _counts.AddOrUpdate(experiment, 1, (_, n) => n + 1);
        }
    }
}
