using System.Globalization;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// The offers of a training as small integers, a byte per column, column-major: both learners work on bins, never on
/// raw values. Column-major because the regression and the trees' partitions read one column at a time.
/// </summary>
/// <param name="weights">How many offers each row stands for (<see cref="AcceptanceTable.Weight"/>); null: one each.</param>
internal sealed class BinnedRows(byte[][] columns, bool[] accepted, double[]? weights = null)
{
    public byte[][] Columns { get; } = columns;
    public bool[] Accepted { get; } = accepted;
    public double[] Weights { get; } = weights ?? Ones(accepted.Length);
    public int Count => Accepted.Length;

    /// <summary>The rows at <paramref name="positions"/> (ascending, so that the columns stay read forward).</summary>
    public BinnedRows Subset(int[] positions)
    {
        var columns = new byte[Columns.Length][];
        for (var c = 0; c < columns.Length; c++)
        {
            var from = Columns[c];
            var to = columns[c] = new byte[positions.Length];
            for (var i = 0; i < positions.Length; i++) to[i] = from[positions[i]];
        }
        var accepted = new bool[positions.Length];
        var weights = new double[positions.Length];
        for (var i = 0; i < positions.Length; i++) (accepted[i], weights[i]) = (Accepted[positions[i]], Weights[positions[i]]);
        return new BinnedRows(columns, accepted, weights);
    }

    private static double[] Ones(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }
}

/// <summary>
/// How values become bins, learnt from the training rows only. Numbers: quantile bins (each distinct value its own bin
/// when there are few), an upper edge per bin, missing last. Categories: the most frequent ones, the rest (and any the
/// training never saw) as "other", ordered by their training acceptance rate — so a tree's "bin ≤ t" split can group
/// categories as well as a subset search would, for a yes/no target, at the cost of one threshold scan.
/// </summary>
internal sealed class FeatureBins
{
    private readonly double[][] _edges;     // numeric: bin b holds values ≤ _edges[c][b] (and > the edge before); above the last, Length; NaN: Length + 1
    private readonly int[][] _binOf;        // categorical: category index → bin
    private readonly int[] _otherBin;       // categorical: unseen or missing
    private readonly Func<string>[][] _labels; // a bin in words, in the reader's language (the model may be trained in another culture)

    private FeatureBins(AcceptanceSchema schema, double[][] edges, int[][] binOf, int[] otherBin, int[] counts, Func<string>[][] labels)
    {
        (Schema, _edges, _binOf, _otherBin, Counts, _labels) = (schema, edges, binOf, otherBin, counts, labels);
        Offsets = new int[counts.Length];
        for (var c = 1; c < counts.Length; c++) Offsets[c] = Offsets[c - 1] + counts[c - 1];
        Total = counts.Sum();
    }

    public AcceptanceSchema Schema { get; }
    /// <summary>Bins per column (at most 256, so a bin fits a byte).</summary>
    public int[] Counts { get; }
    /// <summary>Where each column's bins start when all bins are numbered in one row (the logistic model's weights).</summary>
    public int[] Offsets { get; }
    public int Total { get; }

    public string Describe(int column, int bin) => _labels[column][bin]();

    internal Func<string> Description(int column, int bin) => _labels[column][bin];

    public static FeatureBins Fit(AcceptanceTable table, ReadOnlySpan<int> rows, int maxBins, int maxCategories)
    {
        var schema = table.Schema;
        var edges = new double[schema.Count][];
        var binOf = new int[schema.Count][];
        var other = new int[schema.Count];
        var counts = new int[schema.Count];
        var labels = new Func<string>[schema.Count][];
        // Acceptance rates are weighted (a row stands for Weight offers); which categories are kept is by how often they are logged.
        double positives = 0, all = 0;
        foreach (var r in rows)
        {
            all += table.Weight(r);
            if (table.Accepted(r)) positives += table.Weight(r);
        }
        var prior = (positives + 1.0) / (all + 2.0);
        var values = new double[rows.Length];
        for (var c = 0; c < schema.Count; c++)
        {
            var column = schema[c];
            if (column.Kind == AcceptanceColumnKind.Numeric)
            {
                var n = 0;
                foreach (var r in rows)
                {
                    var v = table.Value(r, c);
                    if (!double.IsNaN(v)) values[n++] = v;
                }
                var sorted = values.AsSpan(0, n);
                var e = QuantileEdges(sorted, maxBins);
                edges[c] = e;
                counts[c] = e.Length + 2;
                labels[c] = NumericLabels(e, sorted);
                binOf[c] = [];
            }
            else
            {
                var categories = column.Categories.Count;
                var seen = new int[categories];
                var weighed = new double[categories];
                var accepted = new double[categories];
                foreach (var r in rows)
                {
                    var v = table.Value(r, c);
                    if (double.IsNaN(v)) continue;
                    seen[(int)v]++;
                    weighed[(int)v] += table.Weight(r);
                    if (table.Accepted(r)) accepted[(int)v] += table.Weight(r);
                }
                var kept = Enumerable.Range(0, categories).Where(k => seen[k] > 0)
                    .OrderByDescending(k => seen[k]).ThenBy(k => k).Take(Math.Min(maxCategories, 255)).ToList();
                double otherSeen = 0, otherAccepted = 0;
                var keptSet = kept.ToHashSet();
                for (var k = 0; k < categories; k++)
                    if (!keptSet.Contains(k)) (otherSeen, otherAccepted) = (otherSeen + weighed[k], otherAccepted + accepted[k]);
                // Smoothed towards the overall rate, so that a category of three offers does not sort as an extreme.
                double Rate(double accept, double total) => (accept + 10 * prior) / (total + 10.0);
                var order = kept.Select(k => (Category: k, Rate: Rate(accepted[k], weighed[k])))
                    .Append((Category: -1, Rate: Rate(otherAccepted, otherSeen)))
                    .OrderBy(x => x.Rate).ThenBy(x => x.Category).ToList();
                var map = new int[categories];
                labels[c] = new Func<string>[order.Count];
                for (var b = 0; b < order.Count; b++)
                {
                    if (order[b].Category >= 0)
                    {
                        map[order[b].Category] = b;
                        var name = $"'{column.Categories[order[b].Category]}'";
                        labels[c][b] = () => name;
                    }
                    else
                    {
                        other[c] = b;
                        labels[c][b] = () => Localization.Messages.Text("Acceptance_OtherCategories");
                    }
                }
                for (var k = 0; k < categories; k++)
                    if (!keptSet.Contains(k)) map[k] = other[c];
                binOf[c] = map;
                edges[c] = [];
                counts[c] = order.Count;
            }
        }
        return new FeatureBins(schema, edges, binOf, other, counts, labels);
    }

