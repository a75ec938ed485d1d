using Microsoft.EntityFrameworkCore.Migrations;

namespace CrossSellCrm.Domain.Persistence.Migrations;

/// <summary>
/// The demo catalogue's German genders, for databases made before categories had one (both providers' migration
/// "GermanGenders" apply it). Frozen here on purpose: later changes to the demo catalogue must not change what an
/// old migration does. Other categories keep neuter until someone sets theirs.
/// </summary>
internal static class GermanGendersData
{
    // Catalog.GrammaticalGender: 0 neuter, 1 masculine, 2 feminine, 3 plural.
    private static readonly (string Code, int Gender)[] Categories =
    [
        ("laptops", 1), ("phone-cases", 2), ("mice", 2), ("keyboards", 2), ("laptop-bags", 2), ("cameras", 2), ("memory-cards", 2),
        ("fitness-plans", 2), ("headphones", 3),
    ];

    private static readonly (string Sku, int Gender)[] Products =
    [
        ("LT-MBA13", 0), ("BG-THULE", 1), ("MU-ALB", 1), ("MU-TIX", 1), ("FT-NUT", 1), ("SW-CLOUD", 1), ("CH-BLK3", 1),
    ];

    public static void Apply(MigrationBuilder migration)
    {
        foreach (var (code, gender) in Categories)
            migration.Sql($"UPDATE \"Categories\" SET \"GenderDe\" = {gender} WHERE \"Code\" = '{code}'");
        foreach (var (sku, gender) in Products)
            migration.Sql($"UPDATE \"Products\" SET \"GenderDe\" = {gender} WHERE \"Sku\" = '{sku}'");
    }
}
