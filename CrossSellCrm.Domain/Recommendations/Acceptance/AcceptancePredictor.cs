using System.Globalization;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A column's values grouped as the model bins them ("'success'", "60 to 95"), with how often its offers were accepted.</summary>
/// <param name="Describe">The group in words, in the current culture when asked (a model trained at night is read in German by day).</param>
public sealed record AcceptanceLevel(Func<string> Describe, int Rows, double AcceptedShare)
{
    public string Description => Describe();
}

/// <summary>
/// One column's weight in the model (its share of all columns' importance) and, to say it in plain words, the group of
/// its values with the most and the fewest acceptances among groups of at least 1 % of the training rows (and 20).
/// </summary>
public sealed record AcceptancePredictor(string Column, double Importance, AcceptanceLevel Highest, AcceptanceLevel Lowest)
{
    /// <summary>"poutcome (22% of the model's weight): 'success' 64.3% accepted (n = 129), 'unknown' 9.1% (n = 3,705); 11.5% overall".</summary>
    public string Text(double overall) => Highest == Lowest
        ? Localization.Messages.Text("Acceptance_PredictorOneGroup", Column, Importance, overall)
        : Localization.Messages.Text("Acceptance_Predictor", Column, Importance,
            Highest.Description, Highest.AcceptedShare, Highest.Rows, Lowest.Description, Lowest.AcceptedShare, Lowest.Rows, overall);

    internal static List<AcceptancePredictor> Of(AcceptanceTable table, ReadOnlySpan<int> rows, FeatureBins bins, double[] importance)
    {
        var total = importance.Sum();
        var minRows = Math.Max(20, rows.Length / 100);
        var result = new List<AcceptancePredictor>(importance.Length);
        for (var c = 0; c < importance.Length; c++)
        {
            var seen = new int[bins.Counts[c]];
            var accepted = new int[bins.Counts[c]];
            foreach (var r in rows)
            {
                var b = bins.Bin(c, table.Value(r, c));
                seen[b]++;
                if (table.Accepted(r)) accepted[b]++;
            }
            var levels = Enumerable.Range(0, seen.Length).Where(b => seen[b] >= minRows)
                .Select(b => new AcceptanceLevel(bins.Description(c, b), seen[b], (double)accepted[b] / seen[b])).ToList();
            if (levels.Count == 0)
                levels = Enumerable.Range(0, seen.Length).Where(b => seen[b] > 0)
                    .Select(b => new AcceptanceLevel(bins.Description(c, b), seen[b], (double)accepted[b] / seen[b])).ToList();
            if (levels.Count == 0) continue;
            var highest = levels.MaxBy(l => l.AcceptedShare)!;
            var lowest = levels.MinBy(l => l.AcceptedShare)!;
            result.Add(new AcceptancePredictor(table.Schema[c].Name, total > 0 ? importance[c] / total : 0, highest, lowest));
        }
        result.Sort((a, b) => b.Importance != a.Importance ? b.Importance.CompareTo(a.Importance) : string.CompareOrdinal(a.Column, b.Column));
        return result;
    }

    public override string ToString() => Text(double.NaN).ToString(CultureInfo.InvariantCulture);
}
