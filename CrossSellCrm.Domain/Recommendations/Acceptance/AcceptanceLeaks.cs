namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A column that tells the outcome on its own: its AUC alone (each of its bins scored by the bin's acceptance rate).</summary>
public sealed record ColumnSignal(string Column, double Auc, bool Leaks);

/// <summary>
/// Finds columns that give the outcome away. A column whose bins alone separate accepted from declined offers
/// (AUC ≥ 0.99 in-sample) is the outcome under another name — a copy of it, or something written because of it —
/// and a model "learning" from it is worthless; one that is merely strong on its own (≥ 0.80, as bank.csv's
/// `duration`, known only once the call is over) is worth a question to the user, not a refusal. The bins are the
/// model's own (at most 64 categories), so an identifier column of one row per value does not look perfect.
/// </summary>
public static class AcceptanceLeaks
{
    public const double LeakAuc = 0.99;
    public const double StrongAuc = 0.80;

    /// <summary>The columns at or above <see cref="StrongAuc"/>, strongest first.</summary>
    public static List<ColumnSignal> Find(AcceptanceTable table, AcceptanceSettings settings)
    {
        var rows = Enumerable.Range(0, table.Rows).ToArray();
        var bins = FeatureBins.Fit(table, rows, settings.MaxBins, settings.MaxCategories);
        var result = new List<ColumnSignal>();
        var accepted = rows.Select(table.Accepted).ToArray();
        var scores = new double[rows.Length];
        for (var c = 0; c < table.Schema.Count; c++)
        {
            var seen = new int[bins.Counts[c]];
            var positive = new int[bins.Counts[c]];
            var bin = new byte[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                bin[i] = bins.Bin(c, table.Value(i, c));
                seen[bin[i]]++;
                if (accepted[i]) positive[bin[i]]++;
            }
            for (var i = 0; i < rows.Length; i++) scores[i] = (double)positive[bin[i]] / seen[bin[i]];
            var auc = AcceptanceMetrics.Auc(scores, accepted);
            if (auc >= StrongAuc) result.Add(new ColumnSignal(table.Schema[c].Name, auc, auc >= LeakAuc));
        }
        result.Sort((a, b) => b.Auc.CompareTo(a.Auc));
        return result;
    }
}
