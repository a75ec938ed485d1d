namespace CrossSellCrm.Domain.Recommendations.Tuning;

/// <summary>
/// The engine's settings a manager owns, one row: the default offer strategy
/// (how much margin counts against likelihood, diversity, the model, the talking points' style, the bundle discount).
/// Audited and versioned like every managed setting; the engine is rebuilt when it changes.
/// </summary>
public sealed class EngineTuning : IVersioned, Auditing.IAudited
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    /// <summary>0 = the offer most likely to be bought first, 1 = the most expected margin first (ADR 16).</summary>
    public double MarginWeight { get; set; } = Engine.EngineSettings.DefaultMarginWeight;
    /// <summary>How much a second offer of one category keeps of its score (promoted from a diversity experiment).</summary>
    public double SameCategoryPenalty { get; set; } = Engine.EngineSettings.DefaultSameCategoryPenalty;
    /// <summary>False ranks by the rules', relations' and segments' priors instead of the learned likelihood (promoted from a model experiment).</summary>
    public bool UseModel { get; set; } = true;
    public Engine.TalkingPointStyle TalkingPointStyle { get; set; }
    /// <summary>The discount on curated bundles, replacing each relation's own; null keeps each relation's (promoted from a discount experiment).</summary>
    public double? BundleDiscountPercent { get; set; }
    public Guid Version { get; set; }
}
