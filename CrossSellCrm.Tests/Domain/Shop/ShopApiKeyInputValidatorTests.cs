using CrossSellCrm.Domain.Shop;

namespace CrossSellCrm.Tests.Domain.Shop;

public class ShopApiKeyInputValidatorTests
{
    private static readonly ShopApiKeyInputValidator Validator = new();

    [Theory]
    [InlineData("https://shop.example", "https://shop.example")]
    [InlineData("HTTPS://Shop.Example/", "https://shop.example")]
    [InlineData("https://shop.example:443", "https://shop.example")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void AnOrigin_IsComparedAsBrowsersSendIt(string given, string expected) =>
        Assert.Equal(expected, ShopOrigins.Normalise(given));

    [Theory]
    [InlineData("https://shop.example/cart")]
    [InlineData("shop.example")]
    [InlineData("ftp://shop.example")]
    [InlineData("https://shop.example?x=1")]
    [InlineData("https://user@shop.example")]
    public void APathOrNoScheme_IsNoOrigin_AndTheMessageNamesIt(string origin)
    {
        var result = Validator.Validate(new ShopApiKeyInput { Name = "Shop", AllowedOrigins = $"https://ok.example\n{origin}" });
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(ShopApiKeyInput.AllowedOrigins), error.PropertyName);
        Assert.Contains(origin, error.ErrorMessage);
    }

    [Fact]
    public void OriginsMaySitOnLinesOrBeSeparatedByCommas_AndRepeatsCountOnce() =>
        Assert.Equal(["https://a.example", "http://b.example:81"], ShopOrigins.Split("https://a.example, http://b.example:81\r\nhttps://A.example/"));

    [Theory]
    [InlineData("", 600, "Name")]
    [InlineData("Shop", 0, "RequestsPerMinute")]
    [InlineData("Shop", 2_000_000, "RequestsPerMinute")]
    public void ANameAndASensibleRate_AreRequired(string name, int rate, string property)
    {
        var result = Validator.Validate(new ShopApiKeyInput { Name = name, RequestsPerMinute = rate });
        Assert.Equal(property, Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void ANewKey_IsLongRandomAndStartsWithItsPrefix()
    {
        var (prefix, secret) = ShopKeyRing.NewKey();
        var (other, _) = ShopKeyRing.NewKey();
        Assert.Matches("^csk_[a-z2-9]{8}$", prefix);
        Assert.StartsWith(prefix + "_", secret);
        Assert.Equal(prefix.Length + 1 + 43, secret.Length); // 32 random bytes in base64url
        Assert.NotEqual(prefix, other);
    }
}
