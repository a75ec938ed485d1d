namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>What an offline evaluation is asked for: the top k, where history is split, and the rules' minimum support.</summary>
public sealed record EvaluationOptions
{
    public int K { get; init; } = 3;
    /// <summary>Share of purchases, in time order, to learn from.</summary>
    public double TrainFraction { get; init; } = 0.8;
    /// <summary>Null: see <see cref="EvaluationService.MiningFor"/>.</summary>
    public double? MinSupport { get; init; }
}
