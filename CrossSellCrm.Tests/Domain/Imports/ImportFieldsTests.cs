using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Domain.Recommendations;

namespace CrossSellCrm.Tests.Domain.Imports;

public class ImportFieldsTests
{
    /// <summary>A real file's header, split by hand (not by the reader under test).</summary>
    private static string[] HeaderOf(string dataset, char separator) => File.ReadLines(RealData.DatasetPath(dataset)).First().Split(separator);

    [Fact]
    public void Suggest_OnlineRetailFileAsOrders_EveryFieldItHas()
    {
        var header = HeaderOf("online_retail_10k.csv", ',');
        Assert.Equal(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country", "Revenue", "Month"], header);
        var mapping = ImportFields.Suggest(ImportKind.Orders, header);
        Assert.Equal(new Dictionary<string, string>
        {
            ["order"] = "InvoiceNo", ["customer"] = "CustomerID", ["date"] = "InvoiceDate", ["sku"] = "StockCode", ["product-name"] = "Description",
            ["quantity"] = "Quantity", ["unit-price"] = "UnitPrice", ["country"] = "Country",
        }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_OnlineRetailFileAsProducts_SkuNameAndPrice()
    {
        var mapping = ImportFields.Suggest(ImportKind.Products, HeaderOf("online_retail_10k.csv", ','));
        Assert.Equal(new Dictionary<string, string> { ["sku"] = "StockCode", ["name"] = "Description", ["price"] = "UnitPrice" }.OrderBy(p => p.Key),
            mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_MarketingCampaignFileAsCustomers_TabSeparatedHeader()
    {
        var header = HeaderOf("marketing_campaign.csv", '\t');
        Assert.Equal(29, header.Length);
        var mapping = ImportFields.Suggest(ImportKind.Customers, header);
        Assert.Equal(new Dictionary<string, string>
        {
            ["customer"] = "ID", ["birth-year"] = "Year_Birth", ["education"] = "Education", ["income"] = "Income", ["customer-since"] = "Dt_Customer",
        }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_BakeryFileAsOrders_TransactionDateTimeItem_NoPriceNoCustomer()
    {
        var mapping = ImportFields.Suggest(ImportKind.Orders, HeaderOf("BreadBasket_DMS.csv", ','));
        Assert.Equal(new Dictionary<string, string> { ["order"] = "Transaction", ["date"] = "Date", ["time"] = "Time", ["sku"] = "Item" }.OrderBy(p => p.Key),
            mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_GermanCustomerHeader()
    {
        var mapping = ImportFields.Suggest(ImportKind.Customers, "Kundennummer;Vorname;Nachname;E-Mail;PLZ;Ort".Split(';'));
        Assert.Equal(new Dictionary<string, string>
        {
            ["customer"] = "Kundennummer", ["first-name"] = "Vorname", ["last-name"] = "Nachname", ["email"] = "E-Mail", ["postal-code"] = "PLZ", ["city"] = "Ort",
        }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_GermanOrderHeader_UmlautsSpelledOut()
    {
        var mapping = ImportFields.Suggest(ImportKind.Orders, "Belegnummer;Kundennummer;Belegdatum;Uhrzeit;Artikelnummer;Bezeichnung;Menge;Stückpreis;Rabatt;Land".Split(';'));
        Assert.Equal(new Dictionary<string, string>
        {
            ["order"] = "Belegnummer", ["customer"] = "Kundennummer", ["date"] = "Belegdatum", ["time"] = "Uhrzeit", ["sku"] = "Artikelnummer",
            ["product-name"] = "Bezeichnung", ["quantity"] = "Menge", ["unit-price"] = "Stückpreis", ["discount"] = "Rabatt", ["country"] = "Land",
        }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_GermanCustomerHeaderWithMoreFields()
    {
        var header = new[] { "Kunden-Nr.", "E-Mail-Adresse", "Telefon", "Geburtsdatum", "Geschlecht", "Straße", "Bundesland", "Wohnort", "Postleitzahl", "Kunde seit", "Betreuer" };
        var mapping = ImportFields.Suggest(ImportKind.Customers, header);
        Assert.Equal(new Dictionary<string, string>
        {
            ["customer"] = "Kunden-Nr.", ["email"] = "E-Mail-Adresse", ["phone"] = "Telefon", ["birth-date"] = "Geburtsdatum", ["gender"] = "Geschlecht",
            ["region"] = "Bundesland", ["city"] = "Wohnort", ["postal-code"] = "Postleitzahl", ["customer-since"] = "Kunde seit", ["rep"] = "Betreuer",
        }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_HeaderThatIsAFieldName_Wins()
    {
        // An export of the CRM itself: "unit-price" is the field; "Price" would be its synonym but the exact name wins.
        var mapping = ImportFields.Suggest(ImportKind.Orders, ["Price", "order", "unit-price", "sku", "date", "Product-Name", "Description"]);
        Assert.Equal("unit-price", mapping["unit-price"]);
        Assert.Equal("Product-Name", mapping["product-name"]);
        Assert.Equal("order", mapping["order"]);
        Assert.DoesNotContain("Price", mapping.Values);
        Assert.DoesNotContain("Description", mapping.Values);
    }

    [Fact]
    public void Suggest_EmailColumnOfAnOrdersFile_IsTheCustomerKey()
    {
        var mapping = ImportFields.Suggest(ImportKind.Orders, ["Order ID", "E-Mail", "Order Date", "SKU", "Qty", "Price"]);
        Assert.Equal("E-Mail", mapping["customer"]);
        Assert.Equal("Order ID", mapping["order"]);
        Assert.Equal("Order Date", mapping["date"]);
        Assert.Equal("Qty", mapping["quantity"]);
        Assert.Equal("Price", mapping["unit-price"]);
    }

    [Fact]
    public void Suggest_SynonymOrder_DecidesBetweenTwoCandidates()
    {
        // Both "Kunde" and "E-Mail" name the orders' customer; "kunde" comes first among its synonyms.
        var mapping = ImportFields.Suggest(ImportKind.Orders, ["Bestellung", "E-Mail", "Kunde", "Datum", "Artikelnr", "Preis"]);
        Assert.Equal("Kunde", mapping["customer"]);
        Assert.DoesNotContain("E-Mail", mapping.Values);
    }

    public static TheoryData<ImportKind> Kinds() => [ImportKind.Customers, ImportKind.Products, ImportKind.Relations, ImportKind.Orders];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Suggest_EveryNameAndSynonymOfAKind_EachColumnServesOneFieldAtMost(ImportKind kind)
    {
        // Every word any field of the kind answers to, once each: the suggestion must never give one column to two fields.
        var header = ImportFields.Of(kind).SelectMany(f => f.Synonyms.Prepend(f.Name)).Distinct().ToArray();
        var mapping = ImportFields.Suggest(kind, header);
        Assert.Equal(mapping.Count, mapping.Values.Distinct().Count());
        Assert.Equal(ImportFields.Of(kind).Select(f => f.Name).Order(), mapping.Keys.Order());
        foreach (var field in ImportFields.Of(kind)) Assert.Equal(field.Name, mapping[field.Name]); // each field's own name wins
    }

    [Fact]
    public void Suggest_HeaderWrittenTwice_TheFieldTakesTheFirstColumn()
    {
        var mapping = ImportFields.Suggest(ImportKind.Customers, ["Kunde", "Name", "Name"]);
        Assert.Equal(new Dictionary<string, string> { ["customer"] = "Kunde", ["last-name"] = "Name" }.OrderBy(p => p.Key), mapping.OrderBy(p => p.Key));
    }

    [Fact]
    public void Suggest_UnknownHeaders_NothingSuggested()
    {
        Assert.Empty(ImportFields.Suggest(ImportKind.Orders, ["Foo", "Bar", ""]));
    }

    [Theory]
    [InlineData("E-Mail-Adresse", "emailadresse")]
    [InlineData("Stückpreis", "stueckpreis")]
    [InlineData("Year_Birth", "yearbirth")]
    [InlineData(" Größe ", "groesse")]
    [InlineData("Straße", "strasse")]
    [InlineData("ÄÖÜ", "aeoeue")]
    [InlineData("Catégorie", "categorie")]
    [InlineData("unit-price", "unitprice")]
    [InlineData("Kunden-Nr.", "kundennr")]
    public void Normalise_LowerCaseLettersAndDigits_UmlautsSpelledOut(string header, string expected) => Assert.Equal(expected, ImportFields.Normalise(header));

    [Fact]
    public void Of_RequiredFields()
    {
        Assert.Equal(["order", "date", "sku"], ImportFields.Of(ImportKind.Orders).Where(f => f.Required).Select(f => f.Name));
        Assert.Equal(["sku", "name", "price"], ImportFields.Of(ImportKind.Products).Where(f => f.Required).Select(f => f.Name));
        Assert.Equal(["from-sku", "to-sku"], ImportFields.Of(ImportKind.Relations).Where(f => f.Required).Select(f => f.Name));
        Assert.DoesNotContain(ImportFields.Of(ImportKind.Customers), f => f.Required); // customer or email: checked by the validator
    }

    [Fact]
    public void Of_EverySynonymIsNormalised_SoThatItCanMatch()
    {
        foreach (var kind in Enum.GetValues<ImportKind>())
            foreach (var field in ImportFields.Of(kind))
                foreach (var synonym in field.Synonyms)
                    Assert.True(ImportFields.Normalise(synonym) == synonym, $"{kind.Name()}.{field.Name}: \"{synonym}\" can never match a normalised header");
    }
}
