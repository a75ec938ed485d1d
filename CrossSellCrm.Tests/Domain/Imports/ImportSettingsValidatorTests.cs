using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Tests.Integration.Imports;

namespace CrossSellCrm.Tests.Domain.Imports;

public class ImportSettingsValidatorTests
{
    private static readonly string[] RetailHeader = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country", "Revenue", "Month"];

    private static List<string> Problems(IReadOnlyList<string> header, ImportSettings settings)
    {
        using var _ = ImportTest.English();
        return new ImportSettingsValidator(header).Validate(settings).Errors.Select(e => e.ErrorMessage).ToList();
    }

    private static Dictionary<string, string> Map(params (string Field, string Column)[] pairs) => pairs.ToDictionary(p => p.Field, p => p.Column);

    [Fact]
    public void SuggestedRetailOrderMapping_IsValid()
    {
        Assert.Empty(Problems(RetailHeader, ImportTest.RetailOrders()));
        Assert.Empty(Problems(RetailHeader, new ImportSettings(ImportKind.Orders, ImportFields.Suggest(ImportKind.Orders, RetailHeader))));
    }

    [Fact]
    public void UnknownField_NamedWithTheKindsFields()
    {
        var mapping = Map(("order", "InvoiceNo"), ("date", "InvoiceDate"), ("sku", "StockCode"), ("unit-price", "UnitPrice"), ("colour", "Country"));
        var problem = Assert.Single(Problems(RetailHeader, new ImportSettings(ImportKind.Orders, mapping)));
        Assert.Equal("\"colour\" is no field of orders; the fields are: order, customer, date, time, channel, sku, product-name, quantity, unit-price, discount, country.", problem);
    }

    [Fact]
    public void FieldOfAnotherKind_IsUnknownToThisOne()
    {
        var mapping = Map(("order", "InvoiceNo"), ("date", "InvoiceDate"), ("sku", "StockCode"), ("unit-price", "UnitPrice"), ("price", "UnitPrice"));
        Assert.StartsWith("\"price\" is no field of orders", Assert.Single(Problems(RetailHeader, new ImportSettings(ImportKind.Orders, mapping))));
    }

    [Fact]
    public void MissingColumn_NamedWithTheFilesColumns()
    {
        var mapping = Map(("order", "InvoiceNo"), ("date", "InvoiceDate"), ("sku", "StockCode"), ("unit-price", "UnitPrice"), ("customer", "Kunde"));
        var problem = Assert.Single(Problems(RetailHeader, new ImportSettings(ImportKind.Orders, mapping)));
        Assert.Equal("The column \"Kunde\" (for customer) is not in the file. Its columns: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country, Revenue, Month.", problem);
    }

    [Fact]
    public void ColumnNames_AreMatchedExactly()
    {
        var mapping = Map(("order", "invoiceno"), ("date", "InvoiceDate"), ("sku", "StockCode"), ("unit-price", "UnitPrice"));
        Assert.StartsWith("The column \"invoiceno\" (for order)", Assert.Single(Problems(RetailHeader, new ImportSettings(ImportKind.Orders, mapping))));
    }

    [Fact]
    public void RequiredFields_EachMissingOneNamed()
    {
        var problems = Problems(RetailHeader, new ImportSettings(ImportKind.Orders, Map(("order", "InvoiceNo"), ("sku", "StockCode"))));
        Assert.Equal(["Map a column to the field \"date\": the import needs it."], problems); // a missing price comes from the catalogue

        var products = Problems(RetailHeader, new ImportSettings(ImportKind.Products, Map(("sku", "StockCode"))));
        Assert.Equal(["Map a column to the field \"name\": the import needs it.", "Map a column to the field \"price\": the import needs it."], products);

        var relations = Problems(["from", "to"], new ImportSettings(ImportKind.Relations, Map(("from-sku", "from"))));
        Assert.Equal(["Map a column to the field \"to-sku\": the import needs it."], relations);
    }

    [Fact]
    public void Customers_NeedCustomerNumberOrEmail()
    {
        string[] header = ["Kundennummer", "Vorname", "E-Mail"];
        var problem = Assert.Single(Problems(header, new ImportSettings(ImportKind.Customers, Map(("first-name", "Vorname")))));
        Assert.Equal("Map the customer number or the e-mail: customers are found by one of them.", problem);
        Assert.Empty(Problems(header, new ImportSettings(ImportKind.Customers, Map(("customer", "Kundennummer")))));
        Assert.Empty(Problems(header, new ImportSettings(ImportKind.Customers, Map(("email", "E-Mail")))));
    }

    [Fact]
    public void UnknownCulture_Refused()
    {
        var problem = Assert.Single(Problems(RetailHeader, ImportTest.RetailOrders() with { Culture = "fr-FR" }));
        Assert.Equal("The culture \"fr-FR\" is not one the importer reads; choose one of en-US, en-GB, de-DE.", problem);
    }

    [Theory]
    [InlineData("HH:mm")]
    [InlineData("")]
    public void DateFormatWithoutDayMonthOrYear_Refused(string format)
    {
        var problem = Assert.Single(Problems(RetailHeader, ImportTest.RetailOrders() with { DateFormat = format }));
        Assert.Equal("A date format names day, month and year, e.g. dd.MM.yyyy.", problem);
    }

    [Fact]
    public void DateFormat_Accepted() => Assert.Empty(Problems(RetailHeader, ImportTest.RetailOrders() with { DateFormat = "dd-MM-yyyy HH:mm" }));

    [Fact]
    public void SeveralProblems_AllReported()
    {
        var problems = Problems(RetailHeader, new ImportSettings(ImportKind.Customers, Map(("colour", "Country"), ("city", "Town")), "xx-XX"));
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("The culture \"xx-XX\""));
        Assert.Contains(problems, p => p.StartsWith("\"colour\" is no field of customers"));
        Assert.Contains(problems, p => p.StartsWith("The column \"Town\" (for city)"));
        Assert.Contains("Map the customer number or the e-mail: customers are found by one of them.", problems);
    }

    [Fact]
    public void Settings_SurviveTheirJson()
    {
        var settings = new ImportSettings(ImportKind.Customers, Map(("customer", "ID"), ("birth-year", "Year_Birth")), "en-GB", "dd-MM-yyyy", true);
        var back = ImportSettings.FromJson(settings.ToJson());
        Assert.Equal(settings.Kind, back.Kind);
        Assert.Equal(settings.Mapping.OrderBy(p => p.Key), back.Mapping.OrderBy(p => p.Key));
        Assert.Equal(("en-GB", "dd-MM-yyyy", true), (back.Culture, back.DateFormat, back.CreateMissing));
    }
}
