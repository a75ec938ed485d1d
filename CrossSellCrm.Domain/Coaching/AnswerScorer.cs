using System.Globalization;
using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Coaching;

public enum ScoreDimension { Relevance, Personalisation, Transparency, Pressure, Timing }

/// <summary>The article's mistakes to avoid, as coaching names them in feedback.</summary>
public enum CoachingMistake { IrrelevantOffer, ExcessivePressure, NoPersonalisation }

/// <summary>One part of a score, 0–100, with what earned or cost the points in plain words.</summary>
public sealed record ScorePart(ScoreDimension Dimension, int Points, IReadOnlyList<(string En, string De)> Notes)
{
    public IEnumerable<string> Text(string language) => Notes.Select(n => language == "de" ? n.De : n.En);
}

public sealed record AnswerScore(IReadOnlyList<ScorePart> Parts, int Total, IReadOnlyList<CoachingMistake> Mistakes)
{
    public ScorePart this[ScoreDimension dimension] => Parts.First(p => p.Dimension == dimension);
}

/// <summary>What scoring needs to know of a product (the case's, the reference's and the picked ones).</summary>
public sealed record CaseProduct(int Id, string Name, string CategoryEn, string CategoryDe, decimal Price, string BenefitEn, string BenefitDe, bool IsRepeatable);

/// <summary>A case as the scorer sees it: the customer, the reference and which products go with what they own.</summary>
/// <param name="RelatedToPurchases">Products curated as complements of anything the customer owns.</param>
/// <param name="RelatedToAnchor">Products curated as complements of the anchor purchase.</param>
public sealed record ScoringCase(
    CasePersona Persona, IReadOnlyList<ReferenceOffer> Reference, IReadOnlyDictionary<int, CaseProduct> Products,
    IReadOnlySet<int> RelatedToPurchases, IReadOnlySet<int> RelatedToAnchor)
{
    /// <summary>
    /// A case with its related products taken from curated complements only, not mined rules: a stored
    /// score must stay what the same answer scores again after the rules are mined anew.
    /// </summary>
    public static ScoringCase From(CasePersona persona, IReadOnlyList<ReferenceOffer> reference, IReadOnlyDictionary<int, CaseProduct> products,
        IEnumerable<(int From, int To)> curated)
    {
        var owned = persona.OwnedProductIds();
        var anchor = persona.Anchor?.ProductId;
        var ofOwned = curated.Where(r => owned.Contains(r.From)).ToList();
        return new ScoringCase(persona, reference, products, ofOwned.Select(r => r.To).ToHashSet(), ofOwned.Where(r => r.From == anchor).Select(r => r.To).ToHashSet());
    }
}

public sealed record AnswerInput(IReadOnlyList<int> Picks, string Pitch, string Language);

/// <summary>
/// Scores a practice answer on the five things the article asks of a cross-sell: relevant offers,
/// personal, transparent, without pressure, well timed. Pure and deterministic, so every point can be
/// explained — and tested with hand-written answers.
/// </summary>
public static partial class AnswerScorer
{
    public const int MaxPicks = 3;
    public const int MustNotPenalty = 50;

    /// <summary>How much each part counts in the total (sums to 1): picking the right offer matters most.</summary>
    public static readonly IReadOnlyDictionary<ScoreDimension, double> Weights = new Dictionary<ScoreDimension, double>
    {
        [ScoreDimension.Relevance] = 0.35, [ScoreDimension.Personalisation] = 0.20, [ScoreDimension.Transparency] = 0.15,
        [ScoreDimension.Pressure] = 0.15, [ScoreDimension.Timing] = 0.15,
    };

    public static AnswerScore Score(ScoringCase c, AnswerInput answer)
    {
        var words = Words(answer.Pitch);
        var mistakes = new List<CoachingMistake>();
        var parts = new List<ScorePart>
        {
            Relevance(c, answer.Picks, mistakes),
            Personalisation(c, words, mistakes),
            Transparency(c, answer, words),
            Pressure(answer, mistakes),
            Timing(c, answer.Picks, words),
        };
        var total = (int)Math.Round(parts.Sum(p => p.Points * Weights[p.Dimension]), MidpointRounding.AwayFromZero);
        return new AnswerScore(parts, total, mistakes.Distinct().ToList());
    }

