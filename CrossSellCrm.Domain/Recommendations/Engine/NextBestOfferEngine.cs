using System.Globalization;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>Tuning of the engine; the contact policy is the part a manager talks about.</summary>
public sealed record EngineSettings
{
    public ContactPolicy Policy { get; init; } = new();
    /// <summary>Days after an anchor purchase at which a complement's relevance has halved, per relation kind.</summary>
    public IReadOnlyDictionary<RelationKind, double> HalfLifeDays { get; init; } = new Dictionary<RelationKind, double>
    {
        [RelationKind.Accessory] = 14, [RelationKind.Bundle] = 7, [RelationKind.AddOn] = 30, [RelationKind.Upgrade] = 60,
    };
    /// <summary>Half-life for complements that come from mined rules only.</summary>
    public double RuleHalfLifeDays { get; init; } = 21;
    /// <summary>Relevance never decays below this; an offer without an anchor purchase has this weight.</summary>
    public double TimingFloor { get; init; } = 0.2;
    /// <summary>How many outcomes the prior is worth (pseudo-observations of the Beta prior).</summary>
    public double PriorStrength { get; init; } = 20;
    /// <summary>Prior acceptance of a curated complement that no mined rule supports.</summary>
    public double CuratedPrior { get; init; } = 0.15;
    public double MinSegmentLift { get; init; } = 1.5;
    public int MinSegmentBuyers { get; init; } = 30;
    public bool OnePerCategory { get; init; } = true;
    /// <summary>Sample propensities (Thompson sampling) instead of using the posterior mean — for experiments.</summary>
    public bool ThompsonSampling { get; init; }
    /// <summary>What the ranking maximises; the app ranks by expected margin, the evaluation also by likelihood.</summary>
    public OfferRanking Ranking { get; init; } = OfferRanking.ExpectedMargin;
    /// <summary>After "already has one", that kind of product is not offered to the customer for this many days.</summary>
    public double AlreadyOwnedRestDays { get; init; } = 180;
    /// <summary>Days until a repeatable product is due again when neither the product nor the purchase history says.</summary>
    public double RepurchaseDefaultDays { get; init; } = 60;
    /// <summary>A repeatable product is offered again once this share of its repurchase interval has passed.</summary>
    public double RepurchaseDueShare { get; init; } = 0.8;
}

public enum OfferRanking
{
    /// <summary>propensity × margin × timing × business priority: what the business earns from the call.</summary>
    ExpectedMargin,
    /// <summary>propensity × timing: what the customer is most likely to want.</summary>
    Likelihood,
}

public enum StopReason { None, NoConsent, TooManyDeclines, ContactLimitReached, NothingEligible }

public enum ReasonKind { BoughtTogether, CuratedComplement, SegmentFavourite, Timing, AcceptedBefore }

/// <summary>Why an offer is shown: the evidence with its numbers, and the sentence a rep reads (English and German).</summary>
public sealed record OfferReason(ReasonKind Kind, string TextEn, string TextDe, double? Share = null, double? Lift = null, int? N = null, int? Days = null)
{
    public string Text(string language) => language == "de" ? TextDe : TextEn;
}

public sealed record RecommendedOffer(
    CatalogProduct Product, int Rank, double Score, double Propensity, double TimingWeight, double Priority,
    CatalogProduct? Anchor, DateTime? AnchorBoughtAt, RelationKind? Relation, decimal? BundleDiscountPercent,
    IReadOnlyList<OfferReason> Reasons);

public enum PriorSource { SegmentFavourite, BoughtTogether, Curated }

/// <summary>The Beta–Bernoulli estimate for a product in a segment: its prior, the logged evidence, the posterior mean.</summary>
public sealed record PropensityEstimate(double Prior, PriorSource PriorSource, OutcomeCounts Evidence, double Propensity);

public sealed record OfferDecision(IReadOnlyList<RecommendedOffer> Offers, StopReason Stop, string? StopTextEn = null, string? StopTextDe = null);

