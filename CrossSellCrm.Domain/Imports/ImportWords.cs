using System.Globalization;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Domain.Imports;

/// <summary>The words files use for the CRM's choices, in English and German (normalised: lower case, letters and digits).</summary>
public static class ImportWords
{
    public static Gender? Gender(string word) => word switch
    {
        "f" or "female" or "woman" or "w" or "weiblich" or "frau" or "fr" => Customers.Gender.Female,
        "m" or "male" or "man" or "maennlich" or "mann" or "herr" or "hr" => Customers.Gender.Male,
        "d" or "diverse" or "divers" or "x" or "other" or "nonbinary" => Customers.Gender.Diverse,
        "u" or "unknown" or "unbekannt" => Customers.Gender.Unknown,
        _ => null,
    };

    /// <summary>The marketing-campaign file's levels too: Basic, Graduation, 2n Cycle (a master's), PhD.</summary>
    public static EducationLevel? Education(string word) => word switch
    {
        "secondary" or "basic" or "highschool" or "school" or "hauptschule" or "realschule" or "abitur" or "mittlerereife" => EducationLevel.Secondary,
        "vocational" or "apprenticeship" or "ausbildung" or "lehre" or "berufsausbildung" or "meister" => EducationLevel.Vocational,
        "bachelor" or "graduation" or "graduate" or "undergraduate" or "ba" or "bsc" => EducationLevel.Bachelor,
        "master" or "2ncycle" or "secondcycle" or "postgraduate" or "diplom" or "magister" or "ma" or "msc" => EducationLevel.Master,
        "doctorate" or "phd" or "doctor" or "dr" or "promotion" or "doktor" => EducationLevel.Doctorate,
        "unknown" or "unbekannt" => EducationLevel.Unknown,
        _ => null,
    };

    public static IncomeBand? IncomeBandOf(string word) => word switch
    {
        "low" or "niedrig" => IncomeBand.Low,
        "lowermiddle" or "untere mitte" or "unteremitte" => IncomeBand.LowerMiddle,
        "middle" or "mitte" or "mittel" => IncomeBand.Middle,
        "uppermiddle" or "oberemitte" => IncomeBand.UpperMiddle,
        "high" or "hoch" => IncomeBand.High,
        "unknown" or "unbekannt" => IncomeBand.Unknown,
        _ => null,
    };

    /// <summary>A yearly household income in the store's currency, as a band (the CRM keeps bands, not amounts).</summary>
    public static IncomeBand IncomeBandOf(decimal yearly) => yearly switch
    {
        < 25_000 => IncomeBand.Low,
        < 40_000 => IncomeBand.LowerMiddle,
        < 60_000 => IncomeBand.Middle,
        < 90_000 => IncomeBand.UpperMiddle,
        _ => IncomeBand.High,
    };

    public static SalesChannel? Channel(string word) => word switch
    {
        "store" or "shop" or "instore" or "retail" or "pos" or "filiale" or "laden" or "geschaeft" => SalesChannel.Store,
        "online" or "web" or "webshop" or "onlineshop" or "internet" or "ecommerce" => SalesChannel.Online,
        "phone" or "telephone" or "call" or "telefon" or "telefonisch" => SalesChannel.Phone,
        _ => null,
    };

    public static ProductKind? ProductKind(string word) => word switch
    {
        "physical" or "product" or "goods" or "produkt" or "ware" or "artikel" => Catalog.ProductKind.Physical,
        "service" or "dienstleistung" or "leistung" => Catalog.ProductKind.Service,
        "subscriptionplan" or "subscription" or "plan" or "abo" or "abonnement" => Catalog.ProductKind.SubscriptionPlan,
        "addon" or "zusatz" or "zusatzleistung" or "erweiterung" => Catalog.ProductKind.AddOn,
        _ => null,
    };

    public static RelationKind? RelationKind(string word) => word switch
    {
        "accessory" or "complement" or "zubehoer" or "ergaenzung" => Catalog.RelationKind.Accessory,
        "bundle" or "paket" or "set" => Catalog.RelationKind.Bundle,
        "addon" or "zusatz" or "zusatzleistung" => Catalog.RelationKind.AddOn,
        "upgrade" or "aufwertung" => Catalog.RelationKind.Upgrade,
        _ => null,
    };

