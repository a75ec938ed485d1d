using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.DemoData;

/// <summary>
/// Ready-made practice cases, one scenario per kind of cross-selling in the demo catalogue (accessories,
/// subscription add-ons, bundles) plus a "just declined" trap, each written in English and in German.
/// The reference answers are hand-written, as a trainer would.
/// </summary>
public static class DemoCases
{
    private sealed record Text(string Title, string Situation, string Says, string Notes);

    private sealed record Scenario(
        CaseWorld World, CaseDifficulty Difficulty, Objection? Objection, string NameEn, string NameDe, int Age, Gender Gender, IncomeBand Income,
        EducationLevel Education, string Country, string City, string Lifestyle, string[] Interests, string[] Values, string[] Segments,
        (string Sku, int DaysBefore, SalesChannel Channel)[] Purchases, (string Sku, int DaysBefore)[] Plans,
        (string Sku, int DaysBefore, DeclineReason Reason)[] Declined, string[] Reference, string[] MustNot, Text En, Text De,
        Attempt[] Attempts);

    /// <summary>A canned practice answer, from weak to good, for the demo's practice history (scored by the real scorer when seeded).</summary>
    private sealed record Attempt(string[] Skus, string En, string De);

    private static readonly Scenario[] Scenarios =
    [
        new(CaseWorld.ElectronicsAccessories, CaseDifficulty.Easy, Objection.Price, "Lena Fischer", "Lena Fischer", 22, Gender.Female, IncomeBand.Low, EducationLevel.Secondary,
            "DE", "Leipzig", "student", ["travel", "music"], ["sustainability"], ["Students", "Sustainability-minded", "RFM: New customers"],
            [("PH-PIX9", 3, SalesChannel.Online)], [], [],
            ["CS-PELA", "CH-PB20", "HP-PBP2"], ["CS-IP16"],
            new("A new Pixel 9 and a long train ride", "Calls about the delivery of the Google Pixel 9 she bought online three days ago — it arrived, she wants to move her photos over.",
                "“The phone is great! But I'm a student — I really don't want to spend much more this month.”",
                "Trap: the iPhone case does not fit. Best: the compostable case (sustainability) and a power bank for her travels. Take the price worry seriously: say the price plainly and let her decide."),
            new("Ein neues Pixel 9 und eine lange Zugfahrt", "Ruft wegen der Lieferung des Google Pixel 9 an, das sie vor drei Tagen online gekauft hat – es ist angekommen, sie möchte ihre Fotos übertragen.",
                "„Das Handy ist super! Aber ich studiere – diesen Monat will ich wirklich nicht viel mehr ausgeben.“",
                "Falle: Die iPhone-Hülle passt nicht. Am besten: die kompostierbare Hülle (Nachhaltigkeit) und eine Powerbank für ihre Reisen. Die Preissorge ernst nehmen: Preis offen nennen und sie entscheiden lassen."),
            [
                new(["CS-IP16"], "Only today: a case for your phone! You must buy it now.", "Nur heute: eine Hülle für Ihr Handy! Sie müssen jetzt zugreifen."),
                new(["CS-PIX9"], "We have a nice case for the Pixel 9, it costs €39.", "Wir haben eine schöne Hülle für das Pixel 9, sie kostet 39 €."),
                new(["CS-PELA", "CH-PB20"], "How is the new Pixel 9? You care about the planet: the Pela case is compostable and still protective, €45. For your train rides a power bank gives three full charges. No pressure at all.",
                    "Wie gefällt Ihnen das neue Pixel 9? Nachhaltigkeit ist Ihnen wichtig: Die Pela-Hülle ist kompostierbar und trotzdem schützend, 45 €. Für Ihre Reisen gibt eine Powerbank drei volle Ladungen. Ganz ohne Druck."),
            ]),
        new(CaseWorld.SubscriptionAddOns, CaseDifficulty.Medium, Objection.NotNow, "Jonas Weber", "Jonas Weber", 34, Gender.Male, IncomeBand.UpperMiddle, EducationLevel.Master,
            "DE", "Hamburg", "urban-professional", ["fitness"], ["quality"], ["Fitness regulars"],
            [], [("FT-MEM", 21)], [("FT-REC", 5, DeclineReason.TooExpensive)],
            ["FT-PT5", "FT-NUT"], ["FT-REC"],
            new("Three weeks into the gym", "Calls to move the direct-debit date of his FitClub membership, which he started three weeks ago.",
                "“I go four times a week but I'm not sure I'm doing the right exercises. Anyway — I just wanted to change the date.”",
                "He declined the sauna add-on five days ago as too expensive — offering it again is pressure. His own words open the door to personal training; the nutrition plan fits his goal."),
            new("Drei Wochen im Studio", "Ruft an, um das Abbuchungsdatum seiner FitClub-Mitgliedschaft zu ändern, die er vor drei Wochen begonnen hat.",
                "„Ich gehe viermal die Woche, bin mir aber nicht sicher, ob ich die richtigen Übungen mache. Egal – ich wollte nur das Datum ändern.“",
                "Er hat die Sauna-Ergänzung vor fünf Tagen als zu teuer abgelehnt – sie erneut anzubieten ist Druck. Seine eigenen Worte öffnen die Tür zum Personal Training; der Ernährungsplan passt zu seinem Ziel."),
            [
                new(["FT-REC"], "The sauna add-on is back — last chance, only a few places left!", "Die Sauna-Ergänzung gibt es wieder – letzte Chance, nur noch wenige Plätze!"),
                new(["FT-NUT"], "A nutrition plan might interest you, it is €79.", "Ein Ernährungsplan könnte Sie interessieren, er kostet 79 €."),
                new(["FT-PT5", "FT-NUT"], "You train four times a week at FitClub — a coach can check your exercises: five sessions of personal training are €249, a plan built around your goals. If not now, I'll note it.",
                    "Sie trainieren viermal die Woche im FitClub – ein Coach kann Ihre Übungen prüfen: fünf Einheiten Personal Training kosten 249 €, ein Plan nach Ihren Zielen. Wenn nicht jetzt, notiere ich es mir."),
            ]),
        new(CaseWorld.Bundles, CaseDifficulty.Hard, Objection.AlreadyHaveOne, "Mara Kowalski", "Mara Kowalski", 41, Gender.Female, IncomeBand.High, EducationLevel.Bachelor,
            "AT", "Graz", "creative", ["photography", "travel"], ["quality"], ["Photo enthusiasts", "RFM: Promising"],
            [("CM-A7IV", 2, SalesChannel.Store), ("MC-SDX128", 2, SalesChannel.Store)], [], [],
            ["LN-FE50", "TR-PDTRAV", "MC-LEX256"], ["LN-RF50"],
            new("A full-frame camera before a trip", "Calls two days after buying a Sony Alpha 7 IV and a memory card in the shop: which settings for a trip to Iceland next month?",
                "“I already have a card, and the kit lens came with it. I think I have everything.”",
                "The 50 mm lens comes at 10 % off as a bundle with the camera — say so. The Canon lens does not fit a Sony E mount. She already has one card: a second, larger one is fine for a trip, but do not push it."),
            new("Eine Vollformatkamera vor der Reise", "Ruft zwei Tage nach dem Kauf einer Sony Alpha 7 IV und einer Speicherkarte im Laden an: welche Einstellungen für eine Island-Reise im nächsten Monat?",
                "„Eine Karte habe ich schon, und das Kit-Objektiv war dabei. Ich glaube, ich habe alles.“",
                "Das 50-mm-Objektiv gibt es im Paket mit der Kamera 10 % günstiger – sagen Sie das. Das Canon-Objektiv passt nicht an Sony E. Eine Karte hat sie schon: eine zweite, größere ist für die Reise sinnvoll, aber nicht drängen."),
            [
                new(["LN-RF50"], "Buy this lens now, everyone is buying it!", "Kaufen Sie jetzt dieses Objektiv, alle kaufen es!"),
                new(["MC-LEX256"], "Another memory card for €89 gives you room for the trip.", "Eine weitere Speicherkarte für 89 € gibt Ihnen Platz für die Reise."),
                new(["LN-FE50", "TR-PDTRAV"], "For your photography trip with the new Alpha 7 IV: the 50 mm lens is 10 % off as a bundle, €251.10, for portraits with soft backgrounds, and the travel tripod is as small as a water bottle. Take your time.",
                    "Für Ihre Fotoreise mit der neuen Alpha 7 IV: Das 50-mm-Objektiv gibt es im Paket 10 % günstiger, 251,10 €, für Porträts mit weichem Hintergrund, und das Reisestativ ist so klein wie eine Wasserflasche. Lassen Sie sich Zeit."),
            ]),
        new(CaseWorld.ElectronicsAccessories, CaseDifficulty.Medium, Objection.Price, "Peter Novak", "Peter Novak", 47, Gender.Male, IncomeBand.Middle, EducationLevel.Vocational,
            "DE", "Köln", "family", ["cooking"], ["price-conscious"], ["RFM: New customers"],
            [("LT-MBA13", 6, SalesChannel.Online)], [], [("MS-MAGIC", 4, DeclineReason.TooExpensive)],
            ["BG-INCASE", "KB-MAGIC"], ["MS-MAGIC"],
            new("A MacBook for the family — and a mouse he said no to", "Calls because the MacBook Air he bought six days ago for the family shows a setup message.",
                "“The kids are already fighting over it. Last time your colleague tried to sell me a mouse — no thanks.”",
                "He declined the Magic Mouse four days ago as too expensive: never pitch it again this soon. A sleeve protects a laptop the whole family carries around; be plain about prices — he values good value."),
            new("Ein MacBook für die Familie – und eine Maus, die er abgelehnt hat", "Ruft an, weil das MacBook Air, das er vor sechs Tagen für die Familie gekauft hat, eine Einrichtungsmeldung zeigt.",
                "„Die Kinder streiten sich schon darum. Letztes Mal wollte mir Ihr Kollege eine Maus verkaufen – nein danke.“",
                "Er hat die Magic Mouse vor vier Tagen als zu teuer abgelehnt: so bald nie wieder anbieten. Eine Hülle schützt einen Laptop, den die ganze Familie herumträgt; Preise offen nennen – ihm ist ein gutes Preis-Leistungs-Verhältnis wichtig."),
            [
                new(["MS-MAGIC"], "The Magic Mouse again — you have to try it, act now.", "Noch einmal die Magic Mouse – Sie müssen sie ausprobieren, jetzt zugreifen."),
                new(["KB-MAGIC"], "A keyboard goes well with the MacBook.", "Eine Tastatur passt gut zum MacBook."),
                new(["BG-INCASE"], "With the kids carrying the MacBook around, a slim sleeve protects it for €59 — good value for what a repair costs. Only if it helps you.",
                    "Wenn die Kinder das MacBook herumtragen, schützt es eine schlanke Hülle für 59 € – ein gutes Preis-Leistungs-Verhältnis gegen eine Reparatur. Nur wenn es Ihnen hilft."),
            ]),
    ];