/// <summary>
/// The next-best-offer decision for one customer (DESIGN.md §4), pure over an in-memory index:
/// candidates (mined rules, curated complements, segment favourites, subscription add-ons) →
/// eligibility → contact policy → propensity (Beta–Bernoulli per product and segment) →
/// score = propensity × margin × timing × business priority → one per category, top N.
/// </summary>
public sealed class NextBestOfferEngine
{
    private readonly Dictionary<int, CatalogProduct> _products;
    private readonly ILookup<int, CuratedComplement> _complementsFrom;
    private readonly RuleBook _rules;
    private readonly ILookup<int, SegmentAffinity> _affinityBySegment;
    private readonly OutcomeLedger _outcomes;
    private readonly Dictionary<int, (string En, string De)> _segmentNames;
    private readonly Dictionary<int, double> _bestRuleConfidence;

    public NextBestOfferEngine(
        IEnumerable<CatalogProduct> products, IEnumerable<CuratedComplement> complements, RuleBook rules,
        IEnumerable<SegmentAffinity> affinities, OutcomeLedger outcomes,
        EngineSettings settings)
    {
        _products = products.ToDictionary(p => p.Id);
        _complementsFrom = complements.ToLookup(c => c.FromProductId);
        _rules = rules;
        var affinityList = affinities.ToList();
        _affinityBySegment = affinityList.ToLookup(a => a.SegmentId);
        _segmentNames = affinityList.GroupBy(a => a.SegmentId).ToDictionary(g => g.Key, g => (g.First().SegmentName, Localization.Messages.Pick("de", g.First().SegmentName, g.First().SegmentNameDe)));
        _outcomes = outcomes;
        _bestRuleConfidence = rules.Rules.Where(r => r.Antecedent.Length == 1)
            .GroupBy(r => r.Consequent).ToDictionary(g => g.Key, g => g.Max(r => r.Confidence));
        Settings = settings;
    }

    /// <summary>The same index and the same learning ledger, decided with other settings (e.g. another ranking).</summary>
    public NextBestOfferEngine With(EngineSettings settings) => new(this, settings);

    private NextBestOfferEngine(NextBestOfferEngine other, EngineSettings settings)
    {
        (_products, _complementsFrom, _rules, _affinityBySegment, _outcomes, _segmentNames, _bestRuleConfidence) =
            (other._products, other._complementsFrom, other._rules, other._affinityBySegment, other._outcomes, other._segmentNames, other._bestRuleConfidence);
        Settings = settings;
    }

    public EngineSettings Settings { get; }
    public RuleBook Rules => _rules;
    /// <summary>The evidence the propensities learn from; record each decided outcome here.</summary>
    public OutcomeLedger Outcomes => _outcomes;
    public int ProductCount => _products.Count;
    /// <summary>A product as the engine knows it; null when it is not in the index.</summary>
    public CatalogProduct? Product(int id) => _products.GetValueOrDefault(id);

