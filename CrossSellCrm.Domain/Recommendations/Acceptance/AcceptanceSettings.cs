using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

public enum AcceptanceLearner
{
    /// <summary>Gradient-boosted trees over histogram bins: the default, measured best on bank.csv (docs/decisions/0022).</summary>
    BoostedTrees,
    /// <summary>L2 logistic regression over one-hot bins: a weight per bin, easy to read, a little weaker.</summary>
    Logistic,
}

/// <summary>How the acceptance model is trained. The defaults are what the measurements in docs/decisions/0022 chose.</summary>
public sealed record AcceptanceSettings
{
    public AcceptanceLearner Learner { get; init; } = AcceptanceLearner.BoostedTrees;
    /// <summary>Quantile bins per numeric column (plus one for missing).</summary>
    public int MaxBins { get; init; } = 32;
    /// <summary>The most frequent categories kept per categorical column; the rest are one "other".</summary>
    public int MaxCategories { get; init; } = 64;
    /// <summary>Tables up to <see cref="InnerFoldsUpToRows"/> rows tune on this many stratified inner folds (and calibrate on all their held-out scores).</summary>
    public int InnerFolds { get; init; } = 4;
    public int InnerFoldsUpToRows { get; init; } = 100_000;
    /// <summary>With inner folds: the model is the average of the folds' models (bagging) rather than one learnt again from all rows.</summary>
    public bool BagInnerModels { get; init; } = true;
    /// <summary>Larger tables: the share of the training rows held out (stratified) to tune on and to fit the calibration on.</summary>
    public double HoldoutShare { get; init; } = 0.2;
    /// <summary>
    /// Larger tables: after tuning, learn again from all the training rows with what the tuning chose (the calibration
    /// stays the held-out one's). Off: the model learnt from the kept rows, stopped early on the held-out share and
    /// calibrated on its scores there, is the model — at 1,000,000 offers a refit costs as much again and gained no
    /// measurable AUC (docs/decisions/0022).
    /// </summary>
    public bool RefitOnAll { get; init; } = false;
    /// <summary>
    /// Larger tables, trees: the depth is tuned on a stratified sample of this many kept rows (early stopping on the whole
    /// held-out share), then the chosen depth is boosted once on all kept rows.
    /// </summary>
    public int TuneSampleRows { get; init; } = 100_000;
    /// <summary>Logistic: the L2 penalties tried on the held-out rows.</summary>
    public IReadOnlyList<double> PenaltyGrid { get; init; } = [1, 3, 10, 30, 100];
    /// <summary>Trees: the depths tried on the held-out rows (the number of trees is chosen there too, by early stopping).</summary>
    public IReadOnlyList<int> DepthGrid { get; init; } = [3, 4, 5];
    public double LearningRate { get; init; } = 0.05;
    public int MaxTrees { get; init; } = 300;
    public int MinLeafRows { get; init; } = 20;
    /// <summary>L2 on a leaf's value (XGBoost's λ).</summary>
    public double LeafPenalty { get; init; } = 1;
    /// <summary>The share of rows each tree learns from (stochastic gradient boosting: less variance, less time).</summary>
    public double Subsample { get; init; } = 0.8;
    /// <summary>Trees: stop when the held-out loss has not improved for this many trees.</summary>
    public int Patience { get; init; } = 40;
    public int Seed { get; init; } = 1;
}

public sealed class AcceptanceSettingsValidator : AbstractValidator<AcceptanceSettings>
{
    public AcceptanceSettingsValidator()
    {
        RuleFor(s => s.MaxBins).InclusiveBetween(2, 250);
        RuleFor(s => s.MaxCategories).InclusiveBetween(1, 250);
        RuleFor(s => s.InnerFolds).InclusiveBetween(0, 10);
        RuleFor(s => s.HoldoutShare).GreaterThan(0.05).LessThan(0.5);
        RuleFor(s => s.TuneSampleRows).GreaterThanOrEqualTo(1_000);
        RuleFor(s => s.PenaltyGrid).NotEmpty().Must(g => g.All(p => p > 0 && double.IsFinite(p)));
        RuleFor(s => s.DepthGrid).NotEmpty().Must(g => g.All(d => d is >= 1 and <= 8));
        RuleFor(s => s.LearningRate).GreaterThan(0).LessThanOrEqualTo(1);
        RuleFor(s => s.MaxTrees).InclusiveBetween(1, 5000);
        RuleFor(s => s.MinLeafRows).GreaterThanOrEqualTo(1);
        RuleFor(s => s.LeafPenalty).GreaterThanOrEqualTo(0);
        RuleFor(s => s.Subsample).GreaterThan(0).LessThanOrEqualTo(1);
        RuleFor(s => s.Patience).GreaterThanOrEqualTo(1);
    }
}
