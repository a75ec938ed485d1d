using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Mining;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>Loads what the engine needs from the database: the catalogue, curated complements, segment affinities and outcomes.</summary>
public sealed class EngineIndexLoader(IDbContextFactory<CrmDbContext> factory)
{
    /// <param name="before">Only purchases and offers before this time (offline evaluation must not see the future).</param>
    /// <param name="likelihood">A model trained already (an evaluation trains one per protocol); null: trained here, for the app's question (post-purchase).</param>
    /// <param name="memberships">Segment memberships as of <paramref name="before"/> (<see cref="Segmentation.SegmentsAsOf"/>); null: the stored ones, today's.</param>
    public async Task<NextBestOfferEngine> BuildAsync(RuleBook rules, EngineSettings settings, CancellationToken ct = default, DateTime? before = null,
        Likelihood.LikelihoodModel? likelihood = null, IReadOnlyDictionary<int, IReadOnlyList<int>>? memberships = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var replaced = await ReplacementDaysAsync(db, settings, before ?? DateTime.MaxValue, ct);
        var products = (await ProductsAsync(db, ct, before))
            .Select(p => !p.SeveralAreNormal && replaced.TryGetValue(p.CategoryId, out var age) ? p with { ReplacementDays = age } : p).ToList();
        var complements = await ComplementsAsync(db, ct);
        var until = before ?? DateTime.MaxValue;
        var affinities = memberships is null ? await SegmentAffinitiesAsync(db, until, ct) : await SegmentAffinitiesAsync(db, until, memberships, ct);
        var ledger = new OutcomeLedger(await OutcomeCountsAsync(db, until, memberships, ct));
        likelihood ??= await TrainAsync(db, complements, settings, until, ct);
        return new NextBestOfferEngine(products, complements, rules, affinities, ledger, settings, likelihood);
    }

    /// <summary>The likelihood model from every purchase before <paramref name="until"/>, tuned for the app's question: what a customer buys next, soon.</summary>
    private static async Task<Likelihood.LikelihoodModel> TrainAsync(CrmDbContext db, List<CuratedComplement> complements, EngineSettings settings, DateTime until, CancellationToken ct)
    {
        var events = await db.OrderLines.Where(l => l.Quantity > 0 && l.Order!.OrderedAt < until)
            .Select(l => new Evaluation.PurchaseEvent(l.Order!.CustomerId, l.OrderId, l.Order.OrderedAt, l.ProductId)).ToListAsync(ct);
        if (events.Count == 0) return Likelihood.LikelihoodModel.Empty;
        var asOf = until == DateTime.MaxValue ? events.Max(e => e.At).AddSeconds(1) : until;
        var (vocabulary, featuresOf) = Likelihood.CustomerFeatures.Of(await AttributesAsync(db, null, ct), asOf);
        var set = new Likelihood.LikelihoodTrainingSet(events, asOf, Evaluation.EvaluationProtocol.PostPurchase, 30, featuresOf, vocabulary, CuratedSignalOf(complements, settings));
        return await Task.Run(() => Likelihood.LikelihoodTrainer.Train(set, settings.Likelihood, ct), ct);
    }

    /// <summary>The catalogue as the engine sees it; priority is the product's lever times its category's.</summary>
    private static async Task<List<CatalogProduct>> ProductsAsync(CrmDbContext db, CancellationToken ct, DateTime? before = null)
    {
        var products = await db.Products.AsNoTracking()
            .Select(p => new CatalogProduct(p.Id, p.Name, p.CategoryId, p.Category!.NameEn, p.Kind, p.Price, p.UnitCost, p.IsActive, p.IsRepeatable,
                p.CompatibilityTags, p.BusinessPriority * p.Category.BusinessPriority, p.BenefitEn, p.BenefitDe, p.Category.NameDe, p.GenderDe ?? p.Category.GenderDe,
                p.Category.SeveralAreNormal, p.RepurchaseDays) { Sku = p.Sku })
            .ToListAsync(ct);
        var learned = await RepurchaseDaysAsync(db, before ?? DateTime.MaxValue, ct);
        return products.Select(p => p.IsRepeatable && p.RepurchaseDays is null && learned.TryGetValue(p.Id, out var days) ? p with { RepurchaseDays = days } : p).ToList();
    }

