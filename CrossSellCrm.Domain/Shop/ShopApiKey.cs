namespace CrossSellCrm.Domain.Shop;

/// <summary>
/// A key a shop sends with every API request. Only its SHA-256 is stored: the key itself is shown once, when it is made.
/// A key is 256 random bits, so a plain hash is enough (no slow password hash); <see cref="Prefix"/> finds the row, the
/// hash is then compared in fixed time.
/// </summary>
public sealed class ShopApiKey : Auditing.IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's public start ("csk_" and eight characters): shown in the list, unique, used to find the row.</summary>
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    /// <summary>The browser origins (scheme, host and port) whose pages may call with this key, one per line; none: server to server only.</summary>
    public string AllowedOrigins { get; set; } = "";
    public int RequestsPerMinute { get; set; } = ShopApiKeyInputValidator.DefaultRequestsPerMinute;
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    /// <summary>Written at most once a minute per key (not audited: it is no change anyone made).</summary>
    public DateTime? LastUsedAt { get; set; }

    public IReadOnlyList<string> Origins => ShopOrigins.Split(AllowedOrigins);
}
