using System.Globalization;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Engine;

public enum Objection { Price, AlreadyHaveOne, NotNow }

/// <summary>What a rep can say about one offer: open, benefit, personal hook, the price plainly, a close without pressure, and answers.</summary>
public sealed record TalkingPoints(string Opener, string Benefit, string? PersonalHook, string Price, string Close, IReadOnlyList<(Objection Objection, string Answer)> Objections)
{
    public IEnumerable<string> All() => new[] { Opener, Benefit, PersonalHook ?? "", Price, Close }.Concat(Objections.Select(o => o.Answer));
}

/// <summary>Who the rep talks to: their psychographics, and the channels they agreed to be written to (for "I can send you the details").</summary>
public sealed record Listener(Psychographics Psychographics, IReadOnlySet<ContactChannel> Consents)
{
    public static readonly Listener Unknown = new(Psychographics.None, new HashSet<ContactChannel>());

    /// <summary>The written channel the rep may offer to send details by, if the customer agreed to one: e-mail before post before SMS.</summary>
    public ContactChannel? WrittenChannel =>
        new[] { ContactChannel.Email, ContactChannel.Post, ContactChannel.Sms }.Cast<ContactChannel?>().FirstOrDefault(c => Consents.Contains(c!.Value));
}

/// <summary>
/// Writes talking points from templates per offer kind, in English or German, personalised by the customer's values,
/// interests and lifestyle; transparent about price and bundle saving; never pressing. German uses each product's gender
/// ("mit Ihrer Fujifilm X-T5"). The three cards of one panel use different wording (by rank), and offer to send details
/// only through a channel the customer consented to.
/// </summary>
/// <summary>How a card's talking points are ordered: an experiment may test leading with the benefit.</summary>
public enum TalkingPointStyle { Standard, BenefitFirst }

