using System.Globalization;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A decided offer as the acceptance model sees it: who, what, when, how, and the answer.</summary>
public sealed record DecidedOffer(long Id, int CustomerId, int ProductId, int? AnchorProductId, DateTime At, ContactChannel Channel, int Rank, string? Rep, bool Accepted);

/// <summary>A customer's profile, which does not change with time (a birth date, not an age).</summary>
public sealed record OfferCustomer(int Id, DateOnly? BirthDate, Gender Gender, IncomeBand Income, EducationLevel Education, string Country, string? Region,
    string? Lifestyle, IReadOnlyList<string> Interests);

public sealed record OfferProduct(int Id, string Sku, int CategoryId, string Category, double Price, double Margin);

/// <summary>One order line with its time: the customer's history, of which only what came before an offer may be used.</summary>
public sealed record HistoryLine(int CustomerId, int OrderId, int ProductId, int CategoryId, DateTime At, double Revenue);

/// <summary>
/// Point-in-time features of decided offers: demographics (the age on the offer's day), psychographics, RFM and behaviour
/// computed from the orders <b>before</b> the offer, the customer's earlier answers (before it), what they own of the offer's
/// kind, days since the anchor purchase, the product's price and margin, the channel and the rank. Nothing after the offer's
/// moment enters its row: a model trained on them is the model that would have been available then.
/// </summary>
public static class OfferFeatures
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "offer-id", "offered-at", "accepted",
        "age", "gender", "income", "education", "country", "region", "lifestyle", "interest-match",
        "recency-days", "orders-before", "revenue-before", "categories-owned", "owns-category", "bought-product-before", "days-since-anchor",
        "offers-before", "accepted-before", "declined-last-30-days",
        "product", "category", "price", "margin", "margin-rate", "channel", "rank", "rep",
    ];

    /// <summary>The header and one row per offer (invariant culture, empty = unknown), in the offers' order.</summary>
    /// <param name="history">Every order line of the customers (any order); sorted here.</param>
    public static IEnumerable<string[]> Rows(IReadOnlyList<DecidedOffer> offers, IReadOnlyDictionary<int, OfferCustomer> customers,
        IReadOnlyDictionary<int, OfferProduct> products, IEnumerable<HistoryLine> history)
    {
        var lines = history.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.At).ToArray());
        var answers = offers.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.At).ThenBy(o => o.Id).ToArray());
        foreach (var offer in offers)
        {
            if (!products.TryGetValue(offer.ProductId, out var product)) continue;
            customers.TryGetValue(offer.CustomerId, out var customer);
            var before = Before(lines.GetValueOrDefault(offer.CustomerId) ?? [], offer.At);
            var earlier = (answers.GetValueOrDefault(offer.CustomerId) ?? []).TakeWhile(o => o.At < offer.At).ToArray();
            var orders = before.Select(l => l.OrderId).Distinct().Count();
            var lastAt = before.Length == 0 ? (DateTime?)null : before[^1].At;
            var anchorAt = offer.AnchorProductId is { } anchor ? before.LastOrDefault(l => l.ProductId == anchor)?.At : null;
            var day = DateOnly.FromDateTime(offer.At);
            yield return
            [
                offer.Id.ToString(CultureInfo.InvariantCulture), offer.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), offer.Accepted ? "yes" : "no",
                customer?.BirthDate is { } born ? Age(born, day).ToString(CultureInfo.InvariantCulture) : "",
                customer?.Gender.ToString() ?? "", customer?.Income.ToString() ?? "", customer?.Education.ToString() ?? "", customer?.Country ?? "", customer?.Region ?? "",
                customer?.Lifestyle ?? "",
                Flag(customer is not null && customer.Interests.Any(i => product.Category.Contains(i, StringComparison.OrdinalIgnoreCase))),
                lastAt is { } last ? Number((offer.At - last).TotalDays) : "",
                orders.ToString(CultureInfo.InvariantCulture), Number(before.Sum(l => l.Revenue)),
                before.Select(l => l.CategoryId).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                Flag(before.Any(l => l.CategoryId == product.CategoryId)), Flag(before.Any(l => l.ProductId == product.Id)),
                anchorAt is { } a ? Number((offer.At - a).TotalDays) : "",
                earlier.Length.ToString(CultureInfo.InvariantCulture), earlier.Count(o => o.Accepted).ToString(CultureInfo.InvariantCulture),
                earlier.Count(o => !o.Accepted && o.At >= offer.At.AddDays(-30)).ToString(CultureInfo.InvariantCulture),
                product.Sku, product.Category, Number(product.Price), Number(product.Margin), Number(product.Price > 0 ? product.Margin / product.Price : 0),
                offer.Channel.ToString(), offer.Rank.ToString(CultureInfo.InvariantCulture), offer.Rep ?? "",
            ];
        }
    }

    /// <summary>The lines strictly before the moment (binary search over the sorted history).</summary>
    private static HistoryLine[] Before(HistoryLine[] sorted, DateTime at)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].At < at) lo = mid + 1; else hi = mid;
        }
        return sorted[..lo];
    }

    private static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
