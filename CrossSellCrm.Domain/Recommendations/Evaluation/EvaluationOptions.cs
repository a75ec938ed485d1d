namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>What an offline evaluation is asked for: the protocol, the top k, where history is split, and the rules' minimum support.</summary>
public sealed record EvaluationOptions
{
    public int K { get; init; } = 3;
    /// <summary>Share of purchases, in time order, to learn from.</summary>
    public double TrainFraction { get; init; } = 0.8;
    /// <summary>Learn from what happened before this moment instead of <see cref="TrainFraction"/>.</summary>
    public DateTime? SplitAt { get; init; }
    /// <summary>Null: see <see cref="EvaluationService.MiningFor"/>.</summary>
    public double? MinSupport { get; init; }
    public EvaluationProtocol Protocol { get; init; } = EvaluationProtocol.PostPurchase;
    /// <summary>For post-purchase and window: how many days after the moment a purchase still counts.</summary>
    public int HorizonDays { get; init; } = 30;
    /// <summary>The engine row's margin weight (the app's); null: the default.</summary>
    public double? MarginWeight { get; init; }
    /// <summary>Also run the engine at every weight of <see cref="EvaluationService.CurveWeights"/> (the quality page's curve).</summary>
    public bool MarginCurve { get; init; }
    /// <summary>Also the engine with the acceptance model learnt from the offers answered before the split ("engine+acceptance").</summary>
    public bool Acceptance { get; init; }
}
