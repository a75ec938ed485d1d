using System.Globalization;
using System.Text;

namespace CrossSellCrm.Domain.Imports;

/// <summary>A field the importer fills, named in kebab case (<c>unit-price</c>), with the headers that suggest it.</summary>
/// <param name="Synonyms">Normalised headers (lower case, letters and digits only, umlauts spelled out) in English and German.</param>
public sealed record ImportField(string Name, bool Required, params string[] Synonyms)
{
    /// <summary>What the field means, in the user's language (for --help and the wizard).</summary>
    public string Description => Localization.Messages.Text("ImportField_" + Name.Replace("-", ""));
}

/// <summary>The fields of each kind, and the mapping suggested from a file's header.</summary>
public static class ImportFields
{
    private static readonly ImportField[] Customers =
    [
        new("customer", false, "customerid", "customernumber", "customerno", "customernr", "kundennummer", "kundennr", "kundenid", "kunde", "id", "clientid", "customer"),
        new("email", false, "email", "emailaddress", "emailadresse", "mail"),
        new("first-name", false, "firstname", "vorname", "givenname", "forename"),
        new("last-name", false, "lastname", "nachname", "surname", "familyname", "familienname", "name"),
        new("phone", false, "phone", "phonenumber", "telephone", "telefon", "telefonnummer", "tel", "mobile", "handy", "mobil"),
        new("birth-date", false, "birthdate", "dateofbirth", "dob", "geburtsdatum", "geboren", "birthday"),
        new("birth-year", false, "yearbirth", "birthyear", "yearofbirth", "geburtsjahr", "jahrgang"),
        new("gender", false, "gender", "sex", "geschlecht"),
        new("income", false, "income", "annualincome", "einkommen", "jahreseinkommen"),
        new("income-band", false, "incomeband", "einkommensklasse", "einkommensgruppe"),
        new("education", false, "education", "educationlevel", "bildung", "bildungsabschluss", "abschluss", "schulabschluss"),
        new("country", false, "country", "countrycode", "land", "laendercode"),
        new("region", false, "region", "state", "province", "bundesland"),
        new("city", false, "city", "town", "ort", "stadt", "wohnort"),
        new("postal-code", false, "postalcode", "postcode", "zip", "zipcode", "plz", "postleitzahl"),
        new("lifestyle", false, "lifestyle", "lebensstil"),
        new("interests", false, "interests", "interessen"),
        new("values", false, "values", "werte"),
        new("rep", false, "rep", "repemail", "salesrep", "accountmanager", "betreuer", "berater", "vertriebsmitarbeiter"),
        new("customer-since", false, "customersince", "dtcustomer", "kundeseit", "createdat", "registered", "signupdate", "registriert"),
        new("consent-email", false, "consentemail", "emailconsent", "einwilligungemail", "newsletter"),
        new("consent-phone", false, "consentphone", "phoneconsent", "einwilligungtelefon"),
        new("consent-sms", false, "consentsms", "smsconsent", "einwilligungsms"),
        new("consent-post", false, "consentpost", "postconsent", "einwilligungpost"),
        new("consent-web", false, "consentweb", "webconsent", "einwilligungweb", "personalisation", "personalisierung"),
        new("consent-date", false, "consentdate", "einwilligungsdatum", "consentat"),
    ];

    private static readonly ImportField[] Products =
    [
        new("sku", true, "sku", "stockcode", "productcode", "itemcode", "artikelnummer", "artikelnr", "artnr", "produktnummer", "ean"),
        new("name", true, "name", "productname", "description", "title", "bezeichnung", "artikelbezeichnung", "produktname", "artikel", "produkt"),
        new("brand", false, "brand", "manufacturer", "marke", "hersteller"),
        new("category", false, "category", "productcategory", "kategorie", "warengruppe", "produktgruppe"),
        new("price", true, "price", "unitprice", "listprice", "preis", "verkaufspreis", "vkpreis", "vk"),
        new("unit-cost", false, "unitcost", "cost", "costprice", "einkaufspreis", "ekpreis", "ek", "einstandspreis"),
        new("kind", false, "kind", "type", "producttype", "art", "typ", "produktart"),
        new("active", false, "active", "isactive", "aktiv"),
        new("repeatable", false, "repeatable", "consumable", "wiederkehrend", "verbrauchsartikel"),
        new("benefit-en", false, "benefiten", "benefit", "usp"),
        new("benefit-de", false, "benefitde", "nutzen", "vorteil"),
        new("compatibility", false, "compatibility", "compatibilitytags", "tags", "kompatibilitaet", "passtzu"),
    ];

    private static readonly ImportField[] Relations =
    [
        new("from-sku", true, "fromsku", "from", "anchor", "anchorsku", "vonsku", "von", "hauptartikel"),
        new("to-sku", true, "tosku", "to", "complement", "complementsku", "zusku", "zu", "zubehoer", "ergaenzung"),
        new("kind", false, "kind", "type", "relation", "art", "typ", "beziehung"),
        new("bundle-discount", false, "bundlediscount", "discount", "discountpercent", "bundlerabatt", "rabatt"),
    ];

