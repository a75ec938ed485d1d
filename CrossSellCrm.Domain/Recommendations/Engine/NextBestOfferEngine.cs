using System.Globalization;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Domain.Recommendations.Likelihood;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>Tuning of the engine; the contact policy is the part a manager talks about.</summary>
public sealed record EngineSettings
{
    public ContactPolicy Policy { get; init; } = new();
    /// <summary>Days after an anchor purchase at which a curated complement's timeliness has halved, per relation kind (the likelihood model reads them).</summary>
    public IReadOnlyDictionary<RelationKind, double> HalfLifeDays { get; init; } = new Dictionary<RelationKind, double>
    {
        [RelationKind.Accessory] = 14, [RelationKind.Bundle] = 7, [RelationKind.AddOn] = 30, [RelationKind.Upgrade] = 60,
    };
    /// <summary>Half-life of a purchase's timeliness where no curated relation says (mined rules, the model's own anchors).</summary>
    public double RuleHalfLifeDays { get; init; } = 21;
    /// <summary>Before anything is learnt (no purchases yet), an offer without an anchor purchase has this weight.</summary>
    public double TimingFloor { get; init; } = 0.2;
    /// <summary>How many outcomes the prior is worth (pseudo-observations of the Beta prior) in the offer-learning view.</summary>
    public double PriorStrength { get; init; } = 20;
    /// <summary>Prior of a curated complement that no mined rule supports: the offer-learning view, and the ranking before anything is learnt.</summary>
    public double CuratedPrior { get; init; } = 0.15;
    public double MinSegmentLift { get; init; } = 1.5;
    public int MinSegmentBuyers { get; init; } = 30;
    /// <summary>
    /// How much margin counts against likelihood: 0 ranks by how likely the customer buys, 1 by expected margin
    /// (likelihood × margin × business priority). The default comes from the hit-rate-versus-margin curve (ADR 0016).
    /// </summary>
    public double MarginWeight { get; init; } = DefaultMarginWeight;
    public const double DefaultMarginWeight = 0.25;
    /// <summary>Margin re-ranks only the most likely offers: never one the customer is much less likely to want.</summary>
    public int MarginRerankDepth { get; init; } = 10;
    /// <summary>
    /// A second offer from a category already on the panel keeps this share of its score (1 = no penalty); where
    /// several are normal it keeps the square root of it. Soft: a strong second memory card can still make it.
    /// </summary>
    public double SameCategoryPenalty { get; init; } = DefaultSameCategoryPenalty;
    public const double DefaultSameCategoryPenalty = 0.9;
    /// <summary>False ranks by the strongest prior of a rule, curated relation or segment instead of the learned likelihood (an experiment's "model off").</summary>
    public bool UseModel { get; init; } = true;
    /// <summary>How the cards' talking points are ordered (an experiment may test leading with the benefit).</summary>
    public TalkingPointStyle TalkingPoints { get; init; }
    /// <summary>The discount on a curated bundle, replacing the relation's own; null keeps each relation's.</summary>
    public double? BundleDiscountPercent { get; init; }
    /// <summary>After "already has one", that kind of product is not offered to the customer for this many days.</summary>
    public double AlreadyOwnedRestDays { get; init; } = 180;
    /// <summary>Days until a repeatable product is due again when neither the product nor the purchase history says.</summary>
    public double RepurchaseDefaultDays { get; init; } = 60;
    /// <summary>A repeatable product is offered again once this share of its repurchase interval has passed.</summary>
    public double RepurchaseDueShare { get; init; } = 0.8;
    /// <summary>
    /// Something of a kind the customer owns is offered again once what they own is as old as the age at which this share
    /// of the customers who replaced one of that kind had done so (learned per category from the purchase history).
    /// Chosen on a second demo world (seed 7; horizon hit@3 0.548 at the longest replacement seen, 0.626 at the fastest,
    /// 0.619 at 0.1, 0.614 at 0.25; post-purchase unchanged): 0.1, not the fastest, which on real data is one customer's outlier.
    /// </summary>
    public double ReplacementQuantile { get; init; } = 0.1;
    /// <summary>Replacements observed in a category before its replacement age is trusted.</summary>
    public int MinReplacements { get; init; } = 20;
    /// <summary>
    /// The share of decisions that explore: the cards are a random draw from the most likely offers (never an irrelevant one),
    /// and every card logs the chance it had of being shown, so the acceptance model can learn from more than what the
    /// ranking already favours. 0 in the engine itself; the app sets it ("Recommendations:Acceptance:ExplorationShare", 2 %).
    /// </summary>
    public double ExplorationShare { get; init; }
    /// <summary>How the likelihood model is trained on each rebuild.</summary>
    public LikelihoodSettings Likelihood { get; init; } = new();
}

public enum StopReason { None, NoConsent, TooManyDeclines, ContactLimitReached, NothingEligible, Holdout }

