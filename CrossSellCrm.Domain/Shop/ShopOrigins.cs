namespace CrossSellCrm.Domain.Shop;

/// <summary>Browser origins as a key's form and the API compare them: "https://shop.example" or "http://localhost:8080", lower case, no path.</summary>
public static class ShopOrigins
{
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] :
        [.. text.Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalise).Distinct()];

    public static string Join(IEnumerable<string> origins) => string.Join('\n', origins);

    /// <summary>An origin as browsers send it: scheme://host[:port], lower case, the default port left out, no trailing slash.</summary>
    public static string Normalise(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && IsOrigin(uri)
            ? uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}"
            : origin.Trim().ToLowerInvariant();

    public static bool IsValid(string origin) => Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && IsOrigin(uri);

    private static bool IsOrigin(Uri uri) =>
        uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.UserInfo.Length == 0 && !uri.OriginalString.TrimEnd('/').EndsWith("/.", StringComparison.Ordinal);
}
