namespace CrossSellCrm.Domain.Catalog;

/// <summary>
/// Whether a complement suits what a customer owns: an accessory with "fits:" or "mount:" tags needs
/// an owned product with one of them (a Pixel case needs a Pixel); other tags do not restrict.
/// </summary>
public static class Compatibility
{
    public static bool Fits(IEnumerable<string> complementTags, IReadOnlySet<string> ownedTags)
    {
        var restricted = false;
        foreach (var tag in complementTags)
        {
            if (!IsRestricting(tag)) continue;
            if (ownedTags.Contains(tag)) return true;
            restricted = true;
        }
        return !restricted;
    }

    /// <summary>A tag that names what an accessory must fit ("fits:pixel-9", "mount:sony-e"), not a plain property ("usb-c").</summary>
    public static bool IsRestricting(string tag) => tag.StartsWith("fits:", StringComparison.Ordinal) || tag.StartsWith("mount:", StringComparison.Ordinal);
}
