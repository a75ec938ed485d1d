using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// The app behind a trusted proxy, so that a test can sign in "from" any client address with
/// X-Forwarded-For (the test server is the proxy's loopback neighbour).
/// </summary>
public class BehindProxyFactory : CrmAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hosting:BehindProxy", "true");
        builder.UseSetting("SignIn:FailuresPerAccountAndAddress", "5");
    }
}

/// <summary>Three sign-in posts per address and minute, to reach the rate limit quickly.</summary>
public sealed class TightSignInRateFactory : BehindProxyFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:PostsPerAddress", "3");
    }
}

/// <summary>What a sign-in post answered, seen as a browser sees it.</summary>
public sealed record SignInAnswer(HttpStatusCode Status, string? LocationPath, string Body, HttpResponseMessage Response)
{
    public override string ToString() => Status == HttpStatusCode.OK && Body.Contains("e-mail or password is wrong")
        ? "form: wrong e-mail or password"
        : $"{(int)Status} {LocationPath}";

    /// <summary>Posts the login form from <paramref name="address"/> (X-Forwarded-For) and times the post alone.</summary>
    public static async Task<(SignInAnswer Answer, double Milliseconds)> PostAsync(CrmAppFactory app, string email, string password,
        string address, string? language = null)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (language is not null) client.DefaultRequestHeaders.Add("Accept-Language", language);
        var token = SignIn.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        });
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/Account/Login", form);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        var location = response.Headers.Location is { } l ? new Uri(new Uri("http://localhost/"), l).AbsolutePath : null;
        return (new SignInAnswer(response.StatusCode, location, body, response), clock.Elapsed.TotalMilliseconds);
    }
}

