using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// not improved for <see cref="Options.Patience"/> trees and keeps the best number. Rows count
    /// <see cref="BinnedRows.Weights"/> times in the gradients, the Hessians (so in the leaf values and the split gains)
    /// and the validation loss; <see cref="Options.MinLeafRows"/> counts rows, whatever they weigh.
    /// </summary>
    public static (BoostedTrees Model, double ValidationLoss) Fit(BinnedRows rows, BinnedRows? validation, FeatureBins bins, Options o, CancellationToken ct) =>
        new Booster(rows, validation, bins, o).Run(ct);

    /// <summary>
    /// One boosting run's working state, as fields rather than captured locals: the hot loops below then read plain
    /// arrays, not a closure's fields, and the parallel parts are methods rather than lambdas over half the method.
    /// </summary>
    private sealed class Booster
    {
        // Rows a parallel task takes at a time. Fixed, not per core: a node's histogram is the sum of its chunks' in
        // chunk order, so the model is the same on any machine and from run to run.
        private const int Chunk = 16_384;
        // A node of fewer row × columns is counted on one core, in row order — as every node of a small table always was,
        // so that small tables (bank.csv) learn bit for bit as before.
        private const long ParallelWork = 200_000;

        private readonly BinnedRows _rows;
        private readonly BinnedRows? _validation;
        private readonly FeatureBins _bins;
        private readonly Options _o;
        private readonly int _n, _columns, _depth, _internalNodes, _leaves;
        // Row-major bins (row × column): a histogram reads a row's bins from one cache line instead of one line per
        // column, and the tree walks that update the scores do the same.
        private readonly byte[] _packed, _validationPacked;
        private readonly int[] _histogramOffset;           // where column c's bins start in a histogram (3 numbers a bin)
        private readonly double[] _score, _validationScore, _g, _h;
        private readonly int[] _order, _scratch, _start, _end;
        private readonly double[][] _histograms;           // per internal node: Σ gradient, Σ Hessian, rows, per bin
        private readonly double[][] _partials;             // per chunk, for a large node's histogram
        private readonly int[] _feature;                   // all trees', flat, MaxTrees × internal nodes
        private readonly byte[] _threshold;
        private readonly double[] _leaf;                   // MaxTrees × leaves
        private readonly double[] _gain;                   // MaxTrees × columns
        private readonly double _validationWeight;

        public Booster(BinnedRows rows, BinnedRows? validation, FeatureBins bins, Options o)
        {
            (_rows, _validation, _bins, _o) = (rows, validation, bins, o);
            (_n, _columns, _depth) = (rows.Count, rows.Columns.Length, o.Depth);
            _internalNodes = (1 << _depth) - 1;
            _leaves = 1 << _depth;
            _packed = Pack(rows);
            _validationPacked = validation is null ? [] : Pack(validation);
            _histogramOffset = bins.Offsets.Select(offset => offset * 3).ToArray();
            _score = new double[_n];
            _validationScore = validation is null ? [] : new double[validation.Count];
            _g = new double[_n];
            _h = new double[_n];
            _order = new int[_n];
            _scratch = new int[_n];
            // A node's rows are the run _order[_start[node] .. _end[node]), kept in ascending row order (a stable
            // partition), so that building a histogram reads the rows forward.
            _start = new int[2 * _leaves];
            _end = new int[2 * _leaves];
            _histograms = new double[_internalNodes][];
            for (var i = 0; i < _internalNodes; i++) _histograms[i] = new double[bins.Total * 3];
            _partials = new double[(_n + Chunk - 1) / Chunk][];
            _feature = new int[o.MaxTrees * _internalNodes];
            _threshold = new byte[o.MaxTrees * _internalNodes];
            _leaf = new double[o.MaxTrees * _leaves];
            _gain = new double[o.MaxTrees * _columns];
            if (validation is not null) foreach (var w in validation.Weights) _validationWeight += w;
        }

        public (BoostedTrees Model, double ValidationLoss) Run(CancellationToken ct)
        {
            var (n, depth, internalNodes, leaves, o) = (_n, _depth, _internalNodes, _leaves, _o);
            double positives = 0, negatives = 0;
            for (var i = 0; i < n; i++)
            {
                if (_rows.Accepted[i]) positives += _rows.Weights[i];
                else negatives += _rows.Weights[i];
            }
            var bias = Math.Log((positives + 0.5) / (negatives + 0.5));
            Array.Fill(_score, bias);
            Array.Fill(_validationScore, bias);
            var random = new Random(o.Seed);
            var bestLoss = double.PositiveInfinity;
            var bestTrees = 0;
            for (var t = 0; t < o.MaxTrees; t++)
            {
                ct.ThrowIfCancellationRequested();
                ForRows(n, Gradients);
                // Stochastic gradient boosting: each tree learns from a fresh draw of the rows.
                var order = _order;
                var m = 0;
                for (var i = 0; i < n; i++)
                    if (o.Subsample >= 1 || random.NextDouble() < o.Subsample) order[m++] = i;
                _start[0] = 0;
                _end[0] = m;
                var nodeBase = t * internalNodes;
                var gain = _gain.AsSpan(t * _columns, _columns);
                for (var node = 0; node < internalNodes; node++)
                {
                    if (node == 0) Build(node);
                    else if (node % 2 == 1)
                    {
                        // The smaller of two siblings is counted; the larger is its parent minus it.
                        var sibling = node + 1;
                        var parent = (node - 1) / 2;
                        var smaller = _end[node] - _start[node] <= _end[sibling] - _start[sibling] ? node : sibling;
                        var larger = smaller == node ? sibling : node;
                        Build(smaller);
                        var ph = _histograms[parent];
                        var sh = _histograms[smaller];
                        var lh = _histograms[larger];
                        for (var i = 0; i < lh.Length; i++) lh[i] = ph[i] - sh[i];
                    }
                    var (feature, threshold, splitGain) = BestSplit(_histograms[node], _end[node] - _start[node]);
                    if (feature >= 0) gain[feature] += splitGain;
                    else (feature, threshold) = (0, 255); // no split: every bin is ≤ 255, so all rows go left
                    _feature[nodeBase + node] = feature;
                    _threshold[nodeBase + node] = threshold;
                    Partition(node, _rows.Columns[feature], threshold);
                }
                var leafBase = t * leaves;
                for (var leaf = 0; leaf < leaves; leaf++)
                {
                    var node = internalNodes + leaf;
                    double sg = 0, sh = 0;
                    for (var k = _start[node]; k < _end[node]; k++)
                    {
                        sg += _g[order[k]];
                        sh += _h[order[k]];
                    }
                    _leaf[leafBase + leaf] = _end[node] > _start[node] ? -o.LearningRate * sg / (sh + o.LeafPenalty) : 0;
                }
                _tree = t;
                ForRows(n, UpdateScores);
                if (_validation is not null)
                {
                    var loss = ValidationLoss() / _validationWeight;
                    if (loss < bestLoss - 1e-9) (bestLoss, bestTrees) = (loss, t + 1);
                    else if (t + 1 - bestTrees >= o.Patience) break;
                }
                else bestTrees = t + 1;
            }
            var importance = new double[_columns];
            for (var t = 0; t < bestTrees; t++)
                for (var c = 0; c < _columns; c++) importance[c] += _gain[t * _columns + c];
            var model = new BoostedTrees(depth, bestTrees, _feature[..(bestTrees * internalNodes)], _threshold[..(bestTrees * internalNodes)],
                _leaf[..(bestTrees * leaves)], bias, importance);
            return (model, _validation is null ? double.NaN : bestLoss);
        }

        private int _tree; // the tree the score updates add

        private static byte[] Pack(BinnedRows rows)
        {
            var (n, columns) = (rows.Count, rows.Columns.Length);
            var packed = new byte[(long)n * columns];
            for (var c = 0; c < columns; c++)
            {
                var column = rows.Columns[c];
                for (var i = 0; i < n; i++) packed[i * columns + c] = column[i];
            }
            return packed;
        }

        /// <summary>Runs <paramref name="body"/> over [0, count) in chunks, on all cores when there are several.</summary>
        private static void ForRows(int count, Action<int, int> body)
        {
            var chunks = (count + Chunk - 1) / Chunk;
            if (chunks <= 1) body(0, count);
            else Parallel.For(0, chunks, k => body(k * Chunk, Math.Min(count, (k + 1) * Chunk)));
        }

        private void Gradients(int from, int to)
        {
            var (score, g, h, accepted, weights) = (_score, _g, _h, _rows.Accepted, _rows.Weights);
            for (var i = from; i < to; i++)
            {
                var p = AcceptanceMetrics.Sigmoid(score[i]);
                g[i] = (p - (accepted[i] ? 1 : 0)) * weights[i];
                h[i] = Math.Max(p * (1 - p), 1e-12) * weights[i];
            }
        }

        /// <summary>Adds the tree just grown to the training rows' scores (each row walks it; rows left out of its draw too).</summary>
        private void UpdateScores(int from, int to) => Walk(_packed, _score, from, to);

        private void Walk(byte[] packed, double[] scores, int from, int to)
        {
            var (columns, depth, internalNodes) = (_columns, _depth, _internalNodes);
            var feature = _feature.AsSpan(_tree * internalNodes, internalNodes);
            var threshold = _threshold.AsSpan(_tree * internalNodes, internalNodes);
            var leaf = _leaf.AsSpan(_tree * _leaves, _leaves);
            for (var i = from; i < to; i++)
            {
                var row = packed.AsSpan(i * columns, columns);
                var node = 0;
                for (var d = 0; d < depth; d++) node = 2 * node + 1 + (row[feature[node]] > threshold[node] ? 1 : 0);
                scores[i] += leaf[node - internalNodes];
            }
        }

        /// <summary>
        /// Adds the tree to the validation rows' scores and returns their weighted loss, Σ w·(softplus(s) − y·s). In row
        /// order on one core for a small validation (as before); in fixed chunks summed in order for a large one.
        /// </summary>
        private double ValidationLoss()
        {
            var validation = _validation!;
            var count = validation.Count;
            double Part(int from, int to)
            {
                Walk(_validationPacked, _validationScore, from, to);
                var (scores, accepted, weights) = (_validationScore, validation.Accepted, validation.Weights);
                var loss = 0.0;
                for (var i = from; i < to; i++) loss += weights[i] * (AcceptanceMetrics.Softplus(scores[i]) - (accepted[i] ? scores[i] : 0));
                return loss;
            }
            var chunks = (count + Chunk - 1) / Chunk;
            if ((long)count * _columns < ParallelWork || chunks <= 1) return Part(0, count);
            var parts = new double[chunks];
            Parallel.For(0, chunks, k => parts[k] = Part(k * Chunk, Math.Min(count, (k + 1) * Chunk)));
            var sum = 0.0;
            foreach (var part in parts) sum += part;
            return sum;
        }

        private void Build(int node)
        {
            var hist = _histograms[node];
            Array.Clear(hist);
            var (from, to) = (_start[node], _end[node]);
            var chunks = (to - from + Chunk - 1) / Chunk;
            if ((long)(to - from) * _columns < ParallelWork || chunks <= 1)
            {
                Accumulate(hist, from, to);
                return;
            }
            // Each chunk of the run into its own histogram, then the chunks added in order.
            Parallel.For(0, chunks, k =>
            {
                var part = _partials[k] ??= new double[hist.Length];
                Array.Clear(part);
                Accumulate(part, from + k * Chunk, Math.Min(to, from + (k + 1) * Chunk));
            });
            for (var k = 0; k < chunks; k++)
            {
                var part = _partials[k];
                for (var i = 0; i < hist.Length; i++) hist[i] += part[i];
            }
        }

        /// <summary>
        /// The rows of the run [from, to) into <paramref name="hist"/>, row by row: a row's gradient and Hessian are read
        /// once for all its columns. The hottest loop of a training (half its time at 1,000,000 rows), so without bounds
        /// checks: every index is a bin of a row of this table, and a column's bins lie inside its histogram range.
        /// </summary>
        private void Accumulate(double[] hist, int from, int to)
        {
            var columns = _columns;
            ref var order = ref MemoryMarshal.GetArrayDataReference(_order);
            ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
            ref var h = ref MemoryMarshal.GetArrayDataReference(_h);
            ref var packed = ref MemoryMarshal.GetArrayDataReference(_packed);
            ref var offset = ref MemoryMarshal.GetArrayDataReference(_histogramOffset);
            ref var bins = ref MemoryMarshal.GetArrayDataReference(hist);
            for (var k = from; k < to; k++)
            {
                var r = Unsafe.Add(ref order, k);
                var (gr, hr) = (Unsafe.Add(ref g, r), Unsafe.Add(ref h, r));
                ref var row = ref Unsafe.Add(ref packed, (nint)r * columns);
                for (var c = 0; c < columns; c++)
                {
                    ref var at = ref Unsafe.Add(ref bins, Unsafe.Add(ref offset, c) + Unsafe.Add(ref row, c) * 3);
                    at += gr;
                    Unsafe.Add(ref at, 1) += hr;
                    Unsafe.Add(ref at, 2) += 1;
                }
            }
        }

        /// <summary>
        /// Stable partition of the node's run into its children's: bin ≤ threshold left, the rest right. Without a branch
        /// (each row written to both sides, the side it belongs to advanced): which way a row goes is a coin the processor
        /// cannot predict.
        /// </summary>
        private void Partition(int node, byte[] column, byte threshold)
        {
            var (order, scratch) = (_order, _scratch);
            var left = 2 * node + 1;
            var right = left + 1;
            int write = _start[node], spill = 0;
            for (var k = _start[node]; k < _end[node]; k++)
            {
                var r = order[k];
                var goesRight = column[r] > threshold ? 1 : 0;
                order[write] = r;
                scratch[spill] = r;
                write += 1 - goesRight;
                spill += goesRight;
            }
            Array.Copy(scratch, 0, order, write, spill);
            (_start[left], _end[left], _start[right], _end[right]) = (_start[node], write, write, _end[node]);
        }

        private (int Feature, byte Threshold, double Gain) BestSplit(double[] hist, int count)
        {
            var o = _o;
            if (count < 2 * o.MinLeafRows) return (-1, 255, 0);
            double totalG = 0, totalH = 0;
            for (var b = 0; b < _bins.Counts[0]; b++)
            {
                totalG += hist[b * 3];
                totalH += hist[b * 3 + 1];
            }
            var parentScore = totalG * totalG / (totalH + o.LeafPenalty);
            var best = (Feature: -1, Threshold: (byte)255, Gain: 1e-9);
            for (var c = 0; c < _columns; c++)
            {
                var offset = _histogramOffset[c];
                double gl = 0, hl = 0, nl = 0;
                for (var b = 0; b < _bins.Counts[c] - 1; b++)
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