    /// <summary>
    /// The age at which customers replace something of a kind where one is enough (a phone, headphones): per category, the
    /// days from a customer's first purchase of one product to their first purchase of another of the same category, at
    /// <see cref="EngineSettings.ReplacementQuantile"/> (at least <see cref="EngineSettings.MinReplacements"/> such replacements).
    /// </summary>
    private static async Task<Dictionary<int, double>> ReplacementDaysAsync(CrmDbContext db, EngineSettings settings, DateTime until, CancellationToken ct)
    {
        var firsts = await db.OrderLines.Where(l => l.Quantity > 0 && !l.Product!.Category!.SeveralAreNormal && !l.Product.IsRepeatable && l.Order!.OrderedAt < until)
            .GroupBy(l => new { l.Order!.CustomerId, l.Product!.CategoryId, l.ProductId })
            .Select(g => new { g.Key.CustomerId, g.Key.CategoryId, First = g.Min(l => l.Order!.OrderedAt) }).ToListAsync(ct);
        var gaps = new Dictionary<int, List<double>>();
        foreach (var owner in firsts.GroupBy(f => (f.CustomerId, f.CategoryId)))
        {
            var dates = owner.Select(f => f.First).Order().ToList();
            for (var i = 1; i < dates.Count; i++)
                if ((dates[i] - dates[i - 1]).TotalDays is var days and >= 1)
                    (gaps.TryGetValue(owner.Key.CategoryId, out var list) ? list : gaps[owner.Key.CategoryId] = []).Add(days);
        }
        return gaps.Where(g => g.Value.Count >= settings.MinReplacements)
            .ToDictionary(g => g.Key, g => { g.Value.Sort(); return g.Value[(int)Math.Min(g.Value.Count - 1, settings.ReplacementQuantile * g.Value.Count)]; });
    }

    /// <summary>A repeatable product's typical repurchase interval: the median days between a customer's purchases of it (at least five such gaps).</summary>
    private static async Task<Dictionary<int, double>> RepurchaseDaysAsync(CrmDbContext db, DateTime until, CancellationToken ct)
    {
        var purchases = await db.OrderLines.Where(l => l.Quantity > 0 && l.Product!.IsRepeatable && l.Order!.OrderedAt < until)
            .Select(l => new { l.ProductId, l.Order!.CustomerId, l.Order.OrderedAt }).ToListAsync(ct);
        return purchases.GroupBy(p => p.ProductId)
            .Select(g => (Product: g.Key, Gaps: g.GroupBy(p => p.CustomerId)
                .SelectMany(c => c.Select(p => p.OrderedAt).Order().Zip(c.Select(p => p.OrderedAt).Order().Skip(1), (a, b) => (b - a).TotalDays))
                .Where(d => d >= 1).Order().ToList()))
            .Where(x => x.Gaps.Count >= 5)
            .ToDictionary(x => x.Product, x => x.Gaps[x.Gaps.Count / 2]);
    }

    /// <summary>The curated complements as the likelihood model reads them, each with its relation kind's half-life.</summary>
    public static Likelihood.CuratedSignal CuratedSignalOf(IEnumerable<CuratedComplement> complements, EngineSettings settings) =>
        new(complements.Select(c => (c.FromProductId, c.ToProductId, settings.HalfLifeDays.GetValueOrDefault(c.Kind, settings.RuleHalfLifeDays))));

    private static Task<List<CuratedComplement>> ComplementsAsync(CrmDbContext db, CancellationToken ct) =>
        db.ProductRelations.AsNoTracking()
            .Select(r => new CuratedComplement(r.FromProductId, r.ToProductId, r.Kind, r.BundleDiscountPercent)).ToListAsync(ct);

