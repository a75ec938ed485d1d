using System.Collections.Concurrent;
using System.Net;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CrossSellCrm.Tests.Integration;

/// <summary>
/// A database set up in Development holds the demo users, whose password is public. The same database
/// in production must not start while they can sign in, and one command removes them.
/// </summary>
public class DemoUsersSecurityTests
{
    private sealed class LogLines : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(LogLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }

    private sealed class OnDatabase(string path, string environment, bool seedUsers, LogLines? log = null) : CrmAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Crm", $"Data Source={path}");
            builder.UseSetting("Demo:SeedUsers", seedUsers ? "true" : "false");
            if (log is not null) builder.ConfigureLogging(l => l.AddProvider(log));
        }
    }

    [Fact]
    public async Task Production_WithDemoUsersThatCanSignIn_RefusesToStart_UntilRemoveDemoUsersRan()
    {
        var path = TempSqlite.NewPath("crm-demo-prod");
        try
        {
            await using (var development = new OnDatabase(path, "Testing", seedUsers: true))
                await SignIn.AsAsync(development, DemoAccounts.Admin); // the demo users work there

            var log = new LogLines();
            await using (var production = new OnDatabase(path, "Production", seedUsers: false, log))
            {
                Assert.ThrowsAny<Exception>(() => production.CreateClient());
            }
            var refusal = Assert.Single(log.Lines, l => l.Contains("demo", StringComparison.OrdinalIgnoreCase));
            Assert.StartsWith("Critical:", refusal);
            Assert.Contains("dotnet run --project CrossSellCrm.Web -- remove-demo-users", refusal);

            var output = new StringWriter();
            var code = await CommandLineVerbs.RunAsync(["remove-demo-users"], output, new StringWriter(),
                new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={path}" });
            Assert.Equal(0, code);
            Assert.Contains("9 demo users can no longer sign in", output.ToString());

            await using (var production = new OnDatabase(path, "Production", seedUsers: false))
            {
                var client = production.CreateBrowserLikeClient();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
                foreach (var demo in new[] { DemoAccounts.Admin, DemoAccounts.Sales })
                {
                    var response = await SignIn.PostLoginAsync(production.CreateBrowserLikeClient(), demo, CrmAppFactory.Password);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again: wrong e-mail or password
                }
                // The demo data still names its reps: their orders and offers stay theirs.
                await using var db = await production.DbFactory.CreateDbContextAsync();
                Assert.Contains(db.Users, u => u.Id == "rep-lena" && u.PasswordHash == null);
                Assert.DoesNotContain(db.Users, u => u.Email == DemoAccounts.Admin);
            }

            var again = new StringWriter();
            Assert.Equal(0, await CommandLineVerbs.RunAsync(["remove-demo-users"], again, new StringWriter(),
                new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={path}" }));
            Assert.Contains("No demo user can sign in", again.ToString());
        }
        finally
        {
            TempSqlite.Delete(path);
        }
    }

    [Fact]
    public async Task Production_DemoDataWithoutDemoSignIns_Starts()
    {
        var path = TempSqlite.NewPath("crm-demo-data-prod");
        try
        {
            // First run in production: demo data (its reps have no password), no demo users.
            await using var production = new OnDatabase(path, "Production", seedUsers: false);
            Assert.Equal(HttpStatusCode.OK, (await production.CreateBrowserLikeClient().GetAsync("/health")).StatusCode);
        }
        finally
        {
            TempSqlite.Delete(path);
        }
    }
}
