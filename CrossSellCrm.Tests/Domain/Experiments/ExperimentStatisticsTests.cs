using CrossSellCrm.Domain.Experiments.Statistics;

namespace CrossSellCrm.Tests.Domain.Experiments;

/// <summary>The statistics against values worked out by hand and against textbook tables.</summary>
public class ExperimentStatisticsTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959964, 0.975)]
    [InlineData(-1.644854, 0.05)]
    [InlineData(2.326348, 0.99)]
    public void The_normal_distribution_matches_its_table(double z, double p)
    {
        Assert.Equal(p, NormalDistribution.Cdf(z), 6);
        Assert.Equal(z, NormalDistribution.Quantile(p), 5);
    }

    [Fact]
    public void A_two_proportion_z_test_matches_the_hand_computation()
    {
        // 100 of 1,000 against 130 of 1,000. Pooled p = 0.115; SE = √(0.115 · 0.885 · (1/1000 + 1/1000)) = 0.0142671;
        // z = 0.03 / 0.0142671 = 2.1027; two-sided p = 0.0355. Unpooled SE = √(0.09/1000 + 0.1131/1000) = 0.0142513, so the
        // 95 % interval of the difference is 0.03 ± 1.959964 · 0.0142513 = [0.00207, 0.05793].
        var c = ProportionComparison.Of(100, 1000, 130, 1000);
        Assert.Equal(0.03, c.Difference, 10);
        Assert.Equal(2.1027, c.Z, 3);
        Assert.Equal(0.03549, c.P, 4);
        Assert.Equal(0.00207, c.DifferenceLow, 4);
        Assert.Equal(0.05793, c.DifferenceHigh, 4);
        Assert.True(c.Significant);
        // Relative lift 0.3; delta-method SE = √(0.1131/1000/0.01 + 0.0169 · 0.09/1000/0.0001) = √(0.01131 + 0.01521) = 0.162849.
        Assert.Equal(0.3, c.RelativeLift!.Value, 10);
        Assert.Equal(0.3 - 1.959964 * 0.162849, c.RelativeLow!.Value, 4);
        Assert.Equal(0.3 + 1.959964 * 0.162849, c.RelativeHigh!.Value, 4);
    }

    [Fact]
    public void No_difference_is_not_significant_and_a_zero_control_has_no_relative_lift()
    {
        var same = ProportionComparison.Of(50, 500, 50, 500);
        Assert.Equal(0, same.Z, 10);
        Assert.Equal(1, same.P, 6);
        Assert.False(same.Significant);
        Assert.Null(ProportionComparison.Of(0, 100, 5, 100).RelativeLift);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionComparison.Of(11, 10, 1, 10));
    }

    [Theory]
    // Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed.), table A.4 without continuity correction:
    // α = 0.05 two-sided, power 0.80. p₀ = 0.10 → p₁ = 0.15: 686 per group; 0.20 → 0.30: 294; 0.05 → 0.10: 435.
    [InlineData(0.10, 0.05, 686)]
    [InlineData(0.20, 0.10, 294)]
    [InlineData(0.05, 0.05, 435)]
    public void The_sample_size_matches_the_textbook_table(double baseline, double effect, int perGroup) =>
        Assert.Equal(perGroup, SampleSize.ForProportions(baseline, effect));

    [Fact]
    public void Unequal_allocation_needs_more_in_all_and_means_follow_their_formula()
    {
        var equal = SampleSize.ForProportions(0.1, 0.05);
        var control = SampleSize.ForProportions(0.1, 0.05, ratio: 0.25); // a variant a quarter of the control's size
        Assert.True(control + control * 0.25 > 2 * equal);
        // (1.959964 + 0.841621)² · 10² · 2 / 2² = 7.84887 · 200 / 4 = 392.4 → 393.
        Assert.Equal(393, SampleSize.ForMeans(10, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForProportions(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForProportions(0.95, 0.1));
    }

    [Fact]
    public void The_bootstrap_interval_covers_a_known_difference_of_means()
    {
        var random = new Random(3);
        var control = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.2 ? 50 + random.NextDouble() * 100 : 0).ToArray();
        var variant = control.Select(x => x + 5).ToArray(); // every customer 5 more
        var m = MeanComparison.OfMeans(control, variant, seed: 1);
        Assert.Equal(5, m.Difference, 8);
        Assert.True(m.DifferenceLow < 5 && m.DifferenceHigh > 5);
        Assert.True(m.Significant);
        Assert.True(m.P < 0.01);
        var none = MeanComparison.OfMeans(control, control, seed: 1);
        Assert.False(none.Significant);
    }

    [Fact]
    public void An_A_A_test_finds_a_difference_in_about_five_percent_of_experiments()
    {
        // 1,000 experiments on synthetic traffic where both arms convert at 10 %: the test must cry wolf about 5 % of the time.
        var random = new Random(20261201);
        var falseAlarms = 0;
        for (var e = 0; e < 1000; e++)
        {
            var (a, b) = (Binomial(random, 1000, 0.10), Binomial(random, 1000, 0.10));
            if (ProportionComparison.Of(a, 1000, b, 1000).P < 0.05) falseAlarms++;
        }
        Assert.InRange(falseAlarms / 1000.0, 0.035, 0.065);
    }

    [Fact]
    public void A_true_lift_is_found_with_the_planned_power()
    {
        // 10 % → 15 % with the planned 686 customers per arm: found in about 80 % of 1,000 experiments.
        var n = SampleSize.ForProportions(0.10, 0.05);
        var random = new Random(7);
        var found = 0;
        for (var e = 0; e < 1000; e++)
        {
            var c = ProportionComparison.Of(Binomial(random, n, 0.10), n, Binomial(random, n, 0.15), n);
            if (c.P < 0.05 && c.Difference > 0) found++;
        }
        Assert.InRange(found / 1000.0, 0.76, 0.84);
    }

    private static int Binomial(Random random, int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++) if (random.NextDouble() < p) k++;
        return k;
    }
}