    /// <summary>Per segment and product: members who bought it, of the segment's buyers, against the share among all buyers.</summary>
    private static async Task<List<SegmentAffinity>> SegmentAffinitiesAsync(CrmDbContext db, DateTime until, CancellationToken ct)
    {
        var purchases = db.OrderLines.Where(l => l.Quantity > 0 && l.Order!.OrderedAt < until).Select(l => new { l.Order!.CustomerId, l.ProductId }).Distinct();
        var allBuyers = await db.Orders.Where(o => o.OrderedAt < until).Select(o => o.CustomerId).Distinct().CountAsync(ct);
        var buyersOfProduct = await purchases.GroupBy(p => p.ProductId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var segmentBuyers = await db.SegmentMemberships.Where(m => db.Orders.Any(o => o.CustomerId == m.CustomerId && o.OrderedAt < until))
            .GroupBy(m => m.SegmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var segmentNames = await db.Segments.ToDictionaryAsync(s => s.Id, s => (s.Name, s.NameDe), ct);
        var rows = await (from m in db.SegmentMemberships
                          join p in purchases on m.CustomerId equals p.CustomerId
                          group p by new { m.SegmentId, p.ProductId } into g
                          select new { g.Key.SegmentId, g.Key.ProductId, Buyers = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new SegmentAffinity(r.SegmentId, segmentNames.GetValueOrDefault(r.SegmentId).Name ?? "", r.ProductId,
                segmentBuyers.GetValueOrDefault(r.SegmentId), r.Buyers,
                allBuyers == 0 ? 0 : (double)buyersOfProduct.GetValueOrDefault(r.ProductId) / allBuyers, segmentNames.GetValueOrDefault(r.SegmentId).NameDe))
            .ToList();
    }

    /// <summary>The same affinities from memberships given in memory (an evaluation's, as of its split).</summary>
    private static async Task<List<SegmentAffinity>> SegmentAffinitiesAsync(CrmDbContext db, DateTime until, IReadOnlyDictionary<int, IReadOnlyList<int>> memberships, CancellationToken ct)
    {
        var purchases = await db.OrderLines.Where(l => l.Quantity > 0 && l.Order!.OrderedAt < until).Select(l => new { l.Order!.CustomerId, l.ProductId }).Distinct().ToListAsync(ct);
        var buyers = (await db.Orders.Where(o => o.OrderedAt < until).Select(o => o.CustomerId).Distinct().ToListAsync(ct)).ToHashSet();
        var buyersOfProduct = purchases.GroupBy(p => p.ProductId).ToDictionary(g => g.Key, g => g.Count());
        var segmentBuyers = memberships.Where(m => buyers.Contains(m.Key)).SelectMany(m => m.Value).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var segmentNames = await db.Segments.ToDictionaryAsync(s => s.Id, s => (s.Name, s.NameDe), ct);
        return purchases.SelectMany(p => memberships.GetValueOrDefault(p.CustomerId) ?? [], (p, segment) => (Segment: segment, p.ProductId))
            .GroupBy(x => x).Select(g => new SegmentAffinity(g.Key.Segment, segmentNames.GetValueOrDefault(g.Key.Segment).Name ?? "", g.Key.ProductId,
                segmentBuyers.GetValueOrDefault(g.Key.Segment), g.Count(),
                buyers.Count == 0 ? 0 : (double)buyersOfProduct.GetValueOrDefault(g.Key.ProductId) / buyers.Count, segmentNames.GetValueOrDefault(g.Key.Segment).NameDe))
            .ToList();
    }

    /// <summary>Decided outcomes (accepted or declined; "later" and no answer are not evidence) per product, overall and per segment.</summary>
    private static async Task<Dictionary<(int, int), OutcomeCounts>> OutcomeCountsAsync(CrmDbContext db, DateTime until,
        IReadOnlyDictionary<int, IReadOnlyList<int>>? memberships, CancellationToken ct)
    {
        var decided = db.OfferPresentations.Where(o => o.PresentedAt < until && (o.Outcome == OfferOutcome.Accepted || o.Outcome == OfferOutcome.Declined));
        var overall = await decided.GroupBy(o => o.ProductId)
            .Select(g => new { Product = g.Key, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted) }).ToListAsync(ct);
        var result = overall.ToDictionary(x => (x.Product, 0), x => new OutcomeCounts(x.Presented, x.Accepted));
        if (memberships is not null)
        {
            var answers = await decided.Select(o => new { o.CustomerId, o.ProductId, Accepted = o.Outcome == OfferOutcome.Accepted }).ToListAsync(ct);
            foreach (var g in answers.SelectMany(o => memberships.GetValueOrDefault(o.CustomerId) ?? [], (o, segment) => (o.ProductId, Segment: segment, o.Accepted))
                         .GroupBy(x => (x.ProductId, x.Segment)))
                result[g.Key] = new OutcomeCounts(g.Count(), g.Count(x => x.Accepted));
            return result;
        }
        var bySegment = await (from o in decided
                               join m in db.SegmentMemberships on o.CustomerId equals m.CustomerId
                               group o by new { o.ProductId, m.SegmentId } into g
                               select new { g.Key.ProductId, g.Key.SegmentId, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted) }).ToListAsync(ct);
        foreach (var x in bySegment) result[(x.ProductId, x.SegmentId)] = new OutcomeCounts(x.Presented, x.Accepted);
        return result;
    }

    /// <summary>One customer as the engine sees them; null when there is no such customer.</summary>
    public async Task<CustomerSnapshot?> CustomerAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId && !c.IsErased, ct)) return null; // an erased customer gets no offers
        var purchases = await db.OrderLines.Where(l => l.Order!.CustomerId == customerId && l.Quantity > 0)
            .Select(l => new Purchase(l.ProductId, l.Order!.OrderedAt, l.OrderId, (double)(l.Quantity * l.UnitPrice - l.Discount))).ToListAsync(ct);
        var plans = await db.Subscriptions.Where(s => s.CustomerId == customerId && s.Status == Orders.SubscriptionStatus.Active)
            .Select(s => s.PlanProductId).ToListAsync(ct);
        var segments = await db.SegmentMemberships.Where(m => m.CustomerId == customerId).Select(m => m.SegmentId).ToListAsync(ct);
        var offers = await db.OfferPresentations.Where(o => o.CustomerId == customerId)
            .Select(o => new PastOffer(o.ProductId, o.PresentedAt, o.Outcome, o.RepId, o.DeclineReason)).ToListAsync(ct);
        var consents = await db.MarketingConsents.Where(c => c.CustomerId == customerId && c.Granted).Select(c => c.Channel).ToListAsync(ct);
        var attributes = (await AttributesAsync(db, [customerId], ct)).FirstOrDefault();
        return new CustomerSnapshot(customerId, purchases, plans, segments, offers, consents.ToHashSet(), attributes);
    }

    /// <summary>
    /// Many customers as the engine sees them, in a few queries (a campaign prepares 100,000 members in batches of these):
    /// the same as <see cref="CustomerAsync"/> for each. Erased customers and unknown ids are left out.
    /// </summary>
    public async Task<Dictionary<int, CustomerSnapshot>> CustomersAsync(IReadOnlyCollection<int> customerIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = customerIds.Distinct().ToList();
        var live = await db.Customers.Where(c => ids.Contains(c.Id) && !c.IsErased).Select(c => c.Id).ToListAsync(ct);
        var purchases = (await db.OrderLines.Where(l => ids.Contains(l.Order!.CustomerId) && l.Quantity > 0)
            .Select(l => new { l.Order!.CustomerId, P = new Purchase(l.ProductId, l.Order!.OrderedAt, l.OrderId, (double)(l.Quantity * l.UnitPrice - l.Discount)) })
            .ToListAsync(ct)).ToLookup(x => x.CustomerId, x => x.P);
        var plans = (await db.Subscriptions.Where(s => ids.Contains(s.CustomerId) && s.Status == Orders.SubscriptionStatus.Active)
            .Select(s => new { s.CustomerId, s.PlanProductId }).ToListAsync(ct)).ToLookup(x => x.CustomerId, x => x.PlanProductId);
        var segments = (await db.SegmentMemberships.Where(m => ids.Contains(m.CustomerId)).Select(m => new { m.CustomerId, m.SegmentId }).ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => x.SegmentId);
        var offers = (await db.OfferPresentations.Where(o => ids.Contains(o.CustomerId))
            .Select(o => new { o.CustomerId, P = new PastOffer(o.ProductId, o.PresentedAt, o.Outcome, o.RepId, o.DeclineReason) }).ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => x.P);
        var consents = (await db.MarketingConsents.Where(c => ids.Contains(c.CustomerId) && c.Granted).Select(c => new { c.CustomerId, c.Channel }).ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => x.Channel);
        var attributes = (await AttributesAsync(db, ids, ct)).ToDictionary(a => a.CustomerId);
        return live.ToDictionary(id => id, id => new CustomerSnapshot(id, [.. purchases[id]], [.. plans[id]], [.. segments[id]], [.. offers[id]],
            consents[id].ToHashSet(), attributes.GetValueOrDefault(id)));
    }

    public async Task<Psychographics> PsychographicsAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var lifestyle = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Lifestyle!.Code).FirstOrDefaultAsync(ct);
        var tags = await db.Set<Customers.CustomerTag>().Where(t => t.CustomerId == customerId)
            .Join(db.Tags, ct2 => ct2.TagId, t => t.Id, (_, t) => new { t.Kind, t.Code }).ToListAsync(ct);
        return new Psychographics(lifestyle,
            tags.Where(t => t.Kind == Customers.TagKind.Interest).Select(t => t.Code).ToList(),
            tags.Where(t => t.Kind == Customers.TagKind.Value).Select(t => t.Code).ToList());
    }

    /// <summary>Every purchase (returns left out) as evaluation events and each customer's plans (to know which were active when).</summary>
    public async Task<EvaluationData> EvaluationDataAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var events = await db.OrderLines.Where(l => l.Quantity > 0)
            .Select(l => new Evaluation.PurchaseEvent(l.Order!.CustomerId, l.OrderId, l.Order.OrderedAt, l.ProductId)).ToListAsync(ct);
        var plans = (await db.Subscriptions.Select(s => new PlanSpell(s.CustomerId, s.PlanProductId, s.StartedOn, s.EndedOn)).ToListAsync(ct))
            .ToLookup(s => s.CustomerId);
        return new EvaluationData(events, plans, await ProductsAsync(db, ct), await ComplementsAsync(db, ct), await AttributesAsync(db, null, ct));
    }

    /// <summary>Each customer's segments as they were at <paramref name="asOf"/>: see <see cref="Segmentation.SegmentsAsOf"/>.</summary>
    public async Task<Dictionary<int, IReadOnlyList<int>>> SegmentsAsOfAsync(DateTime asOf, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Segmentation.SegmentsAsOf.LoadAsync(db, asOf, ct);
    }

    /// <summary>The attributes the likelihood model learns from (no behaviour: that comes from the purchases, with their dates).</summary>
    /// <param name="customerIds">Null: everyone.</param>
    private static async Task<List<Likelihood.CustomerAttributes>> AttributesAsync(CrmDbContext db, IReadOnlyCollection<int>? customerIds, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking().Where(c => customerIds == null || customerIds.Contains(c.Id));
        var rows = await customers
            .Select(c => new { c.Id, c.BirthDate, c.Gender, c.IncomeBand, c.Education, c.Country, c.Region, c.Lifestyle })
            .ToListAsync(ct);
        var tags = (await db.Set<Customers.CustomerTag>().Where(t => customerIds == null || customerIds.Contains(t.CustomerId))
                .Join(db.Tags, ct2 => ct2.TagId, t => t.Id, (c, t) => new { c.CustomerId, t.Kind, t.Code, t.NameEn, t.NameDe }).ToListAsync(ct))
            .ToLookup(t => t.CustomerId);
        return rows.Select(c => new Likelihood.CustomerAttributes(c.Id, c.BirthDate, c.Gender, c.IncomeBand, c.Education, c.Country, c.Region,
                c.Lifestyle is { } l ? new Likelihood.TagName(l.Code, l.NameEn, l.NameDe) : null,
                tags[c.Id].Where(t => t.Kind == Customers.TagKind.Interest).Select(t => new Likelihood.TagName(t.Code, t.NameEn, t.NameDe)).ToList(),
                tags[c.Id].Where(t => t.Kind == Customers.TagKind.Value).Select(t => new Likelihood.TagName(t.Code, t.NameEn, t.NameDe)).ToList()))
            .ToList();
    }
}

/// <summary>A customer's plan from its start to its end (null: still running), for knowing which plans were active at a moment.</summary>
public sealed record PlanSpell(int CustomerId, int PlanId, DateOnly From, DateOnly? To)
{
    public bool ActiveOn(DateTime at) => From <= DateOnly.FromDateTime(at) && (To is not { } end || end > DateOnly.FromDateTime(at));
}

/// <summary>What an offline evaluation on the database learns from and asks about.</summary>
public sealed record EvaluationData(List<Evaluation.PurchaseEvent> Events, ILookup<int, PlanSpell> Plans,
    List<CatalogProduct> Products, List<CuratedComplement> Complements, List<Likelihood.CustomerAttributes> Attributes);