    /// <summary>
    /// Overlap with the reference, weighted by rank (of n reference offers the first weighs n, the last 1),
    /// as a share of the best three picks could reach; each "must not offer" picked costs <see cref="MustNotPenalty"/>.
    /// </summary>
    public static ScorePart Relevance(ScoringCase c, IReadOnlyList<int> picks, List<CoachingMistake> mistakes)
    {
        var notes = new List<(string, string)>();
        var reference = c.Reference.Where(r => !r.MustNotOffer).Select(r => r.ProductId).ToList();
        var mustNot = c.Reference.Where(r => r.MustNotOffer).Select(r => r.ProductId).ToHashSet();
        var owned = c.Persona.OwnedProductIds();
        double points;
        if (reference.Count == 0)
        {
            points = picks.Count == 0 ? 100 : 0;
            notes.Add(picks.Count == 0
                ? ("The reference offers nothing in this situation — and neither did you.", "Die Referenz bietet hier nichts an – und Sie auch nicht.")
                : ("The reference offers nothing in this situation: serve the request, offer nothing.", "Die Referenz bietet hier nichts an: Anliegen klären, nichts anbieten."));
        }
        else
        {
            var n = reference.Count;
            var best = Enumerable.Range(0, Math.Min(MaxPicks, n)).Sum(i => n - i);
            var matched = 0;
            foreach (var id in picks)
            {
                var rank = reference.IndexOf(id);
                var name = Name(c, id);
                if (rank >= 0)
                {
                    matched += n - rank;
                    notes.Add(($"{name} is offer {rank + 1} of the reference (+{n - rank} of {best}).", $"{name} ist Angebot {rank + 1} der Referenz (+{n - rank} von {best})."));
                }
                else if (mustNot.Contains(id))
                {
                    mistakes.Add(CoachingMistake.IrrelevantOffer);
                    notes.Add(($"{name} must not be offered here (−{MustNotPenalty}).", $"{name} darf hier nicht angeboten werden (−{MustNotPenalty})."));
                }
                else if (owned.Contains(id) && c.Products.GetValueOrDefault(id)?.IsRepeatable != true)
                {
                    mistakes.Add(CoachingMistake.IrrelevantOffer);
                    notes.Add(($"They already own the {name}.", $"{name} hat die Kundin oder der Kunde schon."));
                }
                else if (c.RelatedToPurchases.Contains(id))
                    notes.Add(($"{name} goes with what they own, but it is not among the best offers.", $"{name} passt zu dem, was sie haben, gehört aber nicht zu den besten Angeboten."));
                else
                {
                    mistakes.Add(CoachingMistake.IrrelevantOffer);
                    notes.Add(($"{name} has nothing to do with what they bought — an irrelevant offer.", $"{name} hat nichts mit ihren Käufen zu tun – ein unpassendes Angebot."));
                }
            }
            if (picks.Count == 0)
                notes.Add(($"No offer picked; the reference has {n}.", $"Kein Angebot gewählt; die Referenz hat {n}."));
            points = 100.0 * matched / best - MustNotPenalty * picks.Count(mustNot.Contains);
        }
        return new ScorePart(ScoreDimension.Relevance, Clamp(points), notes);
    }

    /// <summary>Half for referring to something they bought, half for speaking to their lifestyle, interests or values.</summary>
    public static ScorePart Personalisation(ScoringCase c, IReadOnlyList<string> words, List<CoachingMistake> mistakes)
    {
        var notes = new List<(string, string)>();
        var points = 0;
        var p = c.Persona;
        var purchase = p.Orders.SelectMany(o => o.Lines).Select(l => (l.ProductId, l.Product))
            .Concat(p.Subscriptions.Select(s => (ProductId: s.PlanProductId, Product: s.Plan)))
            .FirstOrDefault(x => Mentions(words, ProductKeywords(c, x.ProductId, x.Product)));
        if (purchase.Product is not null)
        {
            points += 50;
            notes.Add(($"You referred to their {purchase.Product}.", $"Sie haben an {purchase.Product} angeknüpft."));
        }
        else notes.Add(("You did not refer to anything they bought.", "Sie haben an nichts angeknüpft, was sie gekauft haben."));

        var tags = new[] { p.Lifestyle }.OfType<Customers.TagName>().Concat(p.Interests).Concat(p.Values).ToList();
        var tag = tags.FirstOrDefault(t => Mentions(words, TagKeywords(t)));
        if (tag is not null)
        {
            points += 50;
            notes.Add(($"You spoke to their {KindEn(tag.Kind)} “{tag.NameEn}”.", $"Sie haben {KindDe(tag.Kind)} „{tag.NameDe}“ aufgegriffen."));
        }
        else if (tags.Count == 0)
        {
            points += 50;
            notes.Add(("Nothing is known of their lifestyle, interests or values — nothing to miss there.", "Über Lebensstil, Interessen und Werte ist nichts bekannt – da war nichts zu verpassen."));
        }
        else notes.Add(($"Nothing about their lifestyle, interests or values ({string.Join(", ", tags.Select(t => t.NameEn))}).",
            $"Nichts zu Lebensstil, Interessen oder Werten ({string.Join(", ", tags.Select(t => t.NameDe))})."));
        if (points == 0) mistakes.Add(CoachingMistake.NoPersonalisation);
        return new ScorePart(ScoreDimension.Personalisation, points, notes);
    }

