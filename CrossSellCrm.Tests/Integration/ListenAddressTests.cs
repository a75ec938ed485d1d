using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CrossSellCrm.Tests.Integration;

/// <summary>Picking the port: 5081 when nothing is configured, and whatever the user configured otherwise.</summary>
public class ListenAddressTests
{
    [Fact]
    public void LaunchProfile_SetsNoAddress_SoThatAspnetcoreUrlsIsNotOverridden()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "CrossSellCrm.Web", "Properties", "launchSettings.json")));
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), $"profile '{profile.Name}' sets applicationUrl, which beats ASPNETCORE_URLS under `dotnet run`");
    }

    [Theory]
    [InlineData(new string[0], ListenAddress.Default)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5123" }, "http://127.0.0.1:5123")]
    [InlineData(new[] { "--Urls=http://0.0.0.0:8088" }, "http://0.0.0.0:8088")]
    public void UseDefaultUnlessConfigured_TakesTheConfiguredAddressOr5081(string[] args, string expected)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseDefaultListenAddressUnlessConfigured();
        Assert.Equal(expected, builder.Configuration["urls"]);
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5123")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5124")]
    public void IsConfigured_AnyWayOfNamingAnAddress_Counts(string key, string value)
    {
        Assert.False(ListenAddress.IsConfigured(new ConfigurationBuilder().Build()));
        Assert.True(ListenAddress.IsConfigured(new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build()));
    }

    [Fact]
    public void UseDefaultUnlessConfigured_LaterSettingsStillWin()
    {
        // A test host (or anything else) that adds its address after the app's own setup gets it.
        var builder = WebApplication.CreateBuilder([]);
        builder.UseDefaultListenAddressUnlessConfigured();
        builder.Configuration.AddInMemoryCollection([new("urls", "http://127.0.0.1:5125")]);
        Assert.Equal("http://127.0.0.1:5125", builder.Configuration["urls"]);
    }

    public static TheoryData<string, string[]> WaysToPickThePort() => new()
    {
        { "ASPNETCORE_URLS", [] },
        { "Urls", [] },
        { "", ["--urls", "{0}"] },
    };

    [Theory]
    [MemberData(nameof(WaysToPickThePort))]
    public async Task Start_PortPickedByTheUser_ListensThere(string variable, string[] args)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        var database = TempSqlite.NewPath("crm-port");
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Crm"] = $"Data Source={database}" };
            if (variable != "") environment[variable] = address;
            using var app = new WebAppProcess(environment, [.. args.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, address))]);
            var listening = await app.LineAsync("Now listening on:", TimeSpan.FromSeconds(90));
            Assert.True(listening is not null, string.Join('\n', app.Lines));
            Assert.EndsWith($"Now listening on: {address}", listening);
            using var client = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{address}/health")).StatusCode);
        }
        finally { TempSqlite.Delete(database); }
    }

    [Fact]
    public async Task Start_ContainerStylePortVariable_IsHonoured()
    {
        // The .NET container images set ASPNETCORE_HTTP_PORTS=8080; a default URL must not override it.
        var port = FreePort();
        var database = TempSqlite.NewPath("crm-port");
        try
        {
            using var app = new WebAppProcess(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Crm"] = $"Data Source={database}",
                ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var listening = await app.LineAsync("Now listening on:", TimeSpan.FromSeconds(90));
            Assert.True(listening is not null, string.Join('\n', app.Lines));
            Assert.EndsWith($":{port}", listening);
        }
        finally { TempSqlite.Delete(database); }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