    private static readonly ImportField[] Orders =
    [
        new("order", true, "order", "ordernumber", "orderno", "orderid", "invoiceno", "invoice", "invoicenumber", "transaction", "transactionid",
            "bestellnummer", "bestellung", "auftragsnummer", "auftrag", "rechnungsnummer", "belegnummer", "beleg"),
        new("customer", false, "customerid", "customer", "customernumber", "customerno", "kundennummer", "kundennr", "kundenid", "kunde", "email", "emailadresse"),
        new("date", true, "date", "orderdate", "invoicedate", "orderedat", "datum", "bestelldatum", "rechnungsdatum", "belegdatum"),
        new("time", false, "time", "uhrzeit", "zeit"),
        new("channel", false, "channel", "saleschannel", "kanal", "vertriebskanal", "vertriebsweg"),
        new("sku", true, "sku", "stockcode", "productcode", "itemcode", "artikelnummer", "artikelnr", "artnr", "produktnummer", "item"),
        new("product-name", false, "productname", "description", "product", "itemname", "artikelbezeichnung", "bezeichnung", "produktname", "artikel", "produkt"),
        new("quantity", false, "quantity", "qty", "amount", "menge", "anzahl", "stueck", "stk"),
        new("unit-price", false, "unitprice", "price", "preis", "einzelpreis", "stueckpreis", "vkpreis"),
        new("discount", false, "discount", "linediscount", "rabatt", "nachlass"),
        new("country", false, "country", "land"),
    ];

    private static readonly ImportField[] Subscriptions =
    [
        new("customer", false, "customerid", "customer", "customernumber", "kundennummer", "kundennr", "kunde", "email"),
        new("plan", true, "plan", "plansku", "sku", "tarif", "abo", "produkt"),
        new("started-on", true, "startedon", "start", "startdate", "since", "beginn", "startdatum", "seit"),
        new("ended-on", false, "endedon", "end", "enddate", "cancelledon", "ende", "enddatum", "gekuendigtzum"),
        new("status", false, "status", "state", "zustand"),
        new("monthly-price", false, "monthlyprice", "monthlyfee", "price", "monatspreis", "monatsbeitrag", "beitrag"),
    ];

    private static readonly ImportField[] Offers =
    [
        new("customer", false, "customerid", "customer", "customernumber", "kundennummer", "kundennr", "kunde", "email"),
        new("sku", true, "sku", "product", "productsku", "offer", "artikelnummer", "angebot", "produkt"),
        new("date", true, "date", "presentedat", "offeredat", "calledat", "datum", "angebotenam", "anruf"),
        new("rep", false, "rep", "repemail", "salesrep", "agent", "berater", "mitarbeiter"),
        new("channel", false, "channel", "kanal", "contactchannel"),
        new("outcome", true, "outcome", "result", "answer", "ergebnis", "antwort"),
        new("decline-reason", false, "declinereason", "reason", "ablehnungsgrund", "grund"),
        new("follow-up-on", false, "followupon", "followup", "callbackon", "wiedervorlage", "rueckrufam"),
    ];

    public static IReadOnlyList<ImportField> Of(ImportKind kind) => kind switch
    {
        ImportKind.Subscriptions => Subscriptions,
        ImportKind.Offers => Offers,
        ImportKind.Customers => Customers,
        ImportKind.Products => Products,
        ImportKind.Relations => Relations,
        ImportKind.Orders => Orders,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// For each field, the column whose header names it (an exact name first, then the synonyms in their order); each
    /// column serves one field at most. A header that is already a field's name ("unit-price", as exports write) wins.
    /// </summary>
    public static Dictionary<string, string> Suggest(ImportKind kind, IReadOnlyList<string> header)
    {
        var normalised = header.Select(Normalise).ToArray();
        var taken = new HashSet<int>();
        var mapping = new Dictionary<string, string>();
        var fields = Of(kind);
        foreach (var field in fields)
        {
            var exact = Array.FindIndex(normalised, h => h == Normalise(field.Name));
            if (exact >= 0 && taken.Add(exact)) mapping[field.Name] = header[exact];
        }
        foreach (var field in fields.Where(f => !mapping.ContainsKey(f.Name)))
        {
            foreach (var synonym in field.Synonyms)
            {
                var index = Array.FindIndex(normalised, h => h == synonym);
                if (index < 0 || !taken.Add(index)) continue;
                mapping[field.Name] = header[index];
                break;
            }
        }
        return mapping;
    }

    /// <summary>"E-Mail-Adresse" → "emailadresse", "Stückpreis" → "stueckpreis", "Year_Birth" → "yearbirth".</summary>
    public static string Normalise(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header.Trim().ToLowerInvariant())
        {
            switch (c)
            {
                case 'ä': text.Append("ae"); break;
                case 'ö': text.Append("oe"); break;
                case 'ü': text.Append("ue"); break;
                case 'ß': text.Append("ss"); break;
                default:
                    if (char.IsAsciiLetterOrDigit(c)) text.Append(c);
                    else if (char.IsLetter(c)) text.Append(RemoveAccent(c));
                    break;
            }
        }
        return text.ToString();
    }

    private static string RemoveAccent(char c) =>
        new(c.ToString().Normalize(NormalizationForm.FormD).Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark).ToArray());
}