    /// <summary>Half for stating the price, half for stating what the offer does for them.</summary>
    public static ScorePart Transparency(ScoringCase c, AnswerInput answer, IReadOnlyList<string> words)
    {
        var notes = new List<(string, string)>();
        var points = 0;
        var picked = answer.Picks.Select(id => c.Products.GetValueOrDefault(id)).OfType<CaseProduct>().ToList();
        var price = MoneyPattern().Match(answer.Pitch) is { Success: true } m ? m.Value.Trim()
            : picked.Select(pr => PriceFigures(pr.Price).FirstOrDefault(f => answer.Pitch.Contains(f, StringComparison.Ordinal))).FirstOrDefault(f => f is not null);
        if (price is not null)
        {
            points += 50;
            notes.Add(($"You stated the price ({price}).", $"Sie haben den Preis genannt ({price})."));
        }
        else notes.Add(("No price stated — say plainly what it costs.", "Kein Preis genannt – sagen Sie offen, was es kostet."));

        var lower = answer.Pitch.ToLower(CultureInfo.InvariantCulture);
        var benefit = BenefitPhrases.FirstOrDefault(b => lower.Contains(b, StringComparison.Ordinal))?.Trim()
            ?? Found(words, picked.SelectMany(BenefitKeywords));
        if (benefit is not null)
        {
            points += 50;
            notes.Add(($"You said what it does for them (“{benefit}”).", $"Sie haben gesagt, was es ihnen bringt („{benefit}“)."));
        }
        else notes.Add(("No benefit stated — say what it does for them.", "Kein Nutzen genannt – sagen Sie, was es ihnen bringt."));
        return new ScorePart(ScoreDimension.Transparency, points, notes);
    }

    /// <summary>Full marks without pressure phrases; one costs 60 points, two or more all of them.</summary>
    public static ScorePart Pressure(AnswerInput answer, List<CoachingMistake> mistakes)
    {
        var found = PressureLint.Find(answer.Pitch, answer.Language);
        if (found.Count == 0)
            return new ScorePart(ScoreDimension.Pressure, 100, [("No pressure phrases.", "Keine Druckformulierungen.")]);
        mistakes.Add(CoachingMistake.ExcessivePressure);
        var list = string.Join(", ", found.Select(f => $"“{f}”"));
        var listDe = string.Join(", ", found.Select(f => $"„{f}“"));
        return new ScorePart(ScoreDimension.Pressure, found.Count == 1 ? 40 : 0,
            [($"Pressure phrases: {list} — let the customer decide in their own time.", $"Druckformulierungen: {listDe} – lassen Sie die Kundschaft in Ruhe entscheiden.")]);
    }

    /// <summary>60 points for tying the pitch to the anchor purchase, 40 for an offer that goes with it.</summary>
    public static ScorePart Timing(ScoringCase c, IReadOnlyList<int> picks, IReadOnlyList<string> words)
    {
        var anchor = c.Persona.Anchor;
        if (anchor is null)
            return new ScorePart(ScoreDimension.Timing, 100, [("No purchase to time the offer to.", "Kein Kauf, an den das Angebot zeitlich anknüpfen könnte.")]);
        var notes = new List<(string, string)>();
        var points = 0;
        var days = DaysEn(anchor.DaysBefore);
        if (Mentions(words, ProductKeywords(c, anchor.ProductId, anchor.Product)))
        {
            points += 60;
            notes.Add(($"You tied the offer to the {anchor.Product} they bought {days}.", $"Sie haben an {anchor.Product} angeknüpft, gekauft {DaysDe(anchor.DaysBefore)}."));
        }
        else notes.Add(($"You did not use the moment: they bought the {anchor.Product} {days}.", $"Sie haben den Moment nicht genutzt: {anchor.Product} wurde {DaysDe(anchor.DaysBefore)} gekauft."));
        // An offer that must not be made is no well-timed offer, however well it goes with the purchase.
        var mustNot = c.Reference.Where(r => r.MustNotOffer).Select(r => r.ProductId).ToHashSet();
        var fitting = picks.Where(id => !mustNot.Contains(id))
            .FirstOrDefault(id => c.RelatedToAnchor.Contains(id) || c.Reference.Any(r => r.ProductId == id && !r.MustNotOffer && r.AnchorProductId == anchor.ProductId));
        if (fitting != 0)
        {
            points += 40;
            notes.Add(($"{Name(c, fitting)} goes with the {anchor.Product}.", $"{Name(c, fitting)} passt zu {anchor.Product}."));
        }
        else notes.Add(($"None of your offers goes with the {anchor.Product}.", $"Keines Ihrer Angebote passt zu {anchor.Product}."));
        return new ScorePart(ScoreDimension.Timing, points, notes);
    }

