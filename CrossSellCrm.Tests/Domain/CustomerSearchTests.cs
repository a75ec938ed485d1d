using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Tests.Domain;

public class CustomerSearchTests
{
    [Theory]
    [InlineData("+49 (221) 973-3202", new[] { "492219733202" })]
    [InlineData("0150/731", new[] { "0150731" })]
    [InlineData("  Anna   Müller ", new[] { "anna", "müller" })]
    [InlineData("C0000042", new[] { "c0000042" })]
    [InlineData("12", new[] { "12" })]          // two digits are not a phone number yet: a plain word
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    public void Terms_SplitWordsAndReducePhoneNumbersToDigits(string query, string[] expected) =>
        Assert.Equal(expected, CustomerSearch.Terms(query));

    [Fact]
    public void SearchText_HoldsEveryFieldAndTheGermanSpellings()
    {
        var text = CustomerSearch.SearchTextOf("Jörg", "Müßig", "joerg.muessig@example.com", "C0000007", "München", "491701234567");
        foreach (var word in new[] { "jörg", "müßig", "joerg", "muessig", "jorg", "mussig", "münchen", "muenchen", "munchen", "c0000007", "491701234567", "@example.com" })
            Assert.Contains(word, text);
    }

    [Fact]
    public void SearchText_WithoutGermanLetters_HasNoVariants() =>
        Assert.Equal("anna smith anna@example.com c1 leeds 4412", CustomerSearch.SearchTextOf("Anna", "Smith", "anna@example.com", "C1", "Leeds", "4412"));

    [Fact]
    public void Customer_SearchText_FollowsItsFields()
    {
        var customer = new Customer { CustomerNumber = "C9", FirstName = "Ömer", LastName = "Yıldız", Country = "DE", City = "Köln" };
        Assert.Contains("oemer", customer.SearchText);
        customer.LastName = "Schäfer";
        Assert.Contains("schaefer", customer.SearchText);
        Assert.DoesNotContain("yıldız", customer.SearchText);
    }
}
