namespace CrossSellCrm.Domain.Imports;

/// <summary>What a file holds. The names are the command line's (<c>import orders …</c>).</summary>
public enum ImportKind { Customers, Products, Relations, Orders, Subscriptions, Offers }

public static class ImportKinds
{
    public static string Name(this ImportKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ImportKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _);
}