    private static string Name(ScoringCase c, int id) => c.Products.GetValueOrDefault(id)?.Name ?? $"#{id}";

    private static IEnumerable<string> ProductKeywords(ScoringCase c, int productId, string name)
    {
        foreach (var k in Keywords(name)) yield return k;
        if (c.Products.GetValueOrDefault(productId) is { } p)
            foreach (var k in Keywords(p.CategoryEn).Concat(Keywords(p.CategoryDe))) yield return k;
    }

    /// <summary>Words of a product's benefit that say something beyond its name ("protective", not "Sauna" for the sauna add-on).</summary>
    private static IEnumerable<string> BenefitKeywords(CaseProduct p)
    {
        var name = Keywords(p.Name).ToList();
        return Keywords(p.BenefitEn).Concat(Keywords(p.BenefitDe)).Where(k => k.Length >= 5 && !name.Any(n => Stem(k, n)));
    }

    private static IEnumerable<string> TagKeywords(Customers.TagName tag) =>
        Keywords(tag.NameEn).Concat(Keywords(tag.NameDe)).Concat(Keywords(tag.Code.Replace('-', ' ')))
            .Concat(Synonyms.GetValueOrDefault(tag.Code, []));

    /// <summary>Words that say what a tag means in a pitch (a customer who values sustainability hears "planet" or "recycled").</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["sustainability"] = ["planet", "environment", "recycled", "repairable", "eco", "umwelt", "nachhaltig", "recycelt", "reparierbar", "langlebig"],
        ["quality"] = ["durable", "lasts", "well made", "hochwertig", "langlebig", "qualität"],
        ["price-conscious"] = ["value", "budget", "save", "saving", "günstig", "sparen", "preiswert", "preis-leistung"],
        ["convenience"] = ["easy", "simple", "convenient", "hassle", "einfach", "bequem", "praktisch", "unkompliziert"],
        ["innovation"] = ["latest", "innovative", "neueste", "innovativ"],
        ["security"] = ["safe", "protect", "protected", "peace of mind", "sicher", "schutz", "schützt", "geschützt"],
        ["travel"] = ["trip", "trips", "journey", "travelling", "reise", "reisen", "unterwegs", "urlaub"],
        ["photography"] = ["photos", "pictures", "shots", "fotos", "bilder", "aufnahmen", "fotografieren"],
        ["music"] = ["songs", "albums", "artists", "listen", "musik", "hören", "künstler"],
        ["fitness"] = ["training", "workout", "gym", "sport", "trainieren"],
        ["technology"] = ["tech", "gadget", "technik"],
        ["gaming"] = ["games", "gamer", "spiele", "zocken"],
        ["student"] = ["studies", "lectures", "lecture", "university", "campus", "studium", "vorlesung", "uni", "studierende"],
        ["family"] = ["kids", "children", "household", "familie", "kinder", "haushalt"],
        ["urban-professional"] = ["commute", "office", "work", "büro", "arbeitsweg", "beruf"],
        ["digital-nomad"] = ["remote", "anywhere", "überall", "unterwegs"],
        ["outdoor-adventurer"] = ["outdoors", "hiking", "mountains", "draußen", "wandern", "berge"],
        ["creative"] = ["creative", "projects", "kreativ", "projekte"],
        ["retiree"] = ["retirement", "grandchildren", "ruhestand", "enkel"],
    };

    private static readonly string[] BenefitPhrases =
    [
        "so you can", "so that you", "helps you", "lets you", "means you", "you can ", "protects", "saves you", "keeps your", "benefit",
        "damit sie", "so können sie", "sie können", "schützt", "spart ihnen", "hilft ihnen", "vorteil", "sorgt dafür",
    ];

    private static readonly HashSet<string> StopWords =
    [
        "with", "your", "their", "from", "this", "that", "have", "pack", "plan", "pass", "plus", "pro", "one", "and", "for", "the",
        "mit", "ihre", "ihren", "ihrem", "eine", "einen", "einem", "oder", "und", "für", "der", "die", "das", "auch", "aus", "auf",
        "every", "jedem", "jeder", "alle", "allen", "more", "mehr", "sessions",
    ];

    /// <summary>Lower-case words of a text (letters and digits, umlauts kept).</summary>
    public static IReadOnlyList<string> Words(string text) =>
        WordPattern().Matches(text.ToLower(CultureInfo.InvariantCulture)).Select(m => m.Value).ToList();

    /// <summary>The words of a name worth looking for: four letters or more, not a filler word.</summary>
    private static IEnumerable<string> Keywords(string text) => Words(text).Where(w => w.Length >= 4 && !StopWords.Contains(w) && !w.All(char.IsDigit));

    /// <summary>
    /// True when a keyword (or phrase) occurs in the pitch. Words match on a shared stem of six letters
    /// (or the shorter word whole): "sustainable" meets "sustainability", "Reise" meets "Reisen".
    /// </summary>
    private static bool Mentions(IReadOnlyList<string> words, IEnumerable<string> keywords) => Found(words, keywords) is not null;

    /// <summary>
    /// The pitch's words that match a keyword (or phrase), or null. Words match on a shared stem of six
    /// letters, or a short word whole give or take an ending: "sustainable" meets "sustainability", "Reise" meets "Reisen".
    /// </summary>
    private static string? Found(IReadOnlyList<string> words, IEnumerable<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            var parts = Words(keyword);
            if (parts.Count == 0) continue;
            for (var i = 0; i + parts.Count <= words.Count; i++)
                if (parts.Select((p, j) => Stem(words[i + j], p)).All(x => x)) return string.Join(" ", words.Skip(i).Take(parts.Count));
        }
        return null;
    }

    private static bool Stem(string word, string keyword)
    {
        if (word == keyword) return true;
        var (shorter, longer) = word.Length <= keyword.Length ? (word, keyword) : (keyword, word);
        if (shorter.Length < 4) return false;
        if (shorter.Length >= 6) return string.CompareOrdinal(word, 0, keyword, 0, 6) == 0;
        // A short word must start the longer one, give or take an ending ("photo" – "photos").
        return longer.StartsWith(shorter, StringComparison.Ordinal) && longer.Length - shorter.Length <= 2;
    }

    /// <summary>The ways a price is written: 39, 39.00, 39,00, 1,899, 1.899.</summary>
    private static IEnumerable<string> PriceFigures(decimal price)
    {
        var whole = decimal.Truncate(price) == price;
        if (whole) yield return price.ToString("0", CultureInfo.InvariantCulture);
        yield return price.ToString("0.00", CultureInfo.InvariantCulture);
        yield return price.ToString("0.00", CultureInfo.GetCultureInfo("de-DE"));
        if (price >= 1000)
        {
            yield return price.ToString("#,0", CultureInfo.InvariantCulture);
            yield return price.ToString("#,0", CultureInfo.GetCultureInfo("de-DE"));
        }
    }

    private static int Clamp(double points) => (int)Math.Round(Math.Clamp(points, 0, 100), MidpointRounding.AwayFromZero);

    private static string KindEn(Customers.TagKind kind) => kind switch
    {
        Customers.TagKind.Lifestyle => "lifestyle", Customers.TagKind.Interest => "interest", _ => "value",
    };

    private static string KindDe(Customers.TagKind kind) => kind switch
    {
        Customers.TagKind.Lifestyle => "den Lebensstil", Customers.TagKind.Interest => "das Interesse", _ => "den Wert",
    };

    private static string DaysEn(int days) => days switch { 0 => "today", 1 => "yesterday", _ => $"{days} days ago" };
    private static string DaysDe(int days) => days switch { 0 => "heute", 1 => "gestern", _ => $"vor {days} Tagen" };

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}]*|\p{N}+")]
    private static partial Regex WordPattern();

    /// <summary>An amount with a currency: "€39", "39 €", "39,00 EUR", "49 euros".</summary>
    [GeneratedRegex(@"(€\s?\d[\d.,]*|\d[\d.,]*\s?(€|eur\b|euro\b|euros\b))", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();
}