    /// <param name="contact">The rep's contact today: offers they already made in it count towards the maximum.</param>
    /// <param name="random">Only for Thompson sampling; pass a seeded one for a repeatable draw.</param>
    public OfferDecision Decide(CustomerSnapshot customer, ContactChannel channel, DateTime now, Contact? contact = null, Random? random = null)
    {
        var policy = Settings.Policy;
        // In the shop the customer started the conversation; every other channel needs their consent.
        if (channel != ContactChannel.InStore && !customer.ConsentedChannels.Contains(channel))
            return new OfferDecision([], StopReason.NoConsent,
                $"No consent for offers by {ChannelEn(channel)} — serve the request, offer nothing.",
                $"Keine Einwilligung für Angebote per {ChannelDe(channel)} – Anliegen klären, nichts anbieten.");
        var state = ContactState.Of(customer.Offers, policy, now, contact);
        switch (state.Stop(policy))
        {
            case StopReason.TooManyDeclines:
                return new OfferDecision([], StopReason.TooManyDeclines,
                    $"{state.RecentDeclines} offers declined in the last {policy.DeclineWindowDays} days — better stop here: no more offers today.",
                    $"{state.RecentDeclines} Angebote in den letzten {policy.DeclineWindowDays} Tagen abgelehnt – besser hier aufhören: heute keine weiteren Angebote.");
            case StopReason.ContactLimitReached:
                return new OfferDecision([], StopReason.ContactLimitReached,
                    $"{state.MadeInThisContact} offers made in this contact — that is enough for today.",
                    $"{state.MadeInThisContact} Angebote in diesem Kontakt – das reicht für heute.");
        }
        var slots = state.Slots(policy);
        var resting = state.Resting;

        var possessions = Possessions.Of(customer, Product);
        var lastBought = possessions.LastBought;
        var owned = possessions.Anchors;

        var candidates = new Dictionary<int, Candidate>();
        AddRuleCandidates(candidates, owned, lastBought);
        AddCuratedCandidates(candidates, owned, lastBought);
        AddSegmentCandidates(candidates, customer.SegmentIds);

        var scored = new List<Scored>(candidates.Count);
        foreach (var candidate in candidates.Values)
        {
            var product = candidate.Product;
            if (resting.Contains(product.Id) || possessions.Of(product, candidate.Relation, now, Settings) != Irrelevance.None) continue;

            var (propensity, evidence, segment) = Propensity(product.Id, candidate.Prior, customer.SegmentIds, random);
            var timing = Timing(candidate, now, out var days);
            var score = Settings.Ranking == OfferRanking.Likelihood
                ? propensity * timing
                : propensity * (double)Math.Max(product.Margin, 0m) * timing * product.BusinessPriority;
            scored.Add(new Scored(candidate, score, propensity, timing, days, evidence, segment));
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Candidate.Product.Id.CompareTo(b.Candidate.Product.Id));

        var chosen = new List<RecommendedOffer>();
        var categories = new HashSet<int>();
        foreach (var s in scored)
        {
            if (chosen.Count == slots) break;
            if (Settings.OnePerCategory && !categories.Add(s.Candidate.Product.CategoryId)) continue;
            chosen.Add(Explain(s, chosen.Count + 1));
        }
        return chosen.Count == 0
            ? new OfferDecision([], StopReason.NothingEligible,
                "Nothing relevant to offer right now — a good call without an offer is a good call.",
                "Gerade nichts Passendes anzubieten – ein gutes Gespräch ohne Angebot ist ein gutes Gespräch.")
            : new OfferDecision(chosen, StopReason.None);
    }

    private readonly record struct Scored(Candidate Candidate, double Score, double Propensity, double Timing, int? Days, OutcomeCounts Evidence, int Segment);

    /// <summary>An offer that will be shown, with its reasons written out.</summary>
    private RecommendedOffer Explain(Scored s, int rank)
    {
        var candidate = s.Candidate;
        var product = candidate.Product;
        var reasons = candidate.ShownReasons().ToList();
        if (s.Days is { } d && candidate.Anchor is { } anchor)
            reasons.Add(new OfferReason(ReasonKind.Timing,
                $"Bought the {anchor.Name} {DaysEn(d)} — {(s.Timing >= 0.7 ? "a good moment for" : "still a fit for")} the {product.Name}.",
                $"Hat {DaysDe(d)} {anchor.Name} gekauft – {(s.Timing >= 0.7 ? "ein guter Moment für" : "passt noch zu")} {product.Name}.",
                Days: d));
        if (s.Evidence.Presented >= 10)
            reasons.Add(new OfferReason(ReasonKind.AcceptedBefore,
                $"Accepted by {Pct(s.Evidence.Accepted, s.Evidence.Presented, "en")} of {SegmentEn(s.Segment)} when offered (n = {s.Evidence.Presented}).",
                $"Von {Pct(s.Evidence.Accepted, s.Evidence.Presented, "de")} {SegmentDe(s.Segment)} angenommen, wenn angeboten (n = {s.Evidence.Presented}).",
                Share: (double)s.Evidence.Accepted / s.Evidence.Presented, N: s.Evidence.Presented));
        return new RecommendedOffer(product, rank, s.Score, s.Propensity, s.Timing, product.BusinessPriority, candidate.Anchor, candidate.AnchorAt,
            candidate.Relation, candidate.BundleDiscount, reasons);
    }