    public static Orders.SubscriptionStatus? SubscriptionStatus(string word) => word switch
    {
        "active" or "running" or "aktiv" or "laufend" => Orders.SubscriptionStatus.Active,
        "paused" or "pausiert" or "ruhend" => Orders.SubscriptionStatus.Paused,
        "cancelled" or "canceled" or "ended" or "gekuendigt" or "beendet" => Orders.SubscriptionStatus.Cancelled,
        _ => null,
    };

    public static Customers.ContactChannel? ContactChannel(string word) => word switch
    {
        "phone" or "telephone" or "call" or "telefon" => Customers.ContactChannel.Phone,
        "email" or "mail" => Customers.ContactChannel.Email,
        "sms" or "text" => Customers.ContactChannel.Sms,
        "post" or "mail post" or "letter" or "brief" => Customers.ContactChannel.Post,
        "instore" or "store" or "shop" or "laden" or "filiale" => Customers.ContactChannel.InStore,
        "web" or "webshop" or "website" or "online" => Customers.ContactChannel.Web,
        _ => null,
    };

    public static Recommendations.OfferOutcome? Outcome(string word) => word switch
    {
        "accepted" or "yes" or "bought" or "angenommen" or "gekauft" or "ja" => Recommendations.OfferOutcome.Accepted,
        "declined" or "no" or "rejected" or "abgelehnt" or "nein" => Recommendations.OfferOutcome.Declined,
        "later" or "followup" or "spaeter" or "wiedervorlage" => Recommendations.OfferOutcome.Later,
        "noanswer" or "none" or "keineantwort" => Recommendations.OfferOutcome.NoAnswer,
        _ => null,
    };

    public static Recommendations.DeclineReason? DeclineReason(string word) => word switch
    {
        "tooexpensive" or "price" or "zuteuer" or "preis" => Recommendations.DeclineReason.TooExpensive,
        "alreadyowned" or "alreadyhasone" or "hatschon" or "schonvorhanden" => Recommendations.DeclineReason.AlreadyOwned,
        "notneeded" or "nichtgebraucht" or "keinbedarf" => Recommendations.DeclineReason.NotNeeded,
        "notnow" or "nichtjetzt" => Recommendations.DeclineReason.NotNow,
        "other" or "sonstiges" or "anderes" => Recommendations.DeclineReason.Other,
        _ => null,
    };

    private static readonly Dictionary<string, string> Countries = BuildCountries();

    /// <summary>A country's ISO code from its code (DE, DEU) or name in English or German ("United Kingdom", "Deutschland", "EIRE").</summary>
    public static string? Country(string text) => ImportFields.Normalise(text) is { Length: > 0 } key ? Countries.GetValueOrDefault(key) : null;

    private static Dictionary<string, string> BuildCountries()
    {
        var map = new Dictionary<string, string>();
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); } catch (ArgumentException) { continue; }
            var code = region.TwoLetterISORegionName;
            if (code.Length != 2 || !char.IsAsciiLetter(code[0])) continue;
            foreach (var name in new[] { code, region.ThreeLetterISORegionName, region.EnglishName, region.NativeName, region.Name })
                Add(name, code);
            try { Add(new RegionInfo("de-" + code).NativeName, code); } catch (ArgumentException) { /* no German name */ }
        }
        // What shop systems write besides the official names.
        foreach (var (name, code) in new[]
        {
            ("EIRE", "IE"), ("RSA", "ZA"), ("USA", "US"), ("UK", "GB"), ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"),
            ("Großbritannien", "GB"), ("Vereinigtes Königreich", "GB"), ("Holland", "NL"), ("Czech Republic", "CZ"), ("Channel Islands", "JE"),
            ("Deutschland", "DE"), ("Österreich", "AT"), ("Schweiz", "CH"), ("Frankreich", "FR"), ("Italien", "IT"), ("Spanien", "ES"),
            ("Niederlande", "NL"), ("Belgien", "BE"), ("Dänemark", "DK"), ("Schweden", "SE"), ("Norwegen", "NO"), ("Finnland", "FI"),
            ("Polen", "PL"), ("Tschechien", "CZ"), ("Irland", "IE"), ("Griechenland", "GR"), ("Vereinigte Staaten", "US"), ("Türkei", "TR"),
        })
            map[ImportFields.Normalise(name)] = code;
        return map;

        // A name in a script the normalisation drops entirely (Chakma, Adlam) would be the key "": no country at all.
        void Add(string name, string code)
        {
            if (ImportFields.Normalise(name) is { Length: > 0 } key) map.TryAdd(key, code);
        }
    }
}