    /// <summary>Upper edges of at most <paramref name="maxBins"/> bins of about equal counts; every distinct value its own bin when there are few.</summary>
    internal static double[] QuantileEdges(Span<double> values, int maxBins)
    {
        if (values.Length == 0) return [];
        values.Sort();
        var distinct = new List<double>();
        foreach (var v in values)
            if (distinct.Count == 0 || distinct[^1] != v) distinct.Add(v);
        // The largest value needs no edge: everything above the last edge is the last bin.
        if (distinct.Count <= maxBins) return distinct.Take(distinct.Count - 1).ToArray();
        var edges = new List<double>(maxBins);
        for (var q = 1; q < maxBins; q++)
        {
            var edge = values[(int)((long)q * values.Length / maxBins)];
            if (edge < values[^1] && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        return edges.ToArray();
    }

    /// <summary>A bin in words by the values the training saw in it ("61 to 95", "0"); by its edges when it saw none.</summary>
    /// <param name="sorted">The training values, sorted (<see cref="QuantileEdges"/> sorted them).</param>
    private static Func<string>[] NumericLabels(double[] edges, ReadOnlySpan<double> sorted)
    {
        var labels = new Func<string>[edges.Length + 2];
        static string N(double v) => v.ToString("#,##0.###", CultureInfo.CurrentCulture);
        var at = 0;
        for (var b = 0; b <= edges.Length; b++)
        {
            var from = at;
            while (at < sorted.Length && (b == edges.Length || sorted[at] <= edges[b])) at++;
            var (low, high, bin) = (at > from ? sorted[from] : 0, at > from ? sorted[at - 1] : 0, b);
            labels[b] = at > from
                ? low == high ? () => N(low) : () => Localization.Messages.Text("Acceptance_Range", N(low), N(high))
                : edges.Length == 0 ? () => Localization.Messages.Text("Acceptance_AnyValue")
                : b == 0 ? () => $"≤ {N(edges[0])}"
                : b == edges.Length ? () => $"> {N(edges[^1])}"
                : () => Localization.Messages.Text("Acceptance_Range", $"> {N(edges[bin - 1])}", $"≤ {N(edges[bin])}");
        }
        labels[^1] = () => Localization.Messages.Text("Acceptance_Missing");
        return labels;
    }

    public byte Bin(int column, double value)
    {
        var edges = _edges[column];
        if (Schema[column].Kind == AcceptanceColumnKind.Categorical)
        {
            var map = _binOf[column];
            return (byte)(double.IsNaN(value) || value < 0 || value >= map.Length ? _otherBin[column] : map[(int)value]);
        }
        if (double.IsNaN(value)) return (byte)(edges.Length + 1);
        // The first edge ≥ value: a binary search over at most 255 edges, about eight comparisons.
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < value) lo = mid + 1; else hi = mid;
        }
        return (byte)lo;
    }

    public void Bin(ReadOnlySpan<double> row, Span<byte> bins)
    {
        for (var c = 0; c < bins.Length; c++) bins[c] = Bin(c, row[c]);
    }

    public BinnedRows Encode(AcceptanceTable table, ReadOnlySpan<int> rows)
    {
        var columns = new byte[Schema.Count][];
        var accepted = new bool[rows.Length];
        var weights = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) (accepted[i], weights[i]) = (table.Accepted(rows[i]), table.Weight(rows[i]));
        var rowArray = rows.ToArray();
        Parallel.For(0, Schema.Count, c =>
        {
            var column = new byte[rowArray.Length];
            for (var i = 0; i < rowArray.Length; i++) column[i] = Bin(c, table.Value(rowArray[i], c));
            columns[c] = column;
        });
        return new BinnedRows(columns, accepted, weights);
    }
}
