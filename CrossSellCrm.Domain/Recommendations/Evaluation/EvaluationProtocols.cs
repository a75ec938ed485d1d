using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>Which question an offline evaluation asks of a recommender.</summary>
public enum EvaluationProtocol
{
    /// <summary>
    /// The engine's job: a customer has just ordered. History = everything before the split and the customer's first
    /// order after it; targets = products new to them bought in the following <c>horizon</c> days.
    /// </summary>
    PostPurchase,
    /// <summary>History = everything before the split; targets = everything new the customer bought after it.</summary>
    Horizon,
    /// <summary>History = everything before the split; targets = what is new in the customer's baskets in [split, split + horizon).</summary>
    Window,
    /// <summary>No customers: in each basket after the split the last item is hidden and the others are the history.</summary>
    BasketCompletion,
}

/// <summary>The test cases of each protocol, built from purchase events and a split time; nothing after a case's moment is in its history.</summary>
public static class EvaluationProtocols
{
    public static string Name(EvaluationProtocol protocol) => protocol switch
    {
        EvaluationProtocol.PostPurchase => "post-purchase",
        EvaluationProtocol.Horizon => "horizon",
        EvaluationProtocol.Window => "window",
        _ => "basket-completion",
    };

    public static string Describe(EvaluationProtocol protocol, int horizonDays) => protocol switch
    {
        EvaluationProtocol.PostPurchase => $"post-purchase: history up to and including each customer's first order after the split; targets = products new to them bought in the next {horizonDays} days",
        EvaluationProtocol.Horizon => "horizon: history before the split; targets = every product new to the customer bought after it",
        EvaluationProtocol.Window => $"window: history before the split; targets = items new to the customer in their baskets of the next {horizonDays} days",
        _ => "basket completion: the last item of each later basket hidden, the rest of the basket as history",
    };

    /// <summary>Whether the protocol learns from customers (a row per customer) rather than from baskets.</summary>
    public static bool ByCustomer(EvaluationProtocol protocol) => protocol != EvaluationProtocol.BasketCompletion;

    /// <param name="withoutTargets">
    /// Keep the customers who bought nothing new: an evaluation leaves them out (no hit is possible), but a model whose
    /// probabilities are shown must learn from them too, or it would think everyone buys something.
    /// </param>
    public static List<EvaluationCase> Cases(IReadOnlyList<PurchaseEvent> events, DateTime split, EvaluationProtocol protocol, int horizonDays,
        bool withoutTargets = false) => protocol switch
    {
        EvaluationProtocol.PostPurchase => PostPurchase(events, split, horizonDays, withoutTargets),
        EvaluationProtocol.Horizon => Later(events, split, DateTime.MaxValue, withoutTargets),
        EvaluationProtocol.Window => Later(events, split, split.AddDays(horizonDays), withoutTargets),
        _ => OfflineEvaluation.BasketCompletionCases(events, split),
    };

    /// <summary>History before the split; targets = items new to the customer bought in [split, until).</summary>
    private static List<EvaluationCase> Later(IReadOnlyList<PurchaseEvent> events, DateTime split, DateTime until, bool withoutTargets) =>
        events.GroupBy(e => e.Customer)
            .Select(g =>
            {
                var history = g.Where(e => e.At < split).Select(e => new Purchase(e.Item, e.At, e.Basket)).ToList();
                var owned = history.Select(h => h.ProductId).ToHashSet();
                var relevant = g.Where(e => e.At >= split && e.At < until && !owned.Contains(e.Item)).Select(e => e.Item).ToHashSet();
                return new EvaluationCase(g.Key, history, relevant, split);
            })
            .Where(c => c.History.Count > 0 && (withoutTargets || c.Relevant.Count > 0))
            .OrderBy(c => c.Customer)
            .ToList();

    private static List<EvaluationCase> PostPurchase(IReadOnlyList<PurchaseEvent> events, DateTime split, int horizonDays, bool withoutTargets)
    {
        var cases = new List<EvaluationCase>();
        foreach (var g in events.GroupBy(e => e.Customer).OrderBy(g => g.Key))
        {
            var after = g.Where(e => e.At >= split).ToList();
            if (after.Count == 0) continue;
            // The first order after the split: the earliest event's basket (an order's lines share its time and basket).
            var first = after.MinBy(e => (e.At, e.Basket));
            var history = g.Where(e => e.At < split || e.Basket == first.Basket).Select(e => new Purchase(e.Item, e.At, e.Basket)).ToList();
            var owned = history.Select(h => h.ProductId).ToHashSet();
            var until = first.At.AddDays(horizonDays);
            var relevant = after.Where(e => e.Basket != first.Basket && e.At >= first.At && e.At <= until && !owned.Contains(e.Item))
                .Select(e => e.Item).ToHashSet();
            if (withoutTargets || relevant.Count > 0) cases.Add(new EvaluationCase(g.Key, history, relevant, first.At));
        }
        return cases;
    }

    /// <summary>The time that puts the given share of baskets (in time order) before it: a basket is at its first line's time.</summary>
    public static DateTime SplitAtBasketFraction(IReadOnlyList<PurchaseEvent> events, double trainFraction)
    {
        var times = events.GroupBy(e => e.Basket).Select(g => g.Min(e => e.At)).Order().ToList();
        return times[Math.Clamp((int)(times.Count * trainFraction), 0, times.Count - 1)];
    }
}