    private sealed class Candidate(CatalogProduct product)
    {
        public CatalogProduct Product { get; } = product;
        public double Prior { get; set; }
        public CatalogProduct? Anchor { get; set; }
        public DateTime? AnchorAt { get; set; }
        public RelationKind? Relation { get; set; }
        public double HalfLife { get; set; }
        public decimal? BundleDiscount { get; set; }
        // Reasons are written only for the offers that are shown (most candidates are not): deferred.
        public List<Func<OfferReason>> Reasons { get; } = [];
        /// <summary>One curated reason per owned anchor; only the timely anchor's is shown (no "goes with" × 3 phones).</summary>
        public Dictionary<int, Func<OfferReason>> CuratedReasons { get; } = [];

        public IEnumerable<OfferReason> ShownReasons()
        {
            foreach (var reason in Reasons) yield return reason();
            if (Anchor is not null && CuratedReasons.TryGetValue(Anchor.Id, out var forAnchor)) yield return forAnchor();
            else if (CuratedReasons.Count > 0) yield return CuratedReasons.OrderBy(r => r.Key).First().Value();
        }

        /// <summary>Keeps the strongest prior, and the most recent anchor (the moment that makes the offer timely).</summary>
        public void Consider(double prior, CatalogProduct? anchor, DateTime? anchorAt, double halfLife, RelationKind? relation)
        {
            Prior = Math.Max(Prior, prior);
            if (anchorAt is not null && (AnchorAt is null || anchorAt > AnchorAt))
            {
                (Anchor, AnchorAt, HalfLife) = (anchor, anchorAt, halfLife);
            }
            Relation ??= relation;
        }
    }

    private Candidate CandidateFor(Dictionary<int, Candidate> candidates, CatalogProduct product)
    {
        if (!candidates.TryGetValue(product.Id, out var c)) candidates[product.Id] = c = new Candidate(product);
        return c;
    }

    private void AddRuleCandidates(Dictionary<int, Candidate> candidates, IReadOnlySet<int> owned, IReadOnlyDictionary<int, DateTime> lastBought)
    {
        foreach (var rule in _rules.RulesFor(owned))
        {
            if (!_products.TryGetValue(rule.Consequent, out var product)) continue;
            // The anchor is the most recent purchase on the rule's left side: the moment that makes it timely.
            CatalogProduct? anchor = null;
            DateTime? anchorAt = null;
            foreach (var id in rule.Antecedent)
                if (lastBought.TryGetValue(id, out var at) && (anchorAt is null || at > anchorAt) && _products.TryGetValue(id, out var p))
                    (anchor, anchorAt) = (p, at);
            var candidate = CandidateFor(candidates, product);
            candidate.Consider(rule.Confidence, anchor, anchorAt, Settings.RuleHalfLifeDays, null);
            var n = (int)Math.Round(rule.Count / rule.Confidence);
            var left = () => string.Join(" + ", rule.Antecedent.Select(id => _products.TryGetValue(id, out var q) ? q.Name : $"#{id}"));
            candidate.Reasons.Add(() => new OfferReason(ReasonKind.BoughtTogether,
                $"{rule.Confidence.ToString("P0", English)} of {left()} buyers also bought the {product.Name} — {rule.Lift.ToString("0.0", English)}× the average (n = {n}).",
                $"{rule.Confidence.ToString("P0", German)} der Käufer von {left()} kauften auch {product.Name} – {rule.Lift.ToString("0.0", German)}-mal so oft wie im Schnitt (n = {n}).",
                Share: rule.Confidence, Lift: rule.Lift, N: n));
        }
    }