public enum ReasonKind { BoughtTogether, CuratedComplement, SegmentFavourite, Timing, AcceptedBefore, SimilarCustomers, Popular, AcceptedMoreOften }

/// <summary>Why an offer is shown: the evidence with its numbers, and the sentence a rep reads (English and German).</summary>
public sealed record OfferReason(ReasonKind Kind, string TextEn, string TextDe, double? Share = null, double? Lift = null, int? N = null, int? Days = null)
{
    public string Text(string language) => language == "de" ? TextDe : TextEn;
}

/// <param name="Propensity">The learned probability that the customer buys the product soon.</param>
/// <param name="TimingWeight">How timely the anchor purchase still is (1 = just bought; halves with the relation's half-life).</param>
/// <param name="Parts">The model's parts of the log-odds, largest first (what the reasons say, with their weights).</param>
public sealed record RecommendedOffer(
    CatalogProduct Product, int Rank, double Score, double Propensity, double TimingWeight, double Priority,
    CatalogProduct? Anchor, DateTime? AnchorBoughtAt, RelationKind? Relation, decimal? BundleDiscountPercent,
    IReadOnlyList<OfferReason> Reasons, IReadOnlyList<LikelihoodContribution>? Parts = null)
{
    /// <summary>The chance the customer accepts it if offered now: the acceptance model's calibrated probability, or the Beta posterior of its offers.</summary>
    public double Chance { get; init; }
    public ChanceSource ChanceSource { get; init; }
    /// <summary>The chance the engine's policy gave this card of being shown (exploration included); what the model's training weighs by.</summary>
    public double? ShownProbability { get; init; }
    /// <summary>Whether this decision explored (a random draw from the most likely offers).</summary>
    public bool Explored { get; init; }
    /// <summary>What this offer replaces — an owned product of the same kind as old as that kind is usually replaced at — and its age in days.</summary>
    public (CatalogProduct Product, int Days)? Replaces { get; init; }
}

public enum PriorSource { SegmentFavourite, BoughtTogether, Curated }

/// <summary>The Beta–Bernoulli estimate for a product in a segment: its prior, the logged evidence, the posterior mean.</summary>
public sealed record PropensityEstimate(double Prior, PriorSource PriorSource, OutcomeCounts Evidence, double Propensity);

public sealed record OfferDecision(IReadOnlyList<RecommendedOffer> Offers, StopReason Stop, string? StopTextEn = null, string? StopTextDe = null);