/// <summary>
/// Sign-in must not tell which accounts exist (same time, same page), must not let anyone lock an
/// account out for everybody, and must slow down whoever keeps guessing (ADR 0012).
/// </summary>
public partial class SignInSecurityTests(BehindProxyFactory app, ITestOutputHelper output) : IClassFixture<BehindProxyFactory>
{
    private Task<(SignInAnswer Answer, double Milliseconds)> PostAsync(string email, string password, string address) =>
        SignInAnswer.PostAsync(app, email, password, address);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Fact]
    public async Task SignIn_UnknownAccount_TakesAboutAsLongAsAKnownOne()
    {
        // Accounts no other test here uses, three wrong passwords each: under any lockout or throttle.
        string[] known = ["jonas.becker@crm.example", "aylin.demir@crm.example", "tom.fischer@crm.example",
            "sophie.klein@crm.example", "marco.rossi@crm.example", "tim.hoffmann@crm.example"];
        await PostAsync("warm.up@crm.example", "not-it", "198.18.0.1");
        await PostAsync(DemoAccounts.Trainer, "not-it", "198.18.0.2");

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        var n = 0;
        for (var round = 0; round < 3; round++)
            foreach (var email in known)
            {
                n++;
                var (k, kMs) = await PostAsync(email, $"wrong-{round}", $"198.18.1.{n}");
                var (u, uMs) = await PostAsync($"nobody.{n}@crm.example", $"wrong-{round}", $"198.18.2.{n}");
                Assert.Equal(k.ToString(), u.ToString());
                knownTimes.Add(kMs);
                unknownTimes.Add(uMs);
            }

        var (knownMedian, unknownMedian) = (Median(knownTimes), Median(unknownTimes));
        output.WriteLine($"sign-in with a wrong password, median of {knownTimes.Count} posts each: known account {knownMedian:F1} ms, unknown account {unknownMedian:F1} ms");
        output.WriteLine($"known: {string.Join(" ", knownTimes.Select(t => t.ToString("F0")))}");
        output.WriteLine($"unknown: {string.Join(" ", unknownTimes.Select(t => t.ToString("F0")))}");
        // Generous: the point is "both hash a password" (hundreds of ms on this machine) against "one returns at once".
        Assert.InRange(unknownMedian / knownMedian, 0.5, 2.0);
    }

    [Fact]
    public async Task SignIn_WrongPassword_KnownAndUnknownAccountGetTheSamePage()
    {
        var (known, _) = await PostAsync(DemoAccounts.Admin, "not-the-password", "192.0.2.10");
        var (unknown, _) = await PostAsync("adnim@crm.example", "not-the-password", "192.0.2.11");
        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(Normalised(known.Body, DemoAccounts.Admin), Normalised(unknown.Body, "adnim@crm.example"));
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_KnownAndUnknownAccountAnswerAlike_AndAreRefusedInTheEnd()
    {
        const string address = "192.0.2.20";
        var knownAnswers = new List<string>();
        var unknownAnswers = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            knownAnswers.Add((await PostAsync(DemoAccounts.Manager, $"guess-{i}", address)).Answer.ToString());
            unknownAnswers.Add((await PostAsync("mara.schultz@crm.example", $"guess-{i}", address)).Answer.ToString());
        }
        output.WriteLine(string.Join(Environment.NewLine, knownAnswers.Zip(unknownAnswers, (k, u) => $"known: {k,-32} unknown: {u}")));
        Assert.Equal(knownAnswers, unknownAnswers);
        Assert.Equal("form: wrong e-mail or password", knownAnswers[0]);
        Assert.Equal("302 /Account/Lockout", knownAnswers[^1]);
    }

    [Fact]
    public async Task SignIn_AttackerFailingFromOneAddress_DoesNotStopTheUserSigningInFromAnother()
    {
        const string attacker = "203.0.113.7", user = "198.51.100.23";
        for (var i = 0; i < 12; i++) await PostAsync(DemoAccounts.Sales, $"guess-{i}", attacker);

        // From the attacker's address even the right password is refused now: the throttle tells nothing.
        var (refused, _) = await PostAsync(DemoAccounts.Sales, CrmAppFactory.Password, attacker);
        Assert.Equal("302 /Account/Lockout", refused.ToString());

        var (signedIn, _) = await PostAsync(DemoAccounts.Sales, CrmAppFactory.Password, user);
        Assert.Equal("302 /", signedIn.ToString());
        Assert.Contains(signedIn.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    /// <summary>The page without what differs per response anyway: the antiforgery token and persisted component state (both protected, so random-looking), the CSP nonce, the typed e-mail.</summary>
    private static string Normalised(string html, string email) =>
        PerResponse().Replace(html, "PER-RESPONSE").Replace(email, "EMAIL", StringComparison.Ordinal);

    [GeneratedRegex("CfDJ8[A-Za-z0-9_+/=-]+|nonce=\"[^\"]+\"")]
    private static partial Regex PerResponse();
}

/// <summary>Sign-in posts are rate-limited per client address: a clear page (429) in the user's language.</summary>
public class SignInRateLimitSecurityTests(TightSignInRateFactory app) : IClassFixture<TightSignInRateFactory>
{
    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRefusedWithAClearPage_OtherAddressesAreNot()
    {
        const string busy = "203.0.113.50";
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignInAnswer.PostAsync(app, $"someone.{i}@crm.example", "wrong", busy)).Answer.Status);

        var (refused, _) = await SignInAnswer.PostAsync(app, DemoAccounts.Manager, CrmAppFactory.Password, busy);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Too many sign-in attempts", refused.Body);
        Assert.StartsWith("text/html", refused.Response.Content.Headers.ContentType?.ToString());
        Assert.True(refused.Response.Headers.RetryAfter is not null, "a Retry-After header says when to try again");

        var (german, _) = await SignInAnswer.PostAsync(app, DemoAccounts.Manager, CrmAppFactory.Password, busy, language: "de-DE");
        Assert.Equal(HttpStatusCode.TooManyRequests, german.Status);
        Assert.Contains("Zu viele Anmeldeversuche", german.Body);

        var (elsewhere, _) = await SignInAnswer.PostAsync(app, DemoAccounts.Manager, CrmAppFactory.Password, "198.51.100.60");
        Assert.Equal("302 /", elsewhere.ToString());
    }
}