    private void AddCuratedCandidates(Dictionary<int, Candidate> candidates, IReadOnlySet<int> owned, IReadOnlyDictionary<int, DateTime> lastBought)
    {
        foreach (var from in owned)
        {
            if (!_products.TryGetValue(from, out var anchor)) continue;
            foreach (var c in _complementsFrom[from])
            {
                if (!_products.TryGetValue(c.ToProductId, out var product)) continue;
                var candidate = CandidateFor(candidates, product);
                candidate.Consider(Settings.CuratedPrior, anchor, lastBought.TryGetValue(from, out var at) ? at : null,
                    Settings.HalfLifeDays.GetValueOrDefault(c.Kind, Settings.RuleHalfLifeDays), c.Kind);
                if (c.BundleDiscountPercent is { } pct) candidate.BundleDiscount = pct;
                candidate.CuratedReasons[anchor.Id] = () => new OfferReason(ReasonKind.CuratedComplement,
                    $"{KindEn(c.Kind)} for the {anchor.Name}{Discount(c.BundleDiscountPercent, English, ", {0} % off as a bundle")}.",
                    $"{KindDe(c.Kind)} zu {anchor.Name}{Discount(c.BundleDiscountPercent, German, ", im Paket {0} % günstiger")}.");
            }
        }
    }

    private void AddSegmentCandidates(Dictionary<int, Candidate> candidates, IReadOnlyList<int> segments)
    {
        foreach (var segment in segments)
            foreach (var a in _affinityBySegment[segment])
            {
                if (a.SegmentBuyers < Settings.MinSegmentBuyers || a.Lift < Settings.MinSegmentLift) continue;
                if (!_products.TryGetValue(a.ProductId, out var product)) continue;
                var candidate = CandidateFor(candidates, product);
                candidate.Consider(a.Share, null, null, Settings.RuleHalfLifeDays, null);
                candidate.Reasons.Add(() => new OfferReason(ReasonKind.SegmentFavourite,
                    $"Bought by {a.Share.ToString("P0", English)} of customers in “{a.SegmentName}” — {a.Lift.ToString("0.0", English)}× the average (n = {a.SegmentBuyers}).",
                    $"Von {a.Share.ToString("P0", German)} der Kunden in „{Localization.Messages.Pick("de", a.SegmentName, a.SegmentNameDe)}“ gekauft – {a.Lift.ToString("0.0", German)}-mal so oft wie im Schnitt (n = {a.SegmentBuyers}).",
                    Share: a.Share, Lift: a.Lift, N: a.SegmentBuyers));
            }
    }

    /// <summary>
    /// Beta–Bernoulli: the prior (rule confidence, segment share or the curated default) is worth
    /// <see cref="EngineSettings.PriorStrength"/> outcomes; the evidence is the logged outcomes for this
    /// product in the customer's segment with the most of them (or among all customers).
    /// </summary>
    private (double Propensity, OutcomeCounts Evidence, int Segment) Propensity(int product, double prior, IReadOnlyList<int> segments, Random? random)
    {
        var segment = 0;
        var evidence = _outcomes.Get(product, 0);
        foreach (var s in segments)
            if (_outcomes.Get(product, s) is { } counts && counts.Presented > evidence.Presented)
                (segment, evidence) = (s, counts);
        var (alpha, beta) = Posterior(prior, evidence);
        var propensity = Settings.ThompsonSampling && random is not null ? BetaSample(alpha, beta, random) : alpha / (alpha + beta);
        return (propensity, evidence, segment);
    }

    private (double Alpha, double Beta) Posterior(double prior, OutcomeCounts evidence)
    {
        var mean = Math.Clamp(prior, 0.01, 0.95);
        return (mean * Settings.PriorStrength + evidence.Accepted, (1 - mean) * Settings.PriorStrength + (evidence.Presented - evidence.Accepted));
    }

