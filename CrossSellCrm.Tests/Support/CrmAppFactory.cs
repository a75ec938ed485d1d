using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Web.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// The real app on a fresh SQLite file, migrated and seeded with a small demo data set and the demo
/// users. <see cref="RealServer"/> makes it listen on a loopback port for the browser tests.
/// </summary>
public class CrmAppFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; }
    private readonly bool _ownsDatabase;

    public CrmAppFactory() : this(TempSqlite.NewPath("crm-test"), ownsDatabase: true) { }

    /// <summary>Another start of the app on an existing database (a restart); the file stays when it stops.</summary>
    protected CrmAppFactory(string databasePath, bool ownsDatabase) => (DatabasePath, _ownsDatabase) = (databasePath, ownsDatabase);

    public static CrmAppFactory Restarted(string databasePath) => new(databasePath, ownsDatabase: false);
    public const string Password = DemoUserSeeder.Password;
    public const string TestShopKey = "test-shop-key";
    /// <summary>What the app logged at warning level and above.</summary>
    public ServerLog Log { get; } = new();

    protected virtual int Customers => 300;
    protected virtual int OrderLines => 3_000;
    /// <summary>False: the CRM starts empty (Demo:SeedOnFirstRun=false), as for a team bringing its own data; the demo users are still made.</summary>
    protected virtual bool SeedDemoData => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // only automatic in Development; the browser tests need MudBlazor and blazor.web.js
        // As strict as Development: a singleton that captures a scoped service fails here, not on a user's machine.
        builder.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; });
        builder.UseSetting("ConnectionStrings:Crm", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:SeedOnFirstRun", SeedDemoData ? "true" : "false");
        builder.UseSetting("Demo:SeedUsers", "true");
        builder.UseSetting("Demo:Customers", Customers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Demo:OrderLines", OrderLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        // Every test signs in from the same loopback address, many times a minute: no rate limit unless a test sets one.
        builder.UseSetting("SignIn:PostsPerAddress", "100000");
        // A configuration key as Development has one: the shop demo page and its widget use it.
        builder.UseSetting("Api:ShopKeys:0", TestShopKey);
        // A real SMTP server for the campaigns (STARTTLS, a sign-in); quick retries and polls so a test need not wait.
        foreach (var (key, value) in Smtp.Settings()) builder.UseSetting(key, value);
        builder.UseSetting("Campaigns:PollSeconds", "1");
        builder.UseSetting("Campaigns:RetryAfterSeconds", "1");
        builder.UseSetting("Campaigns:MessagesPerMinute", "60000");
        builder.UseSetting("Campaigns:PublicBaseUrl", "http://crm.test");
        if (!WithExploration) builder.UseSetting("Recommendations:Acceptance:ExplorationShare", "0");
    }

    /// <summary>False: the engine never explores (every decision is the ranking's), as the browser tests need.</summary>
    protected bool WithExploration { get; init; } = true;

    /// <summary>The SMTP server the app delivers to: one shared by the test run, unless a test needs one of its own (to make it refuse).</summary>
    protected virtual SmtpTestServer Smtp => SmtpTestServer.Shared;

    /// <summary>The offer engine, once the background worker has mined the rules and built it.</summary>
    public async Task<CrossSellCrm.Domain.Recommendations.Engine.NextBestOfferEngine> EngineAsync()
    {
        var engines = Services.GetRequiredService<CrossSellCrm.Domain.Recommendations.Engine.OfferEngineStore>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (engines.Current is null && DateTime.UtcNow < until) await Task.Delay(100);
        return engines.Current ?? throw new TimeoutException("The offer engine was not built within a minute.");
    }

    /// <summary>The app's context factory (scoped: it knows the current user), from a scope of the test's own.</summary>
    public IDbContextFactory<CrmDbContext> DbFactory => (_scope ??= Services.CreateScope()).ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>();
    private IServiceScope? _scope;

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        _scope?.Dispose();
        base.Dispose(disposing);
        if (_ownsDatabase) TempSqlite.Delete(DatabasePath);
    }
}

/// <summary>The same app listening on a real loopback socket, for Chromium.</summary>
public sealed class RealServerFactory : CrmAppFactory
{
    public string BaseAddress { get; private set; } = "";

    public RealServerFactory()
    {
        // No exploration in the browser: an explored decision (2 % of them) shows other cards, and a test that takes an answer
        // back expects the same cards again.
        WithExploration = false;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!;
        BaseAddress = addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");
    }
}
