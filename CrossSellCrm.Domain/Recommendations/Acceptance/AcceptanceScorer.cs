namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>What a learner leaves behind: the raw log-odds of one binned row, before calibration. Immutable.</summary>
internal abstract class AcceptanceScorer
{
    public abstract double Logit(ReadOnlySpan<byte> bins);

    /// <summary>Each column's share in the model's decisions (not normalised): split gain for trees, spread of the log-odds for the regression.</summary>
    public abstract double[] Importance { get; }

    public double Logit(BinnedRows rows, int row)
    {
        Span<byte> bins = stackalloc byte[rows.Columns.Length];
        for (var c = 0; c < bins.Length; c++) bins[c] = rows.Columns[c][row];
        return Logit(bins);
    }

    public double[] Logits(BinnedRows rows)
    {
        var logits = new double[rows.Count];
        for (var i = 0; i < logits.Length; i++) logits[i] = Logit(rows, i);
        return logits;
    }
}
