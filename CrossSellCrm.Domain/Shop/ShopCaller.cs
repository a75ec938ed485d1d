namespace CrossSellCrm.Domain.Shop;

/// <summary>
/// Who is calling the shop API: a key made in the app (<see cref="KeyId"/> set) or one of the configuration's keys
/// (Api:ShopKeys, for set-ups that provision keys from outside; no browser origins, the configured rate).
/// </summary>
public sealed record ShopCaller(int? KeyId, string Name, IReadOnlyList<string> Origins, int RequestsPerMinute)
{
    /// <summary>Whether a page from <paramref name="origin"/> (the browser's Origin header) may call with this key.</summary>
    public bool Allows(string origin) => Origins.Contains(ShopOrigins.Normalise(origin));

    /// <summary>The rate limiter's partition: a new limit is a new partition, so a changed rate holds at once.</summary>
    public string Partition => $"{(KeyId is { } id ? $"key-{id}" : Name)}/{RequestsPerMinute}";
}
