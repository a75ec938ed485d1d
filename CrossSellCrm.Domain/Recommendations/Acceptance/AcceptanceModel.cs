namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// P(accepted | an offer's features): bins, a learner's raw log-odds, and the calibration fitted on held-out offers.
/// Immutable and thread-safe (arrays written once, in the trainer), and cheap enough to run inside every engine
/// decision: scoring a row bins it on the stack and allocates nothing.
/// </summary>
public sealed class AcceptanceModel
{
    // Members, each with the bins it learnt on; the model's log-odds are their mean (one member for a large table).
    private readonly FeatureBins[] _bins;
    private readonly AcceptanceScorer[] _members;

    internal AcceptanceModel(FeatureBins[] bins, AcceptanceScorer[] members, PlattCalibration calibration, IReadOnlyList<AcceptancePredictor> topFeatures,
        double baseRate, AcceptanceTraining training)
    {
        (_bins, _members, Calibration, TopFeatures, BaseRate, Training) = (bins, members, calibration, topFeatures, baseRate, training);
    }

    public AcceptanceSchema Schema => _bins[0].Schema;
    public AcceptanceLearner Learner => Training.Learner;
    public PlattCalibration Calibration { get; }
    /// <summary>Every column by its importance, most important first, with its strongest and weakest values in words.</summary>
    public IReadOnlyList<AcceptancePredictor> TopFeatures { get; }
    /// <summary>The share of accepted offers in the training rows.</summary>
    public double BaseRate { get; }
    public AcceptanceTraining Training { get; }

    /// <summary>The calibrated probability that the offer is accepted.</summary>
    /// <param name="row">One value per <see cref="Schema"/> column: a number, or a categorical column's category index; NaN when missing.</param>
    public double Probability(ReadOnlySpan<double> row) => Calibration.Apply(Score(row));

    /// <summary>The learner's log-odds before calibration (ranks the same as <see cref="Probability"/>).</summary>
    public double Score(ReadOnlySpan<double> row)
    {
        if (row.Length != Schema.Count) throw new ArgumentException($"A feature row has {Schema.Count} values, one per column.", nameof(row));
        Span<byte> bins = row.Length <= 256 ? stackalloc byte[row.Length] : new byte[row.Length];
        var sum = 0.0;
        for (var m = 0; m < _members.Length; m++)
        {
            _bins[m].Bin(row, bins);
            sum += _members[m].Logit(bins);
        }
        return sum / _members.Length;
    }

    public double Probability(AcceptanceTable table, int row) => Probability(table.Row(row));
}

/// <summary>What the training chose on its held-out rows, and how long it took.</summary>
/// <param name="Setting">The chosen L2 penalty (logistic) or depth (trees).</param>
/// <param name="Trees">Trees kept by early stopping (the mean over the inner folds); 0 for the logistic learner.</param>
/// <param name="Tried">Each candidate setting with its held-out log-loss.</param>
public sealed record AcceptanceTraining(
    AcceptanceLearner Learner, double Setting, int Trees, double HoldoutLogLoss, double HoldoutAuc, int Rows,
    IReadOnlyList<(double Setting, double LogLoss)> Tried, TimeSpan Took)
{
    /// <summary>Models averaged: the inner folds' (small tables), or one.</summary>
    public int Members { get; init; } = 1;
}
