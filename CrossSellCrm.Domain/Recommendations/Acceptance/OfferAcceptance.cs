using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>Where a card's chance comes from: the acceptance model, or the Beta–Bernoulli count of the offer (too little evidence for the model).</summary>
public enum ChanceSource { Posterior, Model }

/// <summary>How the acceptance model is used; the "Recommendations:Acceptance" section.</summary>
public sealed record AcceptanceUse
{
    /// <summary>The model serves once it learnt from this many accepted offers; below it every card's chance is the Beta posterior.</summary>
    public int MinPositives { get; init; } = 200;
    /// <summary>An offer the model saw accepted fewer times than this keeps the Beta posterior: the model would only guess from its category and price.</summary>
    public int MinOfferPositives { get; init; } = 10;
    /// <summary>How much the model's chance re-ranks: the likelihood times (chance ÷ the base rate) to this power (0 = the chance is shown, not used).</summary>
    public double RankingWeight { get; init; } = 1;
    /// <summary>How many of the likeliest offers it re-ranks (scoring one costs about 2.5 µs with trees; the cards' own chances reuse these).</summary>
    public int RerankDepth { get; init; } = 3;
    /// <summary>The most recent share of decided offers held out to measure the model on (it learns from the rest).</summary>
    public double HeldOutShare { get; init; } = 0.2;
    /// <summary>An explored offer's weight is 1 ÷ the chance it had of being shown, at most this (a rare draw must not outweigh everything).</summary>
    public double MaxWeight { get; init; } = 20;
}

/// <summary>One offer's evidence in the model's training rows, and how the model did on its held-out recent outcomes.</summary>
public sealed record OfferAcceptanceStats(int ProductId, int Decided, int Positives, int HeldOut, int HeldOutPositives, double? HeldOutAuc, double? Predicted, double? Observed);

/// <summary>What the learning page shows of the model: when, on what, how well on the held-out recent offers, what it weighs most.</summary>
public sealed record AcceptanceReport(
    DateTime TrainedAt, AcceptanceLearner Learner, int TrainRows, int Positives, int HeldOutRows, int HeldOutPositives,
    double? Auc, double? AucLow, double? AucHigh, double? Brier, double? BaseRateBrier, IReadOnlyList<ReliabilityBin> Reliability,
    IReadOnlyList<AcceptancePredictor> TopFeatures, TimeSpan Took, bool Serves, int MinPositives, int ExploredRows)
{
    public double BaseRate => TrainRows == 0 ? 0 : (double)Positives / TrainRows;
}

/// <summary>
/// The acceptance model as the engine uses it: P(accepted | offered now) from the same point-in-time features it learnt on
/// (<see cref="OfferFeatures"/>), its held-out report, each offer's evidence and the facts its reasons can name. Immutable; the
/// worker replaces it whole.
/// </summary>
public sealed class OfferAcceptance
{
    private readonly AcceptanceModel _model;
    private readonly int[] _columnOf; // OfferFeatures column → schema column (-1: not learnt from)
    private readonly IReadOnlyDictionary<int, OfferAcceptanceStats> _offers;

    internal OfferAcceptance(AcceptanceModel model, int[] columnOf, IReadOnlyDictionary<int, OfferAcceptanceStats> offers, AcceptanceFacts facts,
        AcceptanceReport report, AcceptanceUse use)
    {
        (_model, _columnOf, _offers, Facts, Report, Use) = (model, columnOf, offers, facts, report, use);
    }

    public AcceptanceReport Report { get; }
    public AcceptanceUse Use { get; }
    public AcceptanceFacts Facts { get; }
    public IReadOnlyDictionary<int, OfferAcceptanceStats> Offers => _offers;
    public double BaseRate => _model.BaseRate;

    /// <summary>Whether the model's chance stands for this offer (else the Beta posterior does).</summary>
    public bool Knows(int productId) =>
        Report.Serves && _offers.TryGetValue(productId, out var stats) && stats.Positives >= Use.MinOfferPositives;

    /// <summary>The calibrated probability that the customer accepts the product offered now; about a microsecond (no allocation).</summary>
    public double Probability(OfferMoment moment, OfferProduct product, int? anchorProductId, ContactChannel channel)
    {
        Span<double> row = stackalloc double[_model.Schema.Count];
        row.Fill(double.NaN);
        var sink = new RowSink(row, _columnOf, _model.Schema);
        OfferFeatures.Write(moment, product, anchorProductId, channel, 1, null, ref sink); // the rank is not learnt from (see the trainer)
        return _model.Probability(row);
    }

    /// <summary>Writes a feature row in the model's schema: numbers as they are, categories as their index (an unseen one is missing).</summary>
    private ref struct RowSink(Span<double> row, int[] columnOf, AcceptanceSchema schema) : IOfferFeatureSink
    {
        private readonly Span<double> _row = row;

        public void Number(int column, double? value)
        {
            if (columnOf[column] is var c and >= 0) _row[c] = value ?? double.NaN;
        }

        public void Category(int column, string? value)
        {
            if (columnOf[column] is var c and >= 0) _row[c] = string.IsNullOrEmpty(value) ? double.NaN : schema[c].CategoryOf(value);
        }
    }
}
