namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Gradient-boosted trees for the logistic loss over histogram bins (Friedman 2001; the histogram and the
/// subtraction trick of LightGBM): oblivious to scale, finds interactions (a previous success matters more when the
/// customer was called recently) and thresholds without being told. Every tree is complete to its depth, stored as
/// flat arrays (a node that found no worthwhile split sends all its rows left), so scoring walks depth comparisons
/// per tree with no pointers and no allocation.
/// </summary>
internal sealed class BoostedTrees : AcceptanceScorer
{
    private readonly int _depth;
    private readonly int[] _feature;     // trees × (2^depth − 1)
    private readonly byte[] _threshold;  // a row goes right when its bin > threshold
    private readonly double[] _leaf;     // trees × 2^depth, shrinkage applied
    private readonly double _bias;

    private BoostedTrees(int depth, int trees, int[] feature, byte[] threshold, double[] leaf, double bias, double[] importance) =>
        (_depth, Trees, _feature, _threshold, _leaf, _bias, Importance) = (depth, trees, feature, threshold, leaf, bias, importance);

    public int Trees { get; }
    public int Depth => _depth;
    public override double[] Importance { get; }

    public override double Logit(ReadOnlySpan<byte> bins)
    {
        var internalNodes = (1 << _depth) - 1;
        var leaves = 1 << _depth;
        var logit = _bias;
        var feature = _feature.AsSpan();
        var threshold = _threshold.AsSpan();
        var leaf = _leaf.AsSpan();
        for (int t = 0, nodeBase = 0, leafBase = 0; t < Trees; t++, nodeBase += internalNodes, leafBase += leaves)
        {
            var node = 0;
            for (var d = 0; d < _depth; d++)
            {
                var at = nodeBase + node;
                node = 2 * node + 1 + (bins[feature[at]] > threshold[at] ? 1 : 0);
            }
            logit += leaf[leafBase + node - internalNodes];
        }
        return logit;
    }

    internal sealed record Options(int Depth, double LearningRate, int MaxTrees, int MinLeafRows, double LeafPenalty, double Subsample, int Patience, int Seed);

    /// <summary>
    /// Boosts up to <see cref="Options.MaxTrees"/> trees; with <paramref name="validation"/>, stops when its log-loss has
    /// not improved for <see cref="Options.Patience"/> trees and keeps the best number.
    /// </summary>
    public static (BoostedTrees Model, double ValidationLoss) Fit(BinnedRows rows, BinnedRows? validation, FeatureBins bins, Options o, CancellationToken ct)
    {
        var n = rows.Count;
        var columns = rows.Columns.Length;
        var depth = o.Depth;
        var internalNodes = (1 << depth) - 1;
        var leaves = 1 << depth;
        var positives = rows.Accepted.Count(a => a);
        var bias = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var score = new double[n];
        Array.Fill(score, bias);
        var validationScore = validation is null ? [] : new double[validation.Count];
        Array.Fill(validationScore, bias);
        var g = new double[n];
        var h = new double[n];
        var order = new int[n];
        var scratch = new int[n];
        // A node's rows are the run order[start[node] .. end[node]), kept in ascending row order (a stable partition),
        // so that building a histogram reads the columns forward.
        var start = new int[2 * leaves];
        var end = new int[2 * leaves];
        var histograms = new double[internalNodes][];
        for (var i = 0; i < internalNodes; i++) histograms[i] = new double[bins.Total * 3];
        var features = new List<int>();
        var thresholds = new List<byte>();
        var leafValues = new List<double>();
        var gains = new List<double[]>();
        var random = new Random(o.Seed);
        var bestLoss = double.PositiveInfinity;
        var bestTrees = 0;
        for (var t = 0; t < o.MaxTrees; t++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                var p = AcceptanceMetrics.Sigmoid(score[i]);
                g[i] = p - (rows.Accepted[i] ? 1 : 0);
                h[i] = Math.Max(p * (1 - p), 1e-12);
            }
            var m = 0;
            for (var i = 0; i < n; i++)
                if (o.Subsample >= 1 || random.NextDouble() < o.Subsample) order[m++] = i;
            start[0] = 0;
            end[0] = m;
            var treeFeature = new int[internalNodes];
            var treeThreshold = new byte[internalNodes];
            var gain = new double[columns];
            for (var node = 0; node < internalNodes; node++)
            {
                var hist = histograms[node];
                if (node == 0) Build(node);
                else
                {
                    // The smaller of two siblings is counted; the larger is its parent minus it.
                    var sibling = node % 2 == 1 ? node + 1 : node - 1;
                    var parent = (node - 1) / 2;
                    if (node % 2 == 1)
                    {
                        var smaller = end[node] - start[node] <= end[sibling] - start[sibling] ? node : sibling;
                        var larger = smaller == node ? sibling : node;
                        Build(smaller);
                        var ph = histograms[parent];
                        var sh = histograms[smaller];
                        var lh = histograms[larger];
                        for (var i = 0; i < lh.Length; i++) lh[i] = ph[i] - sh[i];
                    }
                }
                var (feature, threshold, splitGain) = BestSplit(hist, end[node] - start[node]);
                treeFeature[node] = feature;
                treeThreshold[node] = threshold;
                if (feature >= 0) gain[feature] += splitGain;
                else treeFeature[node] = 0; // no split: every bin is ≤ 255, so all rows go left
                // Stable partition of the node's run into its children's.
                var left = 2 * node + 1;
                var right = left + 1;
                var column = rows.Columns[treeFeature[node]];
                int write = start[node], spill = 0;
                for (var k = start[node]; k < end[node]; k++)
                {
                    var r = order[k];
                    if (column[r] > treeThreshold[node]) scratch[spill++] = r;
                    else order[write++] = r;
                }
                Array.Copy(scratch, 0, order, write, spill);
                (start[left], end[left], start[right], end[right]) = (start[node], write, write, end[node]);
            }
            for (var leaf = 0; leaf < leaves; leaf++)
            {
                var node = internalNodes + leaf;
                double sg = 0, sh = 0;
                for (var k = start[node]; k < end[node]; k++)
                {
                    sg += g[order[k]];
                    sh += h[order[k]];
                }
                leafValues.Add(end[node] > start[node] ? -o.LearningRate * sg / (sh + o.LeafPenalty) : 0);
            }
            features.AddRange(treeFeature);
            thresholds.AddRange(treeThreshold);
            gains.Add(gain);
            var leafBase = leafValues.Count - leaves;
            Update(rows, score);
            if (validation is not null)
            {
                Update(validation, validationScore);
                var loss = 0.0;
                for (var i = 0; i < validation.Count; i++)
                    loss += AcceptanceMetrics.Softplus(validationScore[i]) - (validation.Accepted[i] ? validationScore[i] : 0);
                loss /= validation.Count;
                if (loss < bestLoss - 1e-9) (bestLoss, bestTrees) = (loss, t + 1);
                else if (t + 1 - bestTrees >= o.Patience) break;
            }
            else bestTrees = t + 1;

            void Update(BinnedRows on, double[] scores)
            {
                for (var i = 0; i < on.Count; i++)
                {
                    var node = 0;
                    for (var d = 0; d < depth; d++) node = 2 * node + 1 + (on.Columns[treeFeature[node]][i] > treeThreshold[node] ? 1 : 0);
                    scores[i] += leafValues[leafBase + node - internalNodes];
                }
            }
        }
        var importance = new double[columns];
        for (var t = 0; t < bestTrees; t++)
            for (var c = 0; c < columns; c++) importance[c] += gains[t][c];
        var model = new BoostedTrees(depth, bestTrees, features.Take(bestTrees * internalNodes).ToArray(),
            thresholds.Take(bestTrees * internalNodes).ToArray(), leafValues.Take(bestTrees * leaves).ToArray(), bias, importance);
        return (model, validation is null ? double.NaN : bestLoss);

        void Build(int node)
        {
            var hist = histograms[node];
            Array.Clear(hist);
            var (from, to) = (start[node], end[node]);
            void Column(int c)
            {
                var column = rows.Columns[c];
                var offset = bins.Offsets[c] * 3;
                for (var k = from; k < to; k++)
                {
                    var r = order[k];
                    var at = offset + column[r] * 3;
                    hist[at] += g[r];
                    hist[at + 1] += h[r];
                    hist[at + 2] += 1;
                }
            }
            // Columns are independent: two cores share them when the node is big enough to pay for the hand-over.
            if ((long)(to - from) * columns >= 200_000) Parallel.For(0, columns, Column);
            else for (var c = 0; c < columns; c++) Column(c);
        }

        (int Feature, byte Threshold, double Gain) BestSplit(double[] hist, int count)
        {
            if (count < 2 * o.MinLeafRows) return (-1, 255, 0);
            double totalG = 0, totalH = 0;
            for (var b = 0; b < bins.Counts[0]; b++)
            {
                totalG += hist[b * 3];
                totalH += hist[b * 3 + 1];
            }
            var parentScore = totalG * totalG / (totalH + o.LeafPenalty);
            var best = (Feature: -1, Threshold: (byte)255, Gain: 1e-9);
            for (var c = 0; c < columns; c++)
            {
                var offset = bins.Offsets[c] * 3;
                double gl = 0, hl = 0, nl = 0;
                for (var b = 0; b < bins.Counts[c] - 1; b++)
                {
                    var at = offset + b * 3;
                    gl += hist[at];
                    hl += hist[at + 1];
                    nl += hist[at + 2];
                    if (nl < o.MinLeafRows) continue;
                    if (count - nl < o.MinLeafRows) break;
                    var gr = totalG - gl;
                    var hr = totalH - hl;
                    var splitGain = gl * gl / (hl + o.LeafPenalty) + gr * gr / (hr + o.LeafPenalty) - parentScore;
                    if (splitGain > best.Gain) best = (c, (byte)b, splitGain);
                }
            }
            return best.Feature < 0 ? (-1, 255, 0) : best;
        }
    }
}
