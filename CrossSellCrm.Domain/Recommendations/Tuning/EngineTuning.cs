namespace CrossSellCrm.Domain.Recommendations.Tuning;

/// <summary>
/// The engine's settings a manager owns, one row: how much margin counts against likelihood when offers are ranked.
/// Audited and versioned like every managed setting; the engine is rebuilt when it changes.
/// </summary>
public sealed class EngineTuning : IVersioned, Auditing.IAudited
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    /// <summary>0 = the offer most likely to be bought first, 1 = the most expected margin first (ADR 16).</summary>
    public double MarginWeight { get; set; } = Engine.EngineSettings.DefaultMarginWeight;
    public Guid Version { get; set; }
}
