using System.Net;
using CrossSellCrm.Web.Hosting;
using CrossSellCrm.Web.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Tests.Components;

/// <summary>The pieces of the sign-in limits that need no host: whose address counts, and the throttle's counting.</summary>
public class SignInLimitsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")] // another address of the same household: the same count
    public void ClientAddress_CountsIPv4ByAddressAndIPv6ByItsNetwork(string remote, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        Assert.Equal(expected, ClientAddress.Of(http));
    }

    [Fact]
    public void Throttle_PausesOnlyThatAccountFromThatAddress_AndASignInClearsIt()
    {
        using var throttle = new SignInThrottle(Options.Create(new SignInLimits { FailuresPerAccountAndAddress = 3 }));
        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsPaused("lena.wagner@crm.example", "203.0.113.7"));
            throttle.Failed("Lena.Wagner@crm.example ", "203.0.113.7");
        }
        Assert.True(throttle.IsPaused("lena.wagner@crm.example", "203.0.113.7"));
        Assert.False(throttle.IsPaused("lena.wagner@crm.example", "198.51.100.23"));
        Assert.False(throttle.IsPaused("mara.schulz@crm.example", "203.0.113.7"));

        throttle.SignedIn("lena.wagner@crm.example", "203.0.113.7");
        Assert.False(throttle.IsPaused("lena.wagner@crm.example", "203.0.113.7"));
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("fd00::/8", true)]
    [InlineData("proxy.internal", false)]
    [InlineData("10.0.0.0/33", false)]
    public void TrustedProxies_MustBeAddressesOrNetworks(string proxy, bool valid) =>
        Assert.Equal(valid, new HostingOptionsValidator().Validate(new HostingOptions { TrustedProxies = [proxy] }).IsValid);
}
