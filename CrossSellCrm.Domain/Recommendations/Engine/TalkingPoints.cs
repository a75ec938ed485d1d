using System.Globalization;
using CrossSellCrm.Domain.Catalog;

namespace CrossSellCrm.Domain.Recommendations.Engine;

public enum Objection { Price, AlreadyHaveOne, NotNow }

/// <summary>What a rep can say about one offer: open, benefit, personal hook, the price plainly, a close without pressure, and answers.</summary>
public sealed record TalkingPoints(string Opener, string Benefit, string? PersonalHook, string Price, string Close, IReadOnlyList<(Objection Objection, string Answer)> Objections)
{
    public IEnumerable<string> All() => new[] { Opener, Benefit, PersonalHook ?? "", Price, Close }.Concat(Objections.Select(o => o.Answer));
}

/// <summary>
/// Writes talking points from templates per offer kind, in English or German, personalised by the
/// customer's values, interests and lifestyle; transparent about price and bundle saving; never pressing.
/// </summary>
public static class TalkingPointWriter
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo De = CultureInfo.GetCultureInfo("de-DE");

    public static TalkingPoints Write(RecommendedOffer offer, Psychographics customer, string language)
    {
        var de = language == "de";
        var p = offer.Product;
        var anchor = offer.Anchor?.Name;
        var opener = (anchor, offer.Relation, de) switch
        {
            (null, _, false) => $"Many customers with interests like yours have found the {p.Name} worth a look — may I tell you about it?",
            (null, _, true) => $"Viele Kunden mit ähnlichen Interessen schätzen {p.Name} – darf ich Ihnen kurz davon erzählen?",
            (_, RelationKind.AddOn, false) => $"Since you have {anchor}, there is an add-on you might like.",
            (_, RelationKind.AddOn, true) => $"Da Sie {anchor} nutzen, gibt es eine Ergänzung, die Ihnen gefallen könnte.",
            (_, RelationKind.Upgrade, false) => $"You have been using {anchor} for a while — there is a step up that may suit you.",
            (_, RelationKind.Upgrade, true) => $"Sie nutzen {anchor} schon eine Weile – es gibt eine Stufe darüber, die passen könnte.",
            (_, _, false) => $"How are you getting on with your {anchor}?",
            (_, _, true) => $"Wie kommen Sie mit {anchor} zurecht?",
        };
        var benefitText = de ? p.BenefitDe : p.BenefitEn;
        var benefit = string.IsNullOrWhiteSpace(benefitText)
            ? (de ? $"{p.Name} passt gut dazu." : $"The {p.Name} goes well with it.")
            : (de ? $"{p.Name}: {benefitText}" : $"The {p.Name}: {benefitText}");

        var price = Money(p.Price, de);
        var priceText = offer.BundleDiscountPercent is { } pct && anchor is not null
            ? (de
                ? $"Es kostet {price}; zusammen mit {anchor} gibt es {pct.ToString("0.#", De)} % Paketrabatt, also {Money(p.Price * (1 - pct / 100m), de)}."
                : $"It costs {price}; with your {anchor} there is a {pct.ToString("0.#", En)} % bundle discount, so {Money(p.Price * (1 - pct / 100m), de)}.")
            : (de ? $"Der Preis ist {price}, ohne versteckte Kosten." : $"The price is {price}, with no hidden costs.");
        var close = de
            ? "Wenn es nichts für Sie ist, ist das völlig in Ordnung – ich kann Ihnen die Details auch zum Nachlesen schicken."
            : "If it's not for you, that's absolutely fine — I can also send you the details to read in your own time.";
        IReadOnlyList<(Objection, string)> objections = de
            ?
            [
                (Objection.Price, $"Verstehe ich. Es sind {price} – wenn das gerade nicht passt, lassen wir es einfach."),
                (Objection.AlreadyHaveOne, "Dann sind Sie gut ausgestattet. Falls Ihres einmal ersetzt werden soll, wissen Sie, wo Sie uns finden."),
                (Objection.NotNow, "Natürlich. Soll ich es mir notieren, damit wir ein anderes Mal darüber sprechen können?"),
            ]
            :
            [
                (Objection.Price, $"I understand. It's {price} — if that doesn't fit right now, we'll simply leave it."),
                (Objection.AlreadyHaveOne, "Then you're well set up. If yours ever needs replacing, you know where to find us."),
                (Objection.NotNow, "Of course. Shall I make a note so we can talk about it another time?"),
            ];
        return new TalkingPoints(opener, benefit, Hook(p, customer, de), priceText, close, objections);
    }

    /// <summary>One personal hook: the first of the customer's values that speaks to this product, else an interest, else the lifestyle.</summary>
    private static string? Hook(CatalogProduct product, Psychographics customer, bool de)
    {
        var eco = product.CompatibilityTags.Contains("eco");
        foreach (var value in customer.Values)
        {
            var hook = (value, eco, de) switch
            {
                ("sustainability", true, false) => "You care about sustainability — this one is made to last and kinder to the planet.",
                ("sustainability", true, true) => "Nachhaltigkeit ist Ihnen wichtig – dieses Produkt ist langlebig und ressourcenschonend.",
                ("sustainability", false, false) => "You care about sustainability — looking after what you already own makes it last longer.",
                ("sustainability", false, true) => "Nachhaltigkeit ist Ihnen wichtig – was man gut schützt, hält länger.",
                ("quality", _, false) => "You value quality — this is one customers keep for years.",
                ("quality", _, true) => "Qualität ist Ihnen wichtig – das ist etwas, das Kunden jahrelang nutzen.",
                ("price-conscious", _, false) => "You like good value — I'll be clear about the price so you can judge for yourself.",
                ("price-conscious", _, true) => "Ihnen ist ein gutes Preis-Leistungs-Verhältnis wichtig – ich nenne Ihnen den Preis offen, damit Sie selbst entscheiden.",
                ("convenience", _, false) => "You like things simple — this saves you a step every day.",
                ("convenience", _, true) => "Sie mögen es unkompliziert – das erspart Ihnen jeden Tag einen Handgriff.",
                ("innovation", _, false) => "You like new ideas — this is one of the newer ones in its class.",
                ("innovation", _, true) => "Sie mögen neue Ideen – das ist eines der neueren Produkte seiner Art.",
                ("security", _, false) => "Peace of mind matters to you — this protects what you already have.",
                ("security", _, true) => "Sicherheit ist Ihnen wichtig – das schützt, was Sie schon haben.",
                _ => null,
            };
            if (hook is not null) return hook;
        }
        foreach (var interest in customer.Interests)
        {
            var hook = (interest, de) switch
            {
                ("travel", false) => "Handy when you travel.",
                ("travel", true) => "Praktisch auf Reisen.",
                ("photography", false) => "Good for your photography.",
                ("photography", true) => "Gut für Ihre Fotografie.",
                ("music", false) => "Nice for the music you love.",
                ("music", true) => "Schön für die Musik, die Sie mögen.",
                ("fitness", false) => "It fits your training routine.",
                ("fitness", true) => "Passt zu Ihrem Training.",
                ("technology", false) => "A neat piece of tech, if you enjoy that.",
                ("technology", true) => "Ein schönes Stück Technik, wenn Sie so etwas mögen.",
                _ => null,
            };
            if (hook is not null) return hook;
        }
        return (customer.Lifestyle, de) switch
        {
            ("student", false) => "Many students find it practical for lectures and on the go.",
            ("student", true) => "Viele Studierende finden es praktisch – in der Vorlesung und unterwegs.",
            ("family", false) => "Families tell us it makes everyday life a little easier.",
            ("family", true) => "Familien erzählen uns, dass es den Alltag etwas leichter macht.",
            _ => null,
        };
    }

    private static string Money(decimal amount, bool de) => Catalog.Money.Format(amount, de ? De : En);
}
