using CrossSellCrm.Domain.Recommendations.Acceptance;

namespace CrossSellCrm.Tests.Domain.Acceptance;

public class PlattCalibrationTests
{
    [Fact]
    public void Fit_BadlyScaledScore_BecomesCalibrated()
    {
        // The truth: log-odds z ~ N(−2, 1). The score a learner gives: (z − 1) / 3, squashed and shifted — it ranks right,
        // its probabilities are wrong. Calibrated on one half, judged on the other.
        var random = new Random(5);
        const int n = 40_000;
        var truth = new double[n];
        var score = new double[n];
        var accepted = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var z = -2 + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            truth[i] = 1 / (1 + Math.Exp(-z));
            score[i] = (z - 1) / 3;
            accepted[i] = random.NextDouble() < truth[i];
        }
        var half = n / 2;
        var calibration = PlattCalibration.Fit(score.AsSpan(0, half), accepted.AsSpan(0, half));
        Assert.InRange(calibration.Slope, 2.8, 3.2);      // undoes the / 3
        Assert.InRange(calibration.Intercept, 0.8, 1.2);  // and the − 1
        var raw = score[half..].Select(s => 1 / (1 + Math.Exp(-s))).ToArray();
        var calibrated = score[half..].Select(calibration.Apply).ToArray();
        var test = accepted[half..];
        var truthBrier = AcceptanceMetrics.Brier(truth[half..], test);
        var rawBrier = AcceptanceMetrics.Brier(raw, test);
        Assert.True(rawBrier > truthBrier + 0.01, $"raw {rawBrier:F4}, truth {truthBrier:F4}");
        Assert.InRange(AcceptanceMetrics.Brier(calibrated, test), truthBrier - 0.002, truthBrier + 0.002);
        // Calibrated in the large and in each tenth of the scores: the mean probability is the observed rate.
        var byScore = Enumerable.Range(0, test.Length).OrderBy(i => calibrated[i]).ToArray();
        foreach (var decile in byScore.Chunk(byScore.Length / 10))
            Assert.InRange(decile.Average(i => calibrated[i]) - decile.Average(i => test[i] ? 1.0 : 0.0), -0.03, 0.03);
    }

    [Fact]
    public void Fit_OneOutcomeOnly_LeavesTheScoreAsItIs() =>
        Assert.Equal(PlattCalibration.Identity, PlattCalibration.Fit([0.1, 2, -1], [true, true, true]));

    [Fact]
    public void Fit_SeparatedScores_StayFinite()
    {
        var calibration = PlattCalibration.Fit([-3, -2, -1, 1, 2, 3], [false, false, false, true, true, true]);
        Assert.True(double.IsFinite(calibration.Slope) && calibration.Slope > 0);
        Assert.InRange(calibration.Apply(3), 0.7, 1);
    }
    [Fact]
    public void Fit_IntegerWeights_AreDuplicatedScores_AndMoveTheRate()
    {
        var random = new Random(6);
        var scores = Enumerable.Range(0, 400).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var accepted = scores.Select(s => random.NextDouble() < 1 / (1 + Math.Exp(-2 * s))).ToArray();
        // The declined offers count three times: the calibrated rate must fall to what three copies of each would say.
        var weights = accepted.Select(a => a ? 1.0 : 3.0).ToArray();
        var weighted = PlattCalibration.Fit(scores, accepted, weights);
        var copies = Enumerable.Range(0, scores.Length).SelectMany(i => Enumerable.Repeat(i, (int)weights[i])).ToArray();
        var duplicated = PlattCalibration.Fit(copies.Select(i => scores[i]).ToArray(), copies.Select(i => accepted[i]).ToArray());
        Assert.Equal(duplicated.Slope, weighted.Slope, 6);
        Assert.Equal(duplicated.Intercept, weighted.Intercept, 6);
        var plain = PlattCalibration.Fit(scores, accepted);
        Assert.True(weighted.Intercept < plain.Intercept - 0.5, $"weighted intercept {weighted.Intercept:F3}, unweighted {plain.Intercept:F3}");
        Assert.Equal(plain, PlattCalibration.Fit(scores, accepted, Enumerable.Repeat(1.0, scores.Length).ToArray()));
    }
}
