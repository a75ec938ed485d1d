using Microsoft.Extensions.Configuration.Memory;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Where the app listens when nothing says otherwise: http://localhost:5081. The launch profile used to say it, but
/// under `dotnet run` a profile's applicationUrl beats ASPNETCORE_URLS, so a user who set the port got 5081 anyway.
/// Now the default is the lowest of all configuration sources, and only there when no address is configured at all.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5081";

    /// <summary>
    /// An address is configured: ASPNETCORE_URLS or DOTNET_URLS, --urls, a Urls setting, ASPNETCORE_HTTP_PORTS or
    /// HTTPS_PORTS (the .NET container images set HTTP_PORTS=8080, which a default URL would override), or Kestrel:Endpoints.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) || !string.IsNullOrEmpty(configuration["http_ports"]) ||
        !string.IsNullOrEmpty(configuration["https_ports"]) || configuration.GetSection("Kestrel:Endpoints").Exists();

    public static WebApplicationBuilder UseDefaultListenAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (IsConfigured(builder.Configuration)) return builder;
        // First in the list, so lowest in precedence: settings added after this one (a test host's) still win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new("urls", Default)] });
        return builder;
    }
}