    /// <summary>The cases in both languages, with product ids from the generated catalogue.</summary>
    /// <param name="segments">Segments a scenario names that do not exist are left out.</param>
    public static IEnumerable<PracticeCase> For(IReadOnlyList<Product> products, IReadOnlyList<ProductRelation> relations, IReadOnlyList<Tag> tags,
        IReadOnlyList<Segmentation.Segment> segments, DateTime createdAt)
    {
        var bySku = products.ToDictionary(p => p.Sku);
        TagName Tag(TagKind kind, string code)
        {
            var t = tags.First(t => t.Kind == kind && t.Code == code);
            return new TagName(kind, code, t.NameEn, t.NameDe);
        }
        var id = 0;
        foreach (var s in Scenarios)
            foreach (var language in new[] { "en", "de" })
            {
                var text = language == "de" ? s.De : s.En;
                var persona = new CasePersona
                {
                    Name = language == "de" ? s.NameDe : s.NameEn, Age = s.Age, Gender = s.Gender, Income = s.Income, Education = s.Education,
                    Country = s.Country, City = s.City,
                    Lifestyle = Tag(TagKind.Lifestyle, s.Lifestyle),
                    Interests = s.Interests.Select(c => Tag(TagKind.Interest, c)).ToList(),
                    Values = s.Values.Select(c => Tag(TagKind.Value, c)).ToList(),
                    Segments = segments.Where(x => s.Segments.Contains(x.Name)).Select(x => new CaseSegment(x.Id, x.NameFor(language))).ToList(),
                    Orders = s.Purchases.GroupBy(p => (p.DaysBefore, p.Channel)).OrderBy(g => g.Key.DaysBefore)
                        .Select(g => new CaseOrder(g.Key.DaysBefore, g.Key.Channel, g.Select(p => new CaseLine(bySku[p.Sku].Id, bySku[p.Sku].Name, 1, bySku[p.Sku].Price)).ToList()))
                        .ToList(),
                    OrderCount = s.Purchases.Select(p => p.DaysBefore).Distinct().Count(),
                    Subscriptions = s.Plans.Select(p => new CaseSubscription(bySku[p.Sku].Id, bySku[p.Sku].Name, p.DaysBefore, SubscriptionStatus.Active, bySku[p.Sku].Price)).ToList(),
                    Offers = s.Declined.Select(d => new CaseOffer(bySku[d.Sku].Id, bySku[d.Sku].Name, d.DaysBefore, OfferOutcome.Declined, d.Reason)).ToList(),
                    Consents = [ContactChannel.Phone, ContactChannel.Email],
                    HistoricalClv = s.Purchases.Sum(p => bySku[p.Sku].Price - bySku[p.Sku].UnitCost),
                };
                var anchor = persona.Anchor?.ProductId;
                var reference = s.Reference
                    .Select(sku => (Id: bySku[sku].Id, Relation: relations.FirstOrDefault(r => r.FromProductId == anchor && r.ToProductId == bySku[sku].Id)))
                    .Select(x => new ReferenceOffer(x.Id, false, anchor, x.Relation?.Kind, x.Relation?.BundleDiscountPercent))
                    .Concat(s.MustNot.Select(sku => new ReferenceOffer(bySku[sku].Id, true)))
                    .ToList();
                yield return new PracticeCase
                {
                    Id = ++id, Title = text.Title, Language = language, Difficulty = s.Difficulty, World = s.World, Objection = s.Objection,
                    Situation = text.Situation, CustomerSays = text.Says, TrainerNotes = text.Notes,
                    PersonaJson = CaseJson.Write(persona), ReferenceJson = CaseJson.Write(reference),
                    CreatedAt = createdAt, UpdatedAt = createdAt, Version = Guid.NewGuid(),
                };
            }
    }

