using Microsoft.EntityFrameworkCore.Migrations;

namespace CrossSellCrm.Domain.Persistence.Migrations;

/// <summary>
/// The demo catalogue's categories where owning several is normal, for databases made before the flag existed (both
/// providers' migration "RelevanceRules"). Frozen on purpose, like <see cref="GermanGendersData"/>; a manager sets the
/// flag for any other category on the catalogue page.
/// </summary>
internal static class SeveralAreNormalData
{
    private static readonly string[] Codes = ["chargers", "memory-cards", "lenses", "music-extras", "fitness-addons", "software-addons"];

    // TRUE is a keyword in PostgreSQL and in SQLite (since 3.23).
    public static void Apply(MigrationBuilder migration) =>
        migration.Sql($"UPDATE \"Categories\" SET \"SeveralAreNormal\" = TRUE WHERE \"Code\" IN ({string.Join(", ", Codes.Select(c => $"'{c}'"))})");
}
