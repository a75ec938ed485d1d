using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Tests.Domain;

public class CustomerProfileInputTests
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static CustomerProfileInput Valid() => new()
    {
        FirstName = "Jürgen", LastName = "Groß", Email = "juergen.gross@example.de", Phone = "+49 (211) 555-0101",
        BirthDate = new DateTime(1980, 5, 1), Country = "DE", City = "Düsseldorf", PostalCode = "40213",
    };

    private static IEnumerable<string> Errors(CustomerProfileInput input) =>
        new CustomerProfileInputValidator(Clock).Validate(input).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}");

    [Fact]
    public void Valid_GermanProfile_HasNoErrors() => Assert.Empty(Errors(Valid()));

    [Theory]
    [InlineData("DE", "80331", true)]
    [InlineData("DE", "8033", false)]
    [InlineData("AT", "1010", true)]
    [InlineData("AT", "10100", false)]
    [InlineData("CH", "8001", true)]
    [InlineData("GB", "SW1A 1AA", true)]
    [InlineData("GB", "12345", false)]
    [InlineData("NL", "1234 AB", true)]
    [InlineData("SE", "114 55", true)]
    public void PostalCode_IsCheckedPerCountry(string country, string code, bool valid)
    {
        var input = Valid();
        (input.Country, input.PostalCode) = (country, code);
        Assert.Equal(valid, !Errors(input).Any(e => e.StartsWith("PostalCode", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1900, 1, 1, false)]   // 126 years
    [InlineData(2016, 1, 1, false)]   // 10 years
    [InlineData(2012, 11, 27, true)]  // 14 today
    [InlineData(1916, 11, 28, true)]  // 109
    public void BirthDate_MustGiveAPlausibleAge(int year, int month, int day, bool valid)
    {
        var input = Valid();
        input.BirthDate = new DateTime(year, month, day);
        Assert.Equal(valid, !Errors(input).Any(e => e.Contains("implausible age", StringComparison.Ordinal)));
    }

    [Fact]
    public void Country_EmailPhoneAndNames_AreChecked()
    {
        var input = Valid();
        (input.Country, input.PostalCode, input.Email, input.Phone, input.FirstName) = ("XX", null, "not-an-address", "12", "");
        var errors = Errors(input).ToList();
        Assert.Contains(errors, e => e.StartsWith("Country:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Phone:", StringComparison.Ordinal));
        Assert.Contains("FirstName: Give the first name.", errors);
    }
}
