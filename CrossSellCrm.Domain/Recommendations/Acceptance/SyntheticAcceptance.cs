namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Generated offers with a known truth, for tests and benchmarks: six numeric and four categorical columns, and
/// P(accepted) = σ(η) with η a known sum of a linear, a curved and a categorical part and one interaction — or, with
/// <c>signal: false</c>, the same columns and a coin of the same rate. The truth's own AUC is what a learner can at best reach.
/// </summary>
internal static class SyntheticAcceptance
{
    public static (AcceptanceTable Table, double[] Truth) Generate(int rows, int seed, bool signal = true)
    {
        var random = new Random(seed);
        string[] Levels(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();
        var columns = new[]
        {
            new AcceptanceColumn("age", AcceptanceColumnKind.Numeric), new AcceptanceColumn("balance", AcceptanceColumnKind.Numeric),
            new AcceptanceColumn("recency", AcceptanceColumnKind.Numeric), new AcceptanceColumn("calls", AcceptanceColumnKind.Numeric),
            new AcceptanceColumn("noise1", AcceptanceColumnKind.Numeric), new AcceptanceColumn("noise2", AcceptanceColumnKind.Numeric),
            new AcceptanceColumn("segment", AcceptanceColumnKind.Categorical, Levels("s", 6)),
            new AcceptanceColumn("channel", AcceptanceColumnKind.Categorical, Levels("c", 4)),
            new AcceptanceColumn("region", AcceptanceColumnKind.Categorical, Levels("r", 12)),
            new AcceptanceColumn("noise3", AcceptanceColumnKind.Categorical, Levels("n", 8)),
        };
        var segmentEffect = new[] { -0.8, -0.3, 0, 0.2, 0.6, 1.2 };
        var channelEffect = new[] { 0.5, 0, -0.4, -0.9 };
        var width = columns.Length;
        var values = new double[rows * width];
        var accepted = new bool[rows];
        var truth = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = values.AsSpan(i * width, width);
            x[0] = Math.Round(18 + 60 * random.NextDouble());
            x[1] = Math.Round(Math.Exp(6 + 1.5 * Normal(random)));
            x[2] = random.Next(0, 365);
            x[3] = random.Next(1, 10);
            x[4] = Normal(random);
            x[5] = random.NextDouble();
            x[6] = random.Next(6);
            x[7] = random.Next(4);
            x[8] = random.Next(12);
            x[9] = random.Next(8);
            if (random.NextDouble() < 0.02) x[1] = double.NaN; // some balances unknown
            var age = (x[0] - 48) / 17;
            var eta = -2.2 + 0.9 * age * age - 0.5 * age                     // curved: the young and the old accept more
                + 0.35 * (double.IsNaN(x[1]) ? 0 : Math.Log(x[1]) - 6)
                - 0.004 * x[2] - 0.15 * (x[3] - 5)
                + segmentEffect[(int)x[6]] + channelEffect[(int)x[7]]
                + (x[6] >= 4 && x[2] < 60 ? 0.8 : 0);                        // interaction: good segments answer a recent contact
            truth[i] = AcceptanceMetrics.Sigmoid(eta);
        }
        var rate = truth.Average();
        for (var i = 0; i < rows; i++) accepted[i] = random.NextDouble() < (signal ? truth[i] : rate);
        if (!signal) Array.Fill(truth, rate);
        return (new AcceptanceTable(new AcceptanceSchema(columns), values, accepted), truth);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
