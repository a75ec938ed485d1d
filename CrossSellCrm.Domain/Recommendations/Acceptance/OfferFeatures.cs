using System.Globalization;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>A decided offer as the acceptance model sees it: who, what, when, how, and the answer.</summary>
/// <param name="ShownProbability">The chance the engine's policy gave the offer of being shown where it was (exploration logs it); null when unknown.</param>
public sealed record DecidedOffer(long Id, int CustomerId, int ProductId, int? AnchorProductId, DateTime At, ContactChannel Channel, int Rank, string? Rep, bool Accepted,
    double? ShownProbability = null);

/// <summary>A customer's profile, which does not change with time (a birth date, not an age).</summary>
public sealed record OfferCustomer(int Id, DateOnly? BirthDate, Gender Gender, IncomeBand Income, EducationLevel Education, string Country, string? Region,
    string? Lifestyle, IReadOnlyList<string> Interests);

public sealed record OfferProduct(int Id, string Sku, int CategoryId, string Category, double Price, double Margin);

/// <summary>One order line with its time: the customer's history, of which only what came before an offer may be used.</summary>
public sealed record HistoryLine(int CustomerId, int OrderId, int ProductId, int CategoryId, DateTime At, double Revenue);

/// <summary>Receives one offer's feature values, by their index in <see cref="OfferFeatures.Columns"/> (a struct: no allocation per value).</summary>
public interface IOfferFeatureSink
{
    void Number(int column, double? value);
    void Category(int column, string? value);
}

/// <summary>
/// What a customer is at one moment, from what happened strictly before it: computed once, then written for every product
/// offered (or weighed) at that moment. The offline export and the live engine both go through it, so a model is scored on
/// exactly the features it was trained on.
/// </summary>
public sealed class OfferMoment
{
    private readonly HashSet<int> _categories = [];
    private readonly Dictionary<int, DateTime> _lastBought = [];

    /// <param name="history">The customer's order lines, sorted by time; only those strictly before <paramref name="at"/> are read.</param>
    /// <param name="answers">The customer's decided offers (any order); only those strictly before <paramref name="at"/> count.</param>
    public OfferMoment(OfferCustomer? customer, ReadOnlySpan<HistoryLine> history, IEnumerable<(DateTime At, bool Accepted)> answers, DateTime at)
    {
        (Customer, At) = (customer, at);
        var orders = new HashSet<int>();
        foreach (var line in history)
        {
            if (line.At >= at) break;
            orders.Add(line.OrderId);
            Revenue += line.Revenue;
            _categories.Add(line.CategoryId);
            _lastBought[line.ProductId] = line.At;
            LastAt = line.At;
        }
        Orders = orders.Count;
        foreach (var (answeredAt, accepted) in answers)
        {
            if (answeredAt >= at) continue;
            OffersBefore++;
            if (accepted) AcceptedBefore++;
            else if (answeredAt >= at.AddDays(-30)) DeclinedLast30Days++;
        }
    }

    public OfferCustomer? Customer { get; }
    public DateTime At { get; }
    public DateTime? LastAt { get; }
    public int Orders { get; }
    public double Revenue { get; }
    public int OffersBefore { get; }
    public int AcceptedBefore { get; }
    public int DeclinedLast30Days { get; }

