using CrossSellCrm.Domain.Experiments;

namespace CrossSellCrm.Tests.Domain.Experiments;

public class ExperimentAssignmentTests
{
    private static readonly Guid Salt = Guid.Parse("6f9d3c1e-2b4a-4e58-9c7d-0a1b2c3d4e5f");
    private static readonly (string Key, int Share)[] Arms = [("A", 45), ("B", 45), ("C", 10)];

    [Fact]
    public void The_same_customer_always_lands_in_the_same_arm()
    {
        var first = Enumerable.Range(1, 1000).Select(c => ExperimentAssignment.Arm(Salt, c, Arms, a => a.Share).Key).ToList();
        var again = Enumerable.Range(1, 1000).Select(c => ExperimentAssignment.Arm(Salt, c, Arms, a => a.Share).Key).ToList();
        Assert.Equal(first, again);
        // Pinned: a change of the hash would move every running experiment's customers to other arms.
        Assert.Equal(0.45985, ExperimentAssignment.Unit(Salt, 42), 5);
    }

    [Fact]
    public void Arms_get_their_shares()
    {
        // χ² with 2 degrees of freedom over 100,000 customers; 13.8 is its 0.1 % critical value.
        const int n = 100_000;
        var counts = Enumerable.Range(1, n).GroupBy(c => ExperimentAssignment.Arm(Salt, c, Arms, a => a.Share).Key).ToDictionary(g => g.Key, g => g.Count());
        var chi = Arms.Sum(a => Math.Pow(counts[a.Key] - n * a.Share / 100.0, 2) / (n * a.Share / 100.0));
        Assert.True(chi < 13.8, $"χ² = {chi:0.0}: {string.Join(", ", counts)}");
    }

    [Fact]
    public void Two_experiments_split_customers_independently()
    {
        // 2 × 2 contingency table of (in B of experiment 1, in B of experiment 2): χ² with 1 degree of freedom, 10.8 at 0.1 %.
        var other = Guid.Parse("0e8b7a6c-5d4f-4a3b-8c2d-1e0f9a8b7c6d");
        (string, int)[] halves = [("A", 50), ("B", 50)];
        var table = new int[2, 2];
        const int n = 40_000;
        for (var c = 1; c <= n; c++)
            table[ExperimentAssignment.Arm(Salt, c, halves, a => a.Item2).Item1 == "B" ? 1 : 0, ExperimentAssignment.Arm(other, c, halves, a => a.Item2).Item1 == "B" ? 1 : 0]++;
        var chi = 0.0;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
            {
                var expected = (double)(table[i, 0] + table[i, 1]) * (table[0, j] + table[1, j]) / n;
                chi += Math.Pow(table[i, j] - expected, 2) / expected;
            }
        Assert.True(chi < 10.8, $"χ² = {chi:0.0}");
    }
}