    /// <summary>
    /// What the engine currently believes of a product in a segment (0 = all customers), for the manager's
    /// learning view. A decision's prior depends on the customer's purchases; this one is the product's
    /// typical prior: the segment's purchase share where the segment favours it, else the strongest
    /// one-product rule leading to it, else the curated default.
    /// </summary>
    public PropensityEstimate Estimate(int productId, int segmentId)
    {
        var evidence = _outcomes.Get(productId, segmentId);
        var (prior, source) = _affinityBySegment[segmentId].FirstOrDefault(a => a.ProductId == productId) is { } a
                && a.SegmentBuyers >= Settings.MinSegmentBuyers && a.Lift >= Settings.MinSegmentLift
            ? (a.Share, PriorSource.SegmentFavourite)
            : _bestRuleConfidence.TryGetValue(productId, out var confidence)
                ? (confidence, PriorSource.BoughtTogether)
                : (Settings.CuratedPrior, PriorSource.Curated);
        var (alpha, beta) = Posterior(prior, evidence);
        return new PropensityEstimate(prior, source, evidence, alpha / (alpha + beta));
    }


    private double Timing(Candidate candidate, DateTime now, out int? days)
    {
        days = null;
        if (candidate.AnchorAt is not { } at) return Settings.TimingFloor;
        var elapsed = Math.Max(0, (now - at).TotalDays);
        days = (int)elapsed;
        return Math.Max(Settings.TimingFloor, Math.Pow(0.5, elapsed / candidate.HalfLife));
    }

    private static double BetaSample(double alpha, double beta, Random random)
    {
        var x = GammaSample(alpha, random);
        var y = GammaSample(beta, random);
        return x / (x + y);
    }

    /// <summary>Marsaglia–Tsang; shape &lt; 1 boosted by U^(1/shape).</summary>
    private static double GammaSample(double shape, Random random)
    {
        if (shape < 1) return GammaSample(shape + 1, random) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static string Discount(decimal? percent, CultureInfo culture, string format) =>
        percent is { } p ? string.Format(culture, format, p.ToString("0.#", culture)) : "";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static string Pct(int part, int whole, string language) =>
        ((double)part / whole).ToString("P0", language == "de" ? German : English);

    private string SegmentEn(int segment) => segment == 0 ? "customers" : $"customers in “{(_segmentNames.TryGetValue(segment, out var n) ? n.En : "this segment")}”";
    private string SegmentDe(int segment) => segment == 0 ? "der Kunden" : $"der Kunden in „{(_segmentNames.TryGetValue(segment, out var n) ? n.De : "diesem Segment")}“";

    private static string DaysEn(int days) => days switch { 0 => "today", 1 => "yesterday", _ => $"{days} days ago" };
    private static string DaysDe(int days) => days switch { 0 => "heute", 1 => "gestern", _ => $"vor {days} Tagen" };

    private static string KindEn(RelationKind kind) => kind switch
    {
        RelationKind.Accessory => "Recommended accessory", RelationKind.Bundle => "Bundle", RelationKind.AddOn => "Add-on", _ => "Upgrade",
    };

    private static string KindDe(RelationKind kind) => kind switch
    {
        RelationKind.Accessory => "Empfohlenes Zubehör", RelationKind.Bundle => "Paket", RelationKind.AddOn => "Zusatzleistung", _ => "Upgrade",
    };

    private static string ChannelEn(ContactChannel c) => c switch
    {
        ContactChannel.Phone => "phone", ContactChannel.Email => "e-mail", ContactChannel.Sms => "SMS", ContactChannel.Post => "post", _ => "in store",
    };

    private static string ChannelDe(ContactChannel c) => c switch
    {
        ContactChannel.Phone => "Telefon", ContactChannel.Email => "E-Mail", ContactChannel.Sms => "SMS", ContactChannel.Post => "Post", _ => "im Geschäft",
    };
}