/// <summary>
/// The next-best-offer decision for one customer (DESIGN.md §4), pure over an in-memory index:
/// contact policy → candidates (the likelihood model's best, mined rules, curated complements, segment favourites) →
/// relevance (nothing owned, no substitute, nothing incompatible or not due, no add-on without its plan) →
/// likelihood (<see cref="LikelihoodModel"/>) → a bounded margin re-rank → a soft penalty for a second
/// offer of one category → top N, each with the reasons the model's largest parts give.
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
    private readonly LikelihoodModel _likelihood;
    private readonly double _typicalMargin;
    private readonly OfferAcceptance? _acceptance;
    private readonly Dictionary<int, OfferProduct> _offerProducts;

    public NextBestOfferEngine(
        IEnumerable<CatalogProduct> products, IEnumerable<CuratedComplement> complements, RuleBook rules,
        IEnumerable<SegmentAffinity> affinities, OutcomeLedger outcomes,
        EngineSettings settings, LikelihoodModel? likelihood = null, OfferAcceptance? acceptance = null)
    {
        var complementList = complements.ToList();
        _products = WithNeeds(products.ToList(), complementList).ToDictionary(p => p.Id);
        _complementsFrom = complementList.ToLookup(c => c.FromProductId);
        _rules = rules;
        var affinityList = affinities.ToList();
        _affinityBySegment = affinityList.ToLookup(a => a.SegmentId);
        _segmentNames = affinityList.GroupBy(a => a.SegmentId).ToDictionary(g => g.Key, g => (g.First().SegmentName, Localization.Messages.Pick("de", g.First().SegmentName, g.First().SegmentNameDe)));
        _outcomes = outcomes;
        _bestRuleConfidence = rules.Rules.Where(r => r.Antecedent.Length == 1)
            .GroupBy(r => r.Consequent).ToDictionary(g => g.Key, g => g.Max(r => r.Confidence));
        _likelihood = likelihood ?? LikelihoodModel.Empty;
        var margins = _products.Values.Where(p => p.IsActive && p.Margin > 0).Select(p => (double)p.Margin).Order().ToList();
        _typicalMargin = margins.Count == 0 ? 1 : margins[margins.Count / 2];
        _acceptance = acceptance;
        _offerProducts = _products.Values.ToDictionary(p => p.Id, p => new OfferProduct(p.Id, p.Sku, p.CategoryId, p.CategoryName, (double)p.Price, (double)p.Margin));
        Settings = settings;
    }

    /// <summary>
    /// Each product's needed tags. A tag such as "fits:pixel-9" is carried by the device and by what fits it; the
    /// device's category provides it, every other carrier needs it. The provider is the category on the "from" side of
    /// curated relations between carriers (a manager curated the case for the phone); without such a relation, the
    /// category with the fewest carriers (one phone, many cases), then the dearest one.
    /// </summary>
    private static IEnumerable<CatalogProduct> WithNeeds(List<CatalogProduct> products, List<CuratedComplement> complements)
    {
        var byId = products.ToDictionary(p => p.Id);
        var carriers = products.SelectMany(p => p.CompatibilityTags.Where(Compatibility.IsRestricting).Select(tag => (Tag: tag, Product: p)))
            .ToLookup(x => x.Tag, x => x.Product);
        var curatedFrom = new Dictionary<string, int>();
        foreach (var c in complements)
            if (byId.TryGetValue(c.FromProductId, out var from) && byId.TryGetValue(c.ToProductId, out var to) && from.CategoryId != to.CategoryId)
                foreach (var tag in to.CompatibilityTags.Where(t => Compatibility.IsRestricting(t) && from.CompatibilityTags.Contains(t)))
                    curatedFrom.TryAdd(tag, from.CategoryId);
        var provider = carriers.ToDictionary(g => g.Key, g => curatedFrom.TryGetValue(g.Key, out var category) ? category
            : g.GroupBy(p => p.CategoryId).OrderBy(c => c.Count()).ThenByDescending(c => c.Max(p => p.Price)).ThenBy(c => c.Key).First().Key);
        return products.Select(p =>
        {
            var needs = p.CompatibilityTags.Where(t => Compatibility.IsRestricting(t) && provider[t] != p.CategoryId).ToList();
            return needs.Count == 0 ? p : p with { Needs = needs };
        });
    }

    /// <summary>The same index, model and learning ledger, decided with other settings (e.g. another margin weight).</summary>
    public NextBestOfferEngine With(EngineSettings settings) => new(this, settings, other => other._acceptance);

    /// <summary>The same index and settings with another acceptance model (the worker's retraining swaps it in whole); null: the Beta counts only.</summary>
    public NextBestOfferEngine With(OfferAcceptance? acceptance) => new(this, Settings, _ => acceptance);

    private NextBestOfferEngine(NextBestOfferEngine other, EngineSettings settings, Func<NextBestOfferEngine, OfferAcceptance?> acceptance)
    {
        (_products, _complementsFrom, _rules, _affinityBySegment, _outcomes, _segmentNames, _bestRuleConfidence, _likelihood, _typicalMargin, _offerProducts) =
            (other._products, other._complementsFrom, other._rules, other._affinityBySegment, other._outcomes, other._segmentNames, other._bestRuleConfidence,
                other._likelihood, other._typicalMargin, other._offerProducts);
        _acceptance = acceptance(other);
        Settings = settings;
    }

    public EngineSettings Settings { get; }
    public RuleBook Rules => _rules;
    public LikelihoodModel Model => _likelihood;
    /// <summary>The acceptance model the cards' chances come from; null until one is trained (then every chance is a Beta posterior).</summary>
    public OfferAcceptance? Acceptance => _acceptance;
    /// <summary>The evidence the offer-learning view shows; record each decided outcome here.</summary>
    public OutcomeLedger Outcomes => _outcomes;
    public int ProductCount => _products.Count;
    /// <summary>A product as the engine knows it; null when it is not in the index.</summary>
    public CatalogProduct? Product(int id) => _products.GetValueOrDefault(id);

    /// <param name="contact">The rep's contact today: offers they already made in it count towards the maximum.</param>
    public OfferDecision Decide(CustomerSnapshot customer, ContactChannel channel, DateTime now, Contact? contact = null)
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

        var candidates = new Dictionary<int, Candidate>(64);
        AddCuratedCandidates(candidates, possessions.Anchors, possessions.LastBought);
        // Asked for the model's best and again for every candidate: remembered for this decision.
        var allowed = new Dictionary<int, bool>(64);
        bool Allowed(int id)
        {
            if (!allowed.TryGetValue(id, out var yes)) allowed[id] = yes = IsAllowed(id);
            return yes;
        }
        bool IsAllowed(int id) =>
            _products.TryGetValue(id, out var product) && !resting.Contains(id)
            && possessions.Of(product, candidates.GetValueOrDefault(id)?.Relation, now, Settings) == Irrelevance.None
            // An add-on is sold with its plan: only to a customer whose active plan it is curated for.
            && (product.Kind != ProductKind.AddOn || candidates.GetValueOrDefault(id)?.Relation == RelationKind.AddOn);

        var features = customer.Attributes is { } attributes ? CustomerFeatures.In(_likelihood.Features, attributes, now) : [];
        var scores = _likelihood.Score(customer.Purchases, features, now);
        var learnt = Settings.UseModel && _likelihood.Rows > 0;
        var depth = Math.Max(Settings.MarginRerankDepth, slots);
        foreach (var (id, _) in scores.Best(depth, Allowed)) CandidateFor(candidates, _products[id]);
        AddRuleCandidates(candidates, possessions.Anchors, possessions.LastBought);
        AddSegmentCandidates(candidates, customer.SegmentIds);

        var scored = new List<Scored>(candidates.Count);
        foreach (var candidate in candidates.Values)
        {
            var product = candidate.Product;
            if (!Allowed(product.Id)) continue;
            var timing = Timing(candidate, now, out var days);
            // Before anything is learnt, the strongest prior of a rule, curated relation or segment stands in for the likelihood.
            var likelihood = learnt ? scores.Probability(product.Id) : Math.Clamp(candidate.Prior, 0.01, 0.95) * timing;
            scored.Add(new Scored(candidate, likelihood, likelihood, timing, days));
        }
        // Likelihood first: the margin re-ranks only the most likely few, so it can never bring up what the customer does not want.
        scored.Sort(ByScoreThenPrior);
        if (scored.Count > depth) scored.RemoveRange(depth, scored.Count - depth);
        // The acceptance model, where it knows the offer, re-ranks the likeliest few as the margin does: by how likely the customer
        // says yes when offered it now, against the average offer (an offer it does not know keeps its place). Only the first
        // RerankDepth: a tree model's score costs microseconds, and the decision's budget is tens of them.
        var moment = _acceptance is { Report.Serves: true } ? MomentOf(customer, now) : null;
        for (var i = 0; i < scored.Count; i++)
        {
            var s = scored[i];
            var score = s.Propensity * MarginFactor(s.Candidate.Product);
            double? chance = null;
            if (moment is not null && i < _acceptance!.Use.RerankDepth && _acceptance.Knows(s.Candidate.Product.Id) && _acceptance.Use.RankingWeight > 0)
            {
                chance = _acceptance.Probability(moment, _offerProducts[s.Candidate.Product.Id], s.Candidate.Anchor?.Id, channel);
                score *= Math.Pow(Math.Max(chance.Value, 1e-6) / Math.Max(_acceptance.BaseRate, 1e-6), _acceptance.Use.RankingWeight);
            }
            scored[i] = s with { Score = score, Chance = chance };
        }
        var window = scored.ToArray();

        var picks = new List<Scored>(slots);
        var onPanel = new Dictionary<int, int>();
        while (picks.Count < slots && scored.Count > 0)
        {
            // Greedy with a soft penalty: each offer of a category already on the panel weighs its score down.
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < scored.Count; i++)
            {
                var product = scored[i].Candidate.Product;
                var penalty = Settings.SameCategoryPenalty;
                if (product.SeveralAreNormal) penalty = Math.Sqrt(penalty);
                var score = scored[i].Score * Math.Pow(penalty, onPanel.GetValueOrDefault(product.CategoryId));
                if (score > bestScore || (score == bestScore && best >= 0 && ByScoreThenPrior(scored[i], scored[best]) < 0)) (best, bestScore) = (i, score);
            }
            if (best < 0) break;
            var pick = scored[best];
            scored.RemoveAt(best);
            onPanel[pick.Candidate.Product.CategoryId] = onPanel.GetValueOrDefault(pick.Candidate.Product.CategoryId) + 1;
            picks.Add(pick with { Score = bestScore });
        }
        // Exploring: as many cards as there are slots, drawn at random from the window, so the model also learns what the ranking would not show.
        var exploration = Math.Clamp(Settings.ExplorationShare, 0, 1);
        var explore = exploration > 0 && window.Length > 0 && Draw(customer.CustomerId, now, 0) < exploration;
        var greedy = picks.Select(p => p.Candidate.Product.Id).ToHashSet();
        if (explore)
        {
            var random = new Random((int)(Draw(customer.CustomerId, now, 1) * int.MaxValue));
            var draw = window.ToArray();
            random.Shuffle(draw);
            picks = draw.Take(Math.Min(slots, draw.Length)).ToList();
        }
        var drawn = window.Length == 0 ? 0 : (double)Math.Min(slots, window.Length) / window.Length;
        var chosen = new List<RecommendedOffer>(picks.Count);
        foreach (var pick in picks)
        {
            // The chance of being shown under this policy: picked by the ranking unless exploring, or drawn when exploring.
            var shown = (greedy.Contains(pick.Candidate.Product.Id) ? 1 - exploration : 0) + exploration * drawn;
            chosen.Add(Explain(pick, chosen.Count + 1, learnt ? scores : null, possessions, now, customer, channel, moment)
                with { ShownProbability = Math.Clamp(shown, 1e-6, 1), Explored = explore });
        }
        return chosen.Count == 0
            ? new OfferDecision([], StopReason.NothingEligible,
                "Nothing relevant to offer right now — a good call without an offer is a good call.",
                "Gerade nichts Passendes anzubieten – ein gutes Gespräch ohne Angebot ist ein gutes Gespräch.")
            : new OfferDecision(chosen, StopReason.None);
    }

    /// <summary>
    /// The bounded re-rank by value: (margin × business priority / the typical margin) to the power of
    /// <see cref="EngineSettings.MarginWeight"/>. An offer's score is its propensity times this, times the diversity penalty.
    /// </summary>
    public double MarginFactor(CatalogProduct product)
    {
        var value = (double)Math.Max(product.Margin, 0.01m) * product.BusinessPriority / _typicalMargin;
        return Math.Pow(Math.Max(value, 1e-6), Settings.MarginWeight);
    }

    /// <summary>Whether the product may be offered to the customer now, and if not, why (for diagnostics and tests).</summary>
    public Irrelevance RelevanceOf(CustomerSnapshot customer, int productId, DateTime now)
    {
        if (!_products.TryGetValue(productId, out var product)) return Irrelevance.Inactive;
        var possessions = Possessions.Of(customer, Product);
        var candidates = new Dictionary<int, Candidate>();
        AddCuratedCandidates(candidates, possessions.Anchors, possessions.LastBought);
        var relation = candidates.GetValueOrDefault(productId)?.Relation;
        var why = possessions.Of(product, relation, now, Settings);
        return why == Irrelevance.None && product.Kind == ProductKind.AddOn && relation != RelationKind.AddOn ? Irrelevance.WithoutItsPlan : why;
    }

    private static int ByScoreThenPrior(Scored a, Scored b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score)
        : a.Candidate.Prior != b.Candidate.Prior ? b.Candidate.Prior.CompareTo(a.Candidate.Prior)
        : a.Candidate.Product.Id.CompareTo(b.Candidate.Product.Id);

    /// <param name="Chance">The acceptance model's chance, where the re-rank asked for it (with the candidate's anchor).</param>
    private readonly record struct Scored(Candidate Candidate, double Score, double Propensity, double Timing, int? Days, double? Chance = null);

    /// <summary>
    /// An offer that will be shown, with its reasons: the model's largest parts in words with their numbers, then the
    /// curated, rule and segment sentences where the model used what they speak of. Nothing the model did not use.
    /// </summary>
    private RecommendedOffer Explain(Scored s, int rank, LikelihoodScores? scores, Possessions possessions, DateTime now,
        CustomerSnapshot customer, ContactChannel channel, OfferMoment? moment)
    {
        var candidate = s.Candidate;
        var product = candidate.Product;
        var reasons = new List<OfferReason>();
        IReadOnlyList<LikelihoodContribution>? parts = null;
        var anchor = candidate.Anchor;
        var anchorAt = candidate.AnchorAt;
        var timing = s.Timing;
        var days = s.Days;
        if (scores is null)
        {
            reasons.AddRange(candidate.ShownReasons());
        }
        else
        {
            parts = scores.Explain(product.Id);
            var positive = parts.Where(p => p.Logit > 0).ToList();
            var total = positive.Sum(p => p.Logit);
            // The owned item that adds most is the offer's anchor (unless a curated relation names one): the moment and the talking points start there.
            var owned = positive.FirstOrDefault(p => p.Kind == ContributionSource.Owned && possessions.Anchors.Contains(p.Source) && _products.ContainsKey(p.Source));
            if (anchor is null && owned is not null)
            {
                anchor = _products[owned.Source];
                anchorAt = possessions.LastBought.TryGetValue(owned.Source, out var at) ? at : null;
                if (anchorAt is { } t)
                {
                    var elapsed = Math.Max(0, (now - t).TotalDays);
                    (timing, days) = (Math.Pow(0.5, elapsed / Settings.RuleHalfLifeDays), (int)elapsed);
                }
            }
            foreach (var part in positive.Take(4))
            {
                if (part.Logit < 0.1 * total || reasons.Count >= 3) break;
                if (Sentence(part, product, possessions) is { } reason) reasons.Add(reason);
            }
            // The curated and rule sentences, where the model's parts say the same thing.
            if (positive.Any(p => p.Kind == ContributionSource.Curated) && candidate.CuratedReason() is { } curated && reasons.All(r => r.Kind != ReasonKind.CuratedComplement))
                reasons.Add(curated);
            if (positive.Any(p => p.Kind == ContributionSource.Feature))
                reasons.AddRange(candidate.SegmentReasons.Take(1).Select(r => r()).Where(_ => reasons.All(r => r.Kind != ReasonKind.SegmentFavourite)));
            if (reasons.Count == 0) reasons.AddRange(candidate.ShownReasons().Take(1));
        }
        // A replacement says so: what it replaces is as old as that kind is usually replaced at.
        var replaces = product.ReplacementDays is not null ? possessions.Replaces(product, now) : null;
        if (product.ReplacementDays is { } age && replaces is { } replaced)
            reasons.Add(new OfferReason(ReasonKind.Timing,
                $"Their {replaced.Owned.Name} is {replaced.Days} days old; {Settings.ReplacementQuantile.ToString("P0", English)} of customers who replaced one had done so by {age:0} days.",
                $"Seit dem Kauf von {replaced.Owned.Name} sind {replaced.Days} Tage vergangen; {Settings.ReplacementQuantile.ToString("P0", German)} der Kunden, die so etwas ersetzt haben, taten es innerhalb von {age:0} Tagen.",
                Days: replaced.Days));
        if (days is { } d && anchor is not null && timing >= 0.5)
            reasons.Add(new OfferReason(ReasonKind.Timing,
                $"Bought the {anchor.Name} {DaysEn(d)} — {(timing >= 0.7 ? "a good moment for" : "still a fit for")} the {product.Name}.",
                $"Hat {DaysDe(d)} {anchor.Name} gekauft – {(timing >= 0.7 ? "ein guter Moment für" : "passt noch zu")} {product.Name}.",
                Days: d));
        var discount = candidate.Relation == RelationKind.Bundle && Settings.BundleDiscountPercent is { } percent ? (decimal)percent : candidate.BundleDiscount;
        // The re-rank's chance is the card's when the anchor is the same (the explanation may find one the candidate had not).
        var (chance, source) = s.Chance is { } known && anchor?.Id == candidate.Anchor?.Id ? (known, ChanceSource.Model) : ChanceOf(product, anchor?.Id, customer, channel, moment);
        if (source == ChanceSource.Model && reasons.Count < 4
            && _acceptance!.Facts.Strongest(product.Id, Facet.Of(moment!, _offerProducts[product.Id], anchor?.Id, channel)) is { } fact)
            reasons.Add(Sentence(fact, product, anchor, customer));
        return new RecommendedOffer(product, rank, s.Score, s.Propensity, timing, product.BusinessPriority, anchor, anchorAt,
            candidate.Relation, discount, reasons, parts) { Chance = chance, ChanceSource = source, Replaces = replaces };
    }

    /// <summary>
    /// The card's chance of acceptance: the acceptance model's calibrated probability where it serves and knows the offer, else
    /// the Beta posterior of the offer's answers in the customer's segment with the most of them (all customers when none).
    /// </summary>
    private (double Chance, ChanceSource Source) ChanceOf(CatalogProduct product, int? anchorId, CustomerSnapshot customer, ContactChannel channel,
        OfferMoment? moment)
    {
        if (moment is not null && _acceptance!.Knows(product.Id))
            return (_acceptance.Probability(moment, _offerProducts[product.Id], anchorId, channel), ChanceSource.Model);
        var segment = 0;
        var most = _outcomes.Get(product.Id, 0).Presented > 0 ? 0 : -1;
        foreach (var id in customer.SegmentIds)
            if (_outcomes.Get(product.Id, id).Presented is var n && n > most && n > 0) (segment, most) = (id, n);
        return (Estimate(product.Id, segment).Propensity, ChanceSource.Posterior);
    }

    /// <summary>The customer as the acceptance model sees them now: the same point-in-time features it learnt from.</summary>
    private OfferMoment MomentOf(CustomerSnapshot customer, DateTime now)
    {
        var a = customer.Attributes;
        var profile = a is null ? null
            : new OfferCustomer(a.CustomerId, a.BirthDate, a.Gender, a.Income, a.Education, a.Country, a.Region, a.Lifestyle?.Code, a.Interests.Select(i => i.Code).ToList());
        var history = new HistoryLine[customer.Purchases.Count];
        for (var i = 0; i < history.Length; i++)
        {
            var p = customer.Purchases[i];
            history[i] = new HistoryLine(customer.CustomerId, p.OrderId, p.ProductId, _products.TryGetValue(p.ProductId, out var known) ? known.CategoryId : -1, p.At, p.Revenue);
        }
        Array.Sort(history, (x, y) => x.At.CompareTo(y.At));
        var answers = customer.Offers.Where(o => o.Outcome is OfferOutcome.Accepted or OfferOutcome.Declined).Select(o => (o.At, o.Outcome == OfferOutcome.Accepted));
        return new OfferMoment(profile, history, answers, now);
    }

    /// <summary>A repeatable draw in [0, 1) for a customer at a moment (splitmix64): the engine stays a pure function of its inputs.</summary>
    private static double Draw(int customerId, DateTime now, int stream)
    {
        var x = unchecked((ulong)customerId * 0x9E3779B97F4A7C15UL ^ (ulong)now.Ticks ^ ((ulong)stream << 61));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The strongest fact the model learnt of this offer, in words a rep can check: "Bought the camera in the last 7 days: the tripod is accepted 2.1× as often as by the others".</summary>
    private OfferReason Sentence(AcceptanceFact fact, CatalogProduct product, CatalogProduct? anchor, CustomerSnapshot customer)
    {
        var level = fact.Facet.Level;
        var lifestyle = customer.Attributes?.Lifestyle;
        var (en, de) = fact.Facet.Kind switch
        {
            FacetKind.Lifestyle => ($"Lifestyle “{lifestyle?.En ?? level}”", $"Lebensstil „{lifestyle?.De ?? level}“"),
            FacetKind.Interest => ($"Interested in {product.CategoryName}", $"Interessiert an {product.CategoryFor("de")}"),
            FacetKind.BoughtAnchorThisWeek => ($"Bought the {anchor?.Name} in the last 7 days", $"Hat {anchor?.Name} in den letzten 7 Tagen gekauft"),
            FacetKind.BoughtAnchorThisMonth => ($"Bought the {anchor?.Name} in the last 30 days", $"Hat {anchor?.Name} in den letzten 30 Tagen gekauft"),
            FacetKind.BoughtThisWeek => ("Bought something in the last 7 days", "Hat in den letzten 7 Tagen etwas gekauft"),
            FacetKind.AgeBand => ($"Aged {level}", $"Alter {level}"),
            FacetKind.Channel when Enum.TryParse<ContactChannel>(level, out var c) => ($"Offered by {ChannelEn(c)}", $"Angeboten per {ChannelDe(c)}"),
            FacetKind.OwnsCategory => ($"Already has something from {product.CategoryName}", $"Hat schon etwas aus {product.CategoryFor("de")}"),
            _ => ("Has accepted an offer before", "Hat schon einmal ein Angebot angenommen"),
        };
        return new OfferReason(ReasonKind.AcceptedMoreOften,
            $"{en}: the {product.Name} is accepted {fact.Lift.ToString("0.0", English)}× as often as by the others ({fact.Share.ToString("P0", English)} of {fact.Offers.ToString("N0", English)} offers, against {fact.OthersShare.ToString("P0", English)}).",
            $"{de}: {product.Name} wird {fact.Lift.ToString("0.0", German)}-mal so oft angenommen wie bei den anderen ({fact.Share.ToString("P0", German)} von {fact.Offers.ToString("N0", German)} Angeboten, sonst {fact.OthersShare.ToString("P0", German)}).",
            Share: fact.Share, Lift: fact.Lift, N: fact.Offers);
    }

    /// <summary>One part of the model in words: what the customer owns, who they are, or how many buy it.</summary>
    private OfferReason? Sentence(LikelihoodContribution part, CatalogProduct product, Possessions possessions)
    {
        var overall = _likelihood.Rows == 0 ? 0 : (double)_likelihood.Buyers(product.Id) / _likelihood.Rows;
        var lift = overall == 0 ? 0 : part.Share / overall;
        switch (part.Kind)
        {
            case ContributionSource.Owned when _products.TryGetValue(part.Source, out var source) && possessions.Anchors.Contains(part.Source) && part.Together > 0:
                return new OfferReason(ReasonKind.BoughtTogether,
                    $"{part.Share.ToString("P0", English)} of {source.Name} buyers also bought the {product.Name} — {lift.ToString("0.0", English)}× the average (n = {part.SourceHolders.ToString("N0", English)}).",
                    $"{part.Share.ToString("P0", German)} der Käufer von {source.Name} kauften auch {product.Name} – {lift.ToString("0.0", German)}-mal so oft wie im Schnitt (n = {part.SourceHolders.ToString("N0", German)}).",
                    Share: part.Share, Lift: lift, N: part.SourceHolders, Days: part.DaysSince is { } d ? (int)d : null);
            case ContributionSource.Feature when part.Together > 0 && lift > 1:
                var feature = _likelihood.Features[part.Source];
                return new OfferReason(ReasonKind.SimilarCustomers,
                    $"Bought by {part.Share.ToString("P0", English)} of {feature.HoldersEn} — {lift.ToString("0.0", English)}× the average (n = {part.SourceHolders.ToString("N0", English)}).",
                    $"Von {part.Share.ToString("P0", German)} der {feature.HoldersDe} gekauft – {lift.ToString("0.0", German)}-mal so oft wie im Schnitt (n = {part.SourceHolders.ToString("N0", German)}).",
                    Share: part.Share, Lift: lift, N: part.SourceHolders);
            case ContributionSource.Curated when _products.TryGetValue(part.Source, out _):
                return null; // said by the curated sentence below, in the manager's words
            case ContributionSource.Popularity:
                return new OfferReason(ReasonKind.Popular,
                    $"One of the most bought: {overall.ToString("P0", English)} of customers have the {product.Name} (n = {_likelihood.Rows.ToString("N0", English)}).",
                    $"Einer der meistgekauften Artikel: {overall.ToString("P0", German)} der Kunden haben {product.Name} (n = {_likelihood.Rows.ToString("N0", German)}).",
                    Share: overall, N: _likelihood.Rows);
            default:
                return null;
        }
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
        // Reasons are written only for the offers that are shown (most candidates are not): deferred, and the lists made
        // only for a candidate that has such a reason (a decision weighs dozens of candidates; its budget is 50 µs).
        private static readonly List<Func<OfferReason>> None = [];
        private static readonly Dictionary<int, Func<OfferReason>> NoneCurated = [];
        private List<Func<OfferReason>>? _reasons, _segmentReasons;
        private Dictionary<int, Func<OfferReason>>? _curatedReasons;
        public IReadOnlyList<Func<OfferReason>> Reasons => _reasons ?? None;
        public IReadOnlyList<Func<OfferReason>> SegmentReasons => _segmentReasons ?? None;
        /// <summary>One curated reason per owned anchor; only the timely anchor's is shown (no "goes with" × 3 phones).</summary>
        public IReadOnlyDictionary<int, Func<OfferReason>> CuratedReasons => _curatedReasons ?? NoneCurated;

        public void AddReason(Func<OfferReason> reason) => (_reasons ??= []).Add(reason);
        public void AddSegmentReason(Func<OfferReason> reason) => (_segmentReasons ??= []).Add(reason);
        public void SetCuratedReason(int anchor, Func<OfferReason> reason) => (_curatedReasons ??= [])[anchor] = reason;

        public OfferReason? CuratedReason() =>
            Anchor is not null && CuratedReasons.TryGetValue(Anchor.Id, out var forAnchor) ? forAnchor()
            : CuratedReasons.Count > 0 ? CuratedReasons.OrderBy(r => r.Key).First().Value() : null;

        /// <summary>Before anything is learnt: every reason the candidate has.</summary>
        public IEnumerable<OfferReason> ShownReasons()
        {
            foreach (var reason in Reasons) yield return reason();
            foreach (var reason in SegmentReasons) yield return reason();
            if (CuratedReason() is { } curated) yield return curated;
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

    private static Candidate CandidateFor(Dictionary<int, Candidate> candidates, CatalogProduct product)
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
            candidate.AddReason(() => new OfferReason(ReasonKind.BoughtTogether,
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
                candidate.SetCuratedReason(anchor.Id, () => new OfferReason(ReasonKind.CuratedComplement,
                    $"{KindEn(c.Kind)} for the {anchor.Name}{Discount(c.BundleDiscountPercent, English, ", {0} % off as a bundle")}.",
                    $"{KindDe(c.Kind)} zu {anchor.Name}{Discount(c.BundleDiscountPercent, German, ", im Paket {0} % günstiger")}."));
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
                candidate.AddSegmentReason(() => new OfferReason(ReasonKind.SegmentFavourite,
                    $"Bought by {a.Share.ToString("P0", English)} of customers in “{a.SegmentName}” — {a.Lift.ToString("0.0", English)}× the average (n = {a.SegmentBuyers}).",
                    $"Von {a.Share.ToString("P0", German)} der Kunden in „{Localization.Messages.Pick("de", a.SegmentName, a.SegmentNameDe)}“ gekauft – {a.Lift.ToString("0.0", German)}-mal so oft wie im Schnitt (n = {a.SegmentBuyers}).",
                    Share: a.Share, Lift: a.Lift, N: a.SegmentBuyers));
            }
    }

    private (double Alpha, double Beta) Posterior(double prior, OutcomeCounts evidence)
    {
        var mean = Math.Clamp(prior, 0.01, 0.95);
        return (mean * Settings.PriorStrength + evidence.Accepted, (1 - mean) * Settings.PriorStrength + (evidence.Presented - evidence.Accepted));
    }

    /// <summary>
    /// What the offer log says of a product in a segment (0 = all customers), for the manager's learning view: a
    /// Beta–Bernoulli estimate of acceptance when offered. The ranking does not use it: reps chose whom to offer
    /// what, so these rates are confounded (ADR 0016); the acceptance model is its own piece of work.
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
        ContactChannel.Phone => "phone", ContactChannel.Email => "e-mail", ContactChannel.Sms => "SMS", ContactChannel.Post => "post", ContactChannel.Web => "the web shop", _ => "in store",
    };

    private static string ChannelDe(ContactChannel c) => c switch
    {
        ContactChannel.Phone => "Telefon", ContactChannel.Email => "E-Mail", ContactChannel.Sms => "SMS", ContactChannel.Post => "Post", ContactChannel.Web => "im Webshop", _ => "im Geschäft",
    };
}
