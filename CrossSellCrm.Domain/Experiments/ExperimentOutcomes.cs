using CrossSellCrm.Domain.Recommendations;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>A customer measured from a moment on: their arm (or none, for the planner's history) and when their window opened.</summary>
public sealed record MeasuredCustomer(int CustomerId, string Arm, DateTime From);

public sealed record MeasuredLine(int CustomerId, int OrderId, int ProductId, DateTime At, double Revenue);

public sealed record MeasuredOffer(int CustomerId, DateTime At, OfferOutcome Outcome);

/// <summary>One customer's outcome over their window.</summary>
/// <param name="Converted">Accepted at least one offer in the window.</param>
/// <param name="CrossSellRevenue">Revenue in the window of products the customer had never bought before it opened — through an offer or not, so a holdout arm is measured the same way.</param>
/// <param name="Revenue">All revenue in the window.</param>
/// <param name="WindowClosed">The whole window lies in the past.</param>
public readonly record struct CustomerOutcome(
    int CustomerId, string Arm, DateTime From, bool Converted, double CrossSellRevenue, double Revenue, int Orders,
    int OffersPresented, int OffersAccepted, bool WindowClosed);

/// <summary>
/// The experiment metrics per customer — the unit that was randomised — over a fixed window from their first exposure.
/// The same definitions size an experiment (the planner measures the recent past with them) and read it.
/// </summary>
public static class ExperimentOutcomes
{
    /// <param name="lines">Every order line of the customers, of any date: what they bought before the window tells "new to them".</param>
    public static List<CustomerOutcome> Of(IReadOnlyList<MeasuredCustomer> customers, IEnumerable<MeasuredLine> lines,
        IEnumerable<MeasuredOffer> offers, int windowDays, DateTime now)
    {
        var linesOf = lines.ToLookup(l => l.CustomerId);
        var offersOf = offers.ToLookup(o => o.CustomerId);
        var window = TimeSpan.FromDays(windowDays);
        var result = new List<CustomerOutcome>(customers.Count);
        foreach (var c in customers)
        {
            var until = c.From + window;
            var owned = new HashSet<int>();
            double crossSell = 0, revenue = 0;
            var orders = new HashSet<int>();
            foreach (var line in linesOf[c.CustomerId].OrderBy(l => l.At))
            {
                if (line.At < c.From) { owned.Add(line.ProductId); continue; }
                if (line.At >= until) break;
                revenue += line.Revenue;
                orders.Add(line.OrderId);
                if (!owned.Contains(line.ProductId)) crossSell += line.Revenue;
            }
            int presented = 0, accepted = 0;
            foreach (var offer in offersOf[c.CustomerId])
            {
                if (offer.At < c.From || offer.At >= until) continue;
                presented++;
                if (offer.Outcome == OfferOutcome.Accepted) accepted++;
            }
            result.Add(new CustomerOutcome(c.CustomerId, c.Arm, c.From, accepted > 0, crossSell, revenue, orders.Count, presented, accepted, until <= now));
        }
        return result;
    }
}