    /// <summary>
    /// A practice history for the demo reps: a few solo sessions each over the last two months, more
    /// often good answers the more they practised — each answer scored by the real scorer.
    /// </summary>
    /// <param name="cases">The cases from <see cref="For"/>, in its order (each scenario in English, then German).</param>
    public static (List<PracticeSession> Sessions, List<PracticeAnswer> Answers) History(
        IReadOnlyList<PracticeCase> cases, IReadOnlyList<Product> products, IReadOnlyList<ProductRelation> relations,
        IReadOnlyList<string> repIds, DateTime asOf, Random random)
    {
        var bySku = products.ToDictionary(p => p.Sku);
        var caseProducts = products.ToDictionary(p => p.Id, p => new CaseProduct(p.Id, p.Name, p.Category!.NameEn, p.Category.NameDe, p.Price, p.BenefitEn, p.BenefitDe, p.IsRepeatable));
        var curated = relations.Select(r => (r.FromProductId, r.ToProductId)).ToList();
        var sessions = new List<PracticeSession>();
        var answers = new List<PracticeAnswer>();
        foreach (var rep in repIds)
        {
            var count = random.Next(3, 8);
            for (var k = 0; k < count; k++)
            {
                var index = random.Next(cases.Count);
                var practiceCase = cases[index];
                var scenario = Scenarios[index / 2];
                var persona = CaseJson.Persona(practiceCase.PersonaJson);
                var scoring = ScoringCase.From(persona, CaseJson.Reference(practiceCase.ReferenceJson), caseProducts, curated);
                // Practice pays: the later the session, the likelier the good answer.
                var progress = count == 1 ? 1 : (double)k / (count - 1);
                var roll = random.NextDouble();
                var attempt = scenario.Attempts[roll < 0.2 + 0.6 * progress ? 2 : roll < 0.75 ? 1 : 0];
                var picks = attempt.Skus.Select(sku => bySku[sku].Id).ToList();
                var pitch = practiceCase.Language == "de" ? attempt.De : attempt.En;
                var score = AnswerScorer.Score(scoring, new AnswerInput(picks, pitch, practiceCase.Language));
                var at = asOf.Date.AddDays(-60 + k * 55 / count).AddHours(9 + random.Next(0, 8)).AddMinutes(random.Next(0, 60));
                var session = new PracticeSession
                {
                    Id = sessions.Count + 1, CaseId = practiceCase.Id, Mode = SessionMode.Solo, Code = $"DEMO{sessions.Count + 1:D2}"[..6],
                    HostId = rep, StartedAt = at, RevealedAt = at.AddMinutes(3),
                };
                sessions.Add(session);
                var answer = new PracticeAnswer
                {
                    Id = answers.Count + 1, SessionId = session.Id, TraineeId = rep, PickedProductIds = string.Join(",", picks), Pitch = pitch,
                    SubmittedAt = at.AddMinutes(3), SecondsTaken = random.Next(60, 240),
                };
                answer.Record(score);
                answers.Add(answer);
            }
        }
        return (sessions, answers);
    }
}