public static class TalkingPointWriter
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo De = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>How many wordings each part has: one per card of a panel, so three cards never read alike.</summary>
    public const int Variants = 3;

    public static TalkingPoints Write(RecommendedOffer offer, Listener listener, string language, TalkingPointStyle style = TalkingPointStyle.Standard)
    {
        var de = language == "de";
        var variant = (Math.Max(1, offer.Rank) - 1) % Variants;
        var p = offer.Product;
        var hooks = Hooks(p, listener.Psychographics, de);
        var (opener, benefit) = (Opener(offer, de, variant), Benefit(p, de, variant));
        // Benefit first: the rep opens with what the product does for the customer, and asks after.
        if (style == TalkingPointStyle.BenefitFirst) (opener, benefit) = (benefit, opener);
        return new TalkingPoints(
            opener, benefit, variant < hooks.Count ? hooks[variant] : null,
            Price(offer, de, variant), Close(listener.WrittenChannel, de, variant), Objections(p, de));
    }

    private static string Opener(RecommendedOffer offer, bool de, int variant)
    {
        var p = offer.Product;
        // A replacement opens with what it replaces, not with the model's anchor: the customer's own one has aged.
        if (offer.Replaces is var (old, days))
        {
            var age = de ? AgeDe(days) : AgeEn(days);
            return (de, variant) switch
            {
                (false, 0) => $"Your {old.Name} is {age} old now — if you ever think of a new one, the {p.Name} may be worth a look.",
                (false, 1) => $"How is your {old.Name} holding up after {age}? When it is time for a new one, I can tell you about the {p.Name}.",
                (false, _) => $"Many customers replace their {old.Name} at about {age}. Shall I tell you what the {p.Name} does differently?",
                (true, 0) => $"{GermanNoun.Capital(old.German.YourSubject)} {old.German.Verb("ist", "sind")} jetzt {age} alt – falls Sie einmal über Ersatz nachdenken, lohnt sich ein Blick auf {p.German.DefiniteObject}.",
                (true, 1) => $"Wie bewährt sich {old.German.YourSubject} nach {AgeDativeDe(days)}? Wenn es Zeit für Ersatz ist, erzähle ich Ihnen gern von {p.German.DefiniteDative}.",
                (true, _) => $"Viele Kunden ersetzen {old.German.DefiniteObject} nach etwa {AgeDativeDe(days)}. Soll ich Ihnen zeigen, was {p.German.Definite} anders {p.German.Verb("macht", "machen")}?",
            };
        }
        if (offer.Anchor is not { } anchorProduct)
            return (de, variant) switch
            {
                (false, 0) => $"Many customers with interests like yours have found the {p.Name} worth a look — may I tell you about it?",
                (false, 1) => $"There is something I think could suit you: the {p.Name}. Shall I tell you a little about it?",
                (false, _) => $"May I mention one thing that customers like you often ask about? It's the {p.Name}.",
                (true, 0) => $"Viele Kunden mit ähnlichen Interessen schätzen {p.German.DefiniteObject} – darf ich Ihnen kurz davon erzählen?",
                (true, 1) => $"Ich glaube, etwas könnte gut zu Ihnen passen: {p.German.Definite}. Soll ich kurz davon erzählen?",
                (true, _) => $"Darf ich eine Sache erwähnen, nach der Kunden wie Sie oft fragen? Es geht um {p.German.DefiniteObject}.",
            };
        var anchor = anchorProduct.German;
        var a = anchorProduct.Name;
        return (offer.Relation, de, variant) switch
        {
            (RelationKind.AddOn, false, 0) => $"Since you have {a}, there is an add-on you might like.",
            (RelationKind.AddOn, false, 1) => $"With {a} you can add something that many members enjoy.",
            (RelationKind.AddOn, false, _) => $"One thing that goes with {a}, if you are interested:",
            (RelationKind.AddOn, true, 0) => $"Da Sie {anchor.YourObject} nutzen, gibt es eine Ergänzung, die Ihnen gefallen könnte.",
            (RelationKind.AddOn, true, 1) => $"Zu {anchor.YourDative} können Sie etwas dazunehmen, das viele gern nutzen.",
            (RelationKind.AddOn, true, _) => $"Eine Sache, die zu {anchor.YourDative} passt, falls es Sie interessiert:",
            (RelationKind.Upgrade, false, 0) => $"You have been using {a} for a while — there is a step up that may suit you.",
            (RelationKind.Upgrade, false, 1) => $"If {a} ever feels too small, there is a next step.",
            (RelationKind.Upgrade, false, _) => $"Some customers with {a} move up to the next level — may I explain the difference?",
            (RelationKind.Upgrade, true, 0) => $"Sie nutzen {anchor.YourObject} schon eine Weile – es gibt eine Stufe darüber, die passen könnte.",
            (RelationKind.Upgrade, true, 1) => $"Falls Ihnen {anchor.YourSubject} einmal zu klein {anchor.Verb("wird", "werden")}, gibt es einen nächsten Schritt.",
            (RelationKind.Upgrade, true, _) => $"Manche Kunden mit {anchor.YourDative} wechseln eine Stufe höher – darf ich den Unterschied erklären?",
            (_, false, 0) => $"How are you getting on with your {a}?",
            (_, false, 1) => $"Now that you have your {a}, may I mention something that goes well with it?",
            (_, false, _) => $"Many people who buy the {a} ask about this next.",
            (_, true, 0) => $"Wie kommen Sie mit {anchor.YourDative} zurecht?",
            (_, true, 1) => $"Darf ich Ihnen zu {anchor.YourDative} kurz etwas zeigen, das gut dazu passt?",
            (_, true, _) => $"Viele, die {anchor.DefiniteObject} kaufen, fragen als Nächstes danach.",
        };
    }

    private static string Benefit(CatalogProduct p, bool de, int variant)
    {
        var benefit = de ? p.BenefitDe : p.BenefitEn;
        var n = p.German;
        if (string.IsNullOrWhiteSpace(benefit))
            return (de, variant) switch
            {
                (false, 0) => $"The {p.Name} goes well with it.",
                (false, 1) => $"The {p.Name} is made to work with what you have.",
                (false, _) => $"The {p.Name} fits right in.",
                (true, 0) => $"{GermanNoun.Capital(n.Definite)} {n.Verb("passt", "passen")} gut dazu.",
                (true, 1) => $"{GermanNoun.Capital(n.Definite)} {n.Verb("ist", "sind")} dafür gemacht, mit dem zusammenzuarbeiten, was Sie schon haben.",
                (true, _) => $"{GermanNoun.Capital(n.Definite)} {n.Verb("fügt", "fügen")} sich gut ein.",
            };
        return (de, variant) switch
        {
            (false, 0) => $"The {p.Name}: {benefit}",
            (false, 1) => $"What the {p.Name} gives you: {benefit}",
            (false, _) => $"In short: {benefit}",
            (true, 0) => $"{GermanNoun.Capital(n.Definite)}: {benefit}",
            (true, 1) => $"Was {n.Definite} Ihnen {n.Verb("bringt", "bringen")}: {benefit}",
            (true, _) => $"Kurz gesagt: {benefit}",
        };
    }

    private static string Price(RecommendedOffer offer, bool de, int variant)
    {
        var p = offer.Product;
        var n = p.German;
        var price = Money(p.Price, de);
        if (offer.BundleDiscountPercent is { } pct && offer.Anchor is { } anchor)
        {
            var net = Money(p.Price * (1 - pct / 100m), de);
            return de
                ? $"{GermanNoun.Capital(n.Definite)} {n.Verb("kostet", "kosten")} {price}; zusammen mit {anchor.German.YourDative} gibt es {pct.ToString("0.#", De)} % Paketrabatt, also {net}."
                : $"It costs {price}; with your {anchor.Name} there is a {pct.ToString("0.#", En)} % bundle discount, so {net}.";
        }
        return (de, variant) switch
        {
            (false, 0) => $"The price is {price}, with no hidden costs.",
            (false, 1) => $"It's {price}, everything included.",
            (false, _) => $"{price} — that is the whole price, nothing on top.",
            (true, 0) => $"Der Preis ist {price}, ohne versteckte Kosten.",
            (true, 1) => $"{GermanNoun.Capital(n.Definite)} {n.Verb("kostet", "kosten")} {price}, alles inklusive.",
            (true, _) => $"{price} – das ist der ganze Preis, nichts kommt dazu.",
        };
    }

    /// <summary>A close without pressure; the offer to send details only through a written channel the customer agreed to.</summary>
    private static string Close(ContactChannel? written, bool de, int variant)
    {
        if (written is { } channel)
            return (de, variant) switch
            {
                (false, 0) => $"If it's not for you, that's absolutely fine — I can also send you the details by {ChannelEn(channel)} to read in your own time.",
                (false, 1) => $"Take your time with it — shall I send you the details by {ChannelEn(channel)}?",
                (false, _) => $"Just say if it's not for you; I can also send the details by {ChannelEn(channel)} so you can look at them later.",
                (true, 0) => $"Wenn es nichts für Sie ist, ist das völlig in Ordnung – ich kann Ihnen die Details auch per {ChannelDe(channel)} zum Nachlesen schicken.",
                (true, 1) => $"Lassen Sie sich Zeit damit – soll ich Ihnen die Details per {ChannelDe(channel)} schicken?",
                (true, _) => $"Sagen Sie einfach, wenn es nichts für Sie ist; die Details kann ich Ihnen auch per {ChannelDe(channel)} schicken, zum späteren Ansehen.",
            };
        return (de, variant) switch
        {
            (false, 0) => "If it's not for you, that's absolutely fine.",
            (false, 1) => "Take your time with it — just tell me what you think.",
            (false, _) => "Only if it helps you; otherwise we simply leave it.",
            (true, 0) => "Wenn es nichts für Sie ist, ist das völlig in Ordnung.",
            (true, 1) => "Lassen Sie sich Zeit damit – sagen Sie mir einfach, was Sie denken.",
            (true, _) => "Nur wenn es Ihnen hilft; sonst lassen wir es einfach.",
        };
    }

    private static IReadOnlyList<(Objection, string)> Objections(CatalogProduct p, bool de)
    {
        var price = Money(p.Price, de);
        var n = p.German;
        return de
            ?
            [
                (Objection.Price, $"Verstehe ich. Es sind {price} – wenn das gerade nicht passt, lassen wir es einfach."),
                (Objection.AlreadyHaveOne, $"Dann sind Sie gut ausgestattet. Falls {n.Yours} einmal ersetzt werden {n.Verb("soll", "sollen")}, wissen Sie, wo Sie uns finden."),
                (Objection.NotNow, "Natürlich. Soll ich es mir notieren, damit wir ein anderes Mal darüber sprechen können?"),
            ]
            :
            [
                (Objection.Price, $"I understand. It's {price} — if that doesn't fit right now, we'll simply leave it."),
                (Objection.AlreadyHaveOne, "Then you're well set up. If yours ever needs replacing, you know where to find us."),
                (Objection.NotNow, "Of course. Shall I make a note so we can talk about it another time?"),
            ];
    }

    private static string ChannelEn(ContactChannel c) => c switch { ContactChannel.Email => "e-mail", ContactChannel.Post => "post", _ => "text message" };

    private static string ChannelDe(ContactChannel c) => c switch { ContactChannel.Email => "E-Mail", ContactChannel.Post => "Post", _ => "SMS" };

    /// <summary>The personal hooks for this customer and product, best first: their values that speak to it, then interests, then the lifestyle.</summary>
    private static List<string> Hooks(CatalogProduct product, Psychographics customer, bool de)
    {
        var hooks = new List<string>();
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
            if (hook is not null) hooks.Add(hook);
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
            if (hook is not null) hooks.Add(hook);
        }
        var lifestyle = (customer.Lifestyle, de) switch
        {
            ("student", false) => "Many students find it practical for lectures and on the go.",
            ("student", true) => "Viele Studierende finden es praktisch – in der Vorlesung und unterwegs.",
            ("family", false) => "Families tell us it makes everyday life a little easier.",
            ("family", true) => "Familien erzählen uns, dass es den Alltag etwas leichter macht.",
            _ => null,
        };
        if (lifestyle is not null) hooks.Add(lifestyle);
        return hooks;
    }
    private static string Money(decimal amount, bool de) => Catalog.Money.Format(amount, de ? De : En);

    /// <summary>An owned product's age in words: "about 20 months", "over two years" — a rep does not say "600 days".</summary>
    private static string AgeEn(int days) => days switch
    {
        < 60 => $"{days} days",
        < 730 => $"about {Math.Round(days / 30.4)} months",
        _ => $"about {(days / 365.25).ToString("0.#", En)} years",
    };

    private static string AgeDe(int days) => days switch
    {
        < 60 => $"{days} Tage",
        < 730 => $"etwa {Math.Round(days / 30.4)} Monate",
        _ => $"etwa {(days / 365.25).ToString("0.#", De)} Jahre",
    };

    private static string AgeDativeDe(int days) => days switch
    {
        < 60 => $"{days} Tagen",
        < 730 => $"{Math.Round(days / 30.4)} Monaten",
        _ => $"{(days / 365.25).ToString("0.#", De)} Jahren",
    };
}
