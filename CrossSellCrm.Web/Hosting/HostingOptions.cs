namespace CrossSellCrm.Web.Hosting;

/// <summary>The "Hosting" section: whether the app runs behind a reverse proxy, and whether it insists on HTTPS.</summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// Believe X-Forwarded-For (the client's address, which the sign-in limits count) and X-Forwarded-Proto
    /// (https when the proxy ended TLS) — from loopback and the <see cref="TrustedProxies"/> only.
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>Outside Development and Testing: redirect http to https and send HSTS. Off when the proxy does both.</summary>
    public bool HttpsRedirection { get; set; } = true;

    /// <summary>Proxies besides loopback whose forwarded headers count: addresses (10.0.0.5) or networks (10.0.0.0/8).</summary>
    public string[] TrustedProxies { get; set; } = [];
}
