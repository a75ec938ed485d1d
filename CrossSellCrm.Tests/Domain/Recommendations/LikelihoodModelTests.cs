using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Likelihood;

namespace CrossSellCrm.Tests.Domain.Recommendations;

/// <summary>The learned purchase likelihood on histories made by hand, where the right answer is known.</summary>
public class LikelihoodModelTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
    private const int Phone = 1, Case = 2, OtherPhone = 3, Popular = 4, Tripod = 5, Camera = 6;

    /// <summary>
    /// 600 customers over 200 days: phone buyers add its case some days later (70 %), camera buyers a tripod (60 %);
    /// almost nobody buys a second phone; a popular item is bought by a third of everyone, whatever they own.
    /// </summary>
    private static List<PurchaseEvent> Histories(int customers = 600, int seed = 3)
    {
        var random = new Random(seed);
        var events = new List<PurchaseEvent>();
        var basket = 0;
        for (var c = 1; c <= customers; c++)
        {
            var at = Start.AddDays(random.Next(0, 170));
            if (random.NextDouble() < 0.5)
            {
                var phone = random.NextDouble() < 0.5 ? Phone : OtherPhone;
                events.Add(new(c, ++basket, at, phone));
                if (phone == Phone && random.NextDouble() < 0.7) events.Add(new(c, ++basket, at.AddDays(random.Next(1, 20)), Case));
            }
            else
            {
                events.Add(new(c, ++basket, at, Camera));
                if (random.NextDouble() < 0.6) events.Add(new(c, ++basket, at.AddDays(random.Next(1, 20)), Tripod));
            }
            if (random.NextDouble() < 0.33) events.Add(new(c, ++basket, Start.AddDays(random.Next(0, 199)), Popular));
        }
        return events;
    }

    private static LikelihoodModel Train(List<PurchaseEvent> events) =>
        LikelihoodTrainer.Train(new LikelihoodTrainingSet(events, Start.AddDays(200), EvaluationProtocol.PostPurchase), new LikelihoodSettings());

    [Fact]
    public void Score_APhoneOwner_GetsItsCaseFirst_NotTheOtherPhoneOrTheTripod()
    {
        var model = Train(Histories());
        var now = Start.AddDays(200);
        var scores = model.Score([new Purchase(Phone, now.AddDays(-3))], [], now);
        var best = scores.Best(3, item => item != Phone).Select(b => b.Item).ToList();
        Assert.Equal(Case, best[0]);
        Assert.True(scores.Probability(Case) > 3 * scores.Probability(Tripod), $"case {scores.Probability(Case):F3}, tripod {scores.Probability(Tripod):F3}");
        Assert.True(scores.Probability(Case) > scores.Probability(OtherPhone));
        Assert.InRange(scores.Probability(Case), 0.05, 0.95); // a probability, not a runaway score
    }

    [Fact]
    public void Score_ACustomerWithoutHistory_FallsBackToPopularity()
    {
        var model = Train(Histories());
        var now = Start.AddDays(200);
        var best = model.Score([], [], now).Best(3, _ => true).Select(b => b.Item).ToList();
        Assert.Equal(model.ByPopularity.Take(3), best);
        Assert.Equal(Camera, best[0]); // half of everyone
    }

    [Fact]
    public void Explain_TheOwnedPhoneIsTheLargestPart_WithItsCounts()
    {
        var events = Histories();
        var model = Train(events);
        var now = Start.AddDays(200);
        var parts = model.Score([new Purchase(Phone, now.AddDays(-3))], [], now).Explain(Case);
        var owned = parts.First(p => p.Kind == ContributionSource.Owned);
        Assert.Equal(Phone, owned.Source);
        Assert.True(owned.Logit > 0);
        // Together and holders are the training counts: customers who bought both, customers who bought the phone.
        var holders = events.Where(e => e.Item == Phone).Select(e => e.Customer).ToHashSet();
        var together = events.Where(e => e.Item == Case && holders.Contains(e.Customer)).Select(e => e.Customer).Distinct().Count();
        Assert.Equal(holders.Count, owned.SourceHolders);
        Assert.Equal(together, owned.Together);
    }

    [Fact]
    public void Train_SameEvents_SameModel_AndAnEmptyHistoryGivesTheEmptyModel()
    {
        var events = Histories();
        var now = Start.AddDays(200);
        var a = Train(events).Score([new Purchase(Camera, now.AddDays(-2))], [], now).Probability(Tripod);
        var b = Train(events).Score([new Purchase(Camera, now.AddDays(-2))], [], now).Probability(Tripod);
        Assert.Equal(a, b);
        Assert.Equal(0, Train([]).Rows);
    }

    [Fact]
    public void Logistic_RecoversKnownCoefficients_AndStaysFiniteOnALongTail()
    {
        var random = new Random(11);
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var v = random.NextDouble() * 4 - 2;
            x.Add(v);
            y.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(-1 + 2 * v))) ? 1 : 0);
        }
        var (weights, intercept) = LikelihoodTrainer.Logistic(x, y, 1);
        Assert.InRange(weights[0], 1.8, 2.2);
        Assert.InRange(intercept, -1.15, -0.85);

        // A few enormous inputs (a customer who owns a hundred related items) once made the undamped Newton run away.
        for (var i = 0; i < 20; i++) x[i] = 500 + i;
        var (w2, b2) = LikelihoodTrainer.Logistic(x, y, 1);
        Assert.True(double.IsFinite(w2[0]) && double.IsFinite(b2) && Math.Abs(b2) < 50, $"w {w2[0]}, b {b2}");
    }

    [Fact]
    public void ConditionalLogit_RecoversTheWeightsThatChoseWithinEachCase()
    {
        // 3,000 cases of six candidates; one bought per case with chance e^(1.5·a − 0.5·b) / Σ. A third input shifts
        // whole cases (like popularity shifts whole items) and cancels within a case: its weight must stay near 0.
        var random = new Random(5);
        var (x, y, groups) = (new List<double>(), new List<double>(), new List<(int, int)>());
        for (var g = 0; g < 3000; g++)
        {
            var shift = random.NextDouble() * 10;
            var rows = Enumerable.Range(0, 6).Select(_ => (A: random.NextDouble() * 2 - 1, B: random.NextDouble() * 2 - 1)).ToArray();
            var odds = rows.Select(r => Math.Exp(1.5 * r.A - 0.5 * r.B)).ToArray();
            var draw = random.NextDouble() * odds.Sum();
            var bought = 0;
            while (draw > odds[bought]) draw -= odds[bought++];
            groups.Add((y.Count, rows.Length));
            for (var i = 0; i < rows.Length; i++)
            {
                x.AddRange([rows[i].A, rows[i].B, shift]);
                y.Add(i == bought ? 1 : 0);
            }
        }
        var w = ConditionalLogit.Fit(x, y, 3, groups);
        Assert.InRange(w[0], 1.3, 1.7);
        Assert.InRange(w[1], -0.7, -0.3);
        Assert.InRange(w[2], -0.05, 0.05);

        // No case with a purchase: nothing to learn, all weights zero.
        Assert.All(ConditionalLogit.Fit(x, y.Select(_ => 0.0).ToList(), 3, groups), v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(300)] // the parallel path
    public void SymmetricInverse_TimesTheMatrix_IsTheIdentity(int n)
    {
        var random = new Random(n);
        var b = new double[n * n];
        for (var i = 0; i < b.Length; i++) b[i] = random.NextDouble() - 0.5;
        var a = new double[n * n]; // BᵀB + I: symmetric positive definite
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = i == j ? 1.0 : 0;
                for (var k = 0; k < n; k++) sum += b[k * n + i] * b[k * n + j];
                a[i * n + j] = sum;
            }
        var inverse = (double[])a.Clone();
        SymmetricInverse.InPlace(inverse, n);
        for (var i = 0; i < n; i += Math.Max(1, n / 10))
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++) sum += a[i * n + k] * inverse[k * n + j];
                Assert.Equal(i == j ? 1 : 0, sum, 8);
            }
    }
}