    public bool OwnsCategory(int category) => _categories.Contains(category);
    public DateTime? LastBought(int product) => _lastBought.TryGetValue(product, out var at) ? at : null;
    public int CategoriesOwned => _categories.Count;
}

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

    /// <summary>Columns before this index describe the row (id, time, answer), not the offer: they are never features.</summary>
    public const int FirstFeature = 3;

    private static readonly HashSet<string> Categorical = ["gender", "income", "education", "country", "region", "lifestyle", "product", "category", "channel", "rep"];

    public static bool IsCategorical(string column) => Categorical.Contains(column);

    /// <summary>The header and one row per offer (invariant culture, empty = unknown), in the offers' order.</summary>
    /// <param name="history">Every order line of the customers (any order); sorted here.</param>
    public static IEnumerable<string[]> Rows(IReadOnlyList<DecidedOffer> offers, IReadOnlyDictionary<int, OfferCustomer> customers,
        IReadOnlyDictionary<int, OfferProduct> products, IEnumerable<HistoryLine> history)
    {
        foreach (var (offer, moment, product) in Moments(offers, customers, products, history))
        {
            var sink = new TextSink(new string[Columns.Count]);
            sink.Values[0] = offer.Id.ToString(CultureInfo.InvariantCulture);
            sink.Values[1] = offer.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            sink.Values[2] = offer.Accepted ? "yes" : "no";
            Write(moment, product, offer.AnchorProductId, offer.Channel, offer.Rank, offer.Rep, ref sink);
            yield return sink.Values;
        }
    }

    /// <summary>Each offer whose product is known with the customer's moment just before it, in the offers' order.</summary>
    public static IEnumerable<(DecidedOffer Offer, OfferMoment Moment, OfferProduct Product)> Moments(IReadOnlyList<DecidedOffer> offers,
        IReadOnlyDictionary<int, OfferCustomer> customers, IReadOnlyDictionary<int, OfferProduct> products, IEnumerable<HistoryLine> history)
    {
        var lines = history.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.At).ToArray());
        var answers = offers.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.Select(o => (o.At, o.Accepted)).ToArray());
        foreach (var offer in offers)
        {
            if (!products.TryGetValue(offer.ProductId, out var product)) continue;
            var moment = new OfferMoment(customers.GetValueOrDefault(offer.CustomerId), lines.GetValueOrDefault(offer.CustomerId) ?? [],
                answers.GetValueOrDefault(offer.CustomerId) ?? [], offer.At);
            yield return (offer, moment, product);
        }
    }

    /// <summary>The features of offering <paramref name="product"/> at the moment, column by column (from <see cref="FirstFeature"/>).</summary>
    public static void Write<TSink>(OfferMoment moment, OfferProduct product, int? anchorProductId, ContactChannel channel, int rank, string? rep, ref TSink sink)
        where TSink : IOfferFeatureSink, allows ref struct
    {
        var customer = moment.Customer;
        var at = moment.At;
        sink.Number(3, customer?.BirthDate is { } born ? Age(born, DateOnly.FromDateTime(at)) : null);
        sink.Category(4, customer?.Gender.ToString());
        sink.Category(5, customer?.Income.ToString());
        sink.Category(6, customer?.Education.ToString());
        sink.Category(7, customer?.Country);
        sink.Category(8, customer?.Region);
        sink.Category(9, customer?.Lifestyle);
        sink.Number(10, Flag(customer is not null && InterestMatch(customer.Interests, product.Category)));
        sink.Number(11, moment.LastAt is { } last ? (at - last).TotalDays : null);
        sink.Number(12, moment.Orders);
        sink.Number(13, moment.Revenue);
        sink.Number(14, moment.CategoriesOwned);
        sink.Number(15, Flag(moment.OwnsCategory(product.CategoryId)));
        sink.Number(16, Flag(moment.LastBought(product.Id) is not null));
        sink.Number(17, anchorProductId is { } anchor && moment.LastBought(anchor) is { } anchorAt ? (at - anchorAt).TotalDays : null);
        sink.Number(18, moment.OffersBefore);
        sink.Number(19, moment.AcceptedBefore);
        sink.Number(20, moment.DeclinedLast30Days);
        sink.Category(21, product.Sku);
        sink.Category(22, product.Category);
        sink.Number(23, product.Price);
        sink.Number(24, product.Margin);
        sink.Number(25, product.Price > 0 ? product.Margin / product.Price : 0);
        sink.Category(26, channel.ToString());
        sink.Number(27, rank);
        sink.Category(28, rep ?? "");
    }

    /// <summary>Whether one of the customer's interests is in the product's category name (the feature "interest-match", and the fact a reason may say).</summary>
    internal static bool InterestMatch(IReadOnlyList<string> interests, string category)
    {
        foreach (var interest in interests)
            if (category.Contains(interest, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    internal static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);

    private static double Flag(bool value) => value ? 1 : 0;

    /// <summary>The CSV's text: numbers rounded to two places in the invariant culture, empty for unknown.</summary>
    private readonly struct TextSink(string[] values) : IOfferFeatureSink
    {
        public string[] Values { get; } = values;
        public void Number(int column, double? value) =>
            Values[column] = value is { } v ? Math.Round(v, 2).ToString(CultureInfo.InvariantCulture) : "";
        public void Category(int column, string? value) => Values[column] = value ?? "";
    }
}
