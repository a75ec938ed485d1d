using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>
/// The classic RFM segments as ready-made (built-in) segments: a grid over the recency score (R) and the
/// frequency score (F), each cell in exactly one segment. Rules like any other, so they can be read,
/// previewed and compared; built-in ones cannot be deleted.
/// </summary>
public static class RfmSegments
{
    private static RuleNode Cell(string r1, string r2, string f1, string f2) => Group(RuleMatch.And,
        Condition("recencyScore", RuleOperator.Between, r1, r2), Condition("frequencyScore", RuleOperator.Between, f1, f2));

    public sealed record ReadyMade(string Name, string NameDe, string Description, string DescriptionDe, RuleNode Rule);

    public static readonly IReadOnlyList<ReadyMade> All =
    [
        new("RFM: Champions", "RFM: Spitzenkunden", "Bought recently, buy often (R 5, F 4–5).", "Kaufen oft und zuletzt erst kürzlich (R 5, F 4–5).", Cell("5", "5", "4", "5")),
        new("RFM: Loyal customers", "RFM: Treue Kunden", "Buy often, and not long ago (R 3–4, F 4–5).", "Kaufen oft, zuletzt vor nicht allzu langer Zeit (R 3–4, F 4–5).", Cell("3", "4", "4", "5")),
        new("RFM: Potential loyalists", "RFM: Künftige Stammkunden", "Recent customers with a few orders (R 4–5, F 2–3).", "Neuere Kunden mit einigen Bestellungen (R 4–5, F 2–3).", Cell("4", "5", "2", "3")),
        new("RFM: New customers", "RFM: Neukunden", "Bought very recently, once so far (R 5, F 1).", "Haben gerade zum ersten Mal gekauft (R 5, F 1).", Cell("5", "5", "1", "1")),
        new("RFM: Promising", "RFM: Vielversprechend", "Recent first-time buyers (R 4, F 1).", "Erstkäufer der letzten Zeit (R 4, F 1).", Cell("4", "4", "1", "1")),
        new("RFM: Need attention", "RFM: Brauchen Aufmerksamkeit", "Average recency and frequency (R 3, F 3).", "Mittlere Aktualität und Häufigkeit (R 3, F 3).", Cell("3", "3", "3", "3")),
        new("RFM: About to sleep", "RFM: Kurz vor dem Einschlafen", "Below average recency, few orders (R 3, F 1–2).", "Letzter Kauf länger her, wenige Bestellungen (R 3, F 1–2).", Cell("3", "3", "1", "2")),
        new("RFM: At risk", "RFM: Gefährdet", "Bought often, but long ago (R 1–2, F 3–4).", "Haben oft gekauft, aber zuletzt vor langer Zeit (R 1–2, F 3–4).", Cell("1", "2", "3", "4")),
        new("RFM: Can't lose them", "RFM: Nicht verlieren", "Were among the best, have not come back (R 1–2, F 5).", "Gehörten zu den Besten, kommen aber nicht wieder (R 1–2, F 5).", Cell("1", "2", "5", "5")),
        new("RFM: Hibernating", "RFM: Im Winterschlaf", "Long ago, few orders (R 1–2, F 1–2, without the lost).", "Lange her, wenige Bestellungen (R 1–2, F 1–2, ohne die Verlorenen).",
            Group(RuleMatch.Or, Cell("1", "1", "2", "2"), Cell("2", "2", "1", "2"))),
        new("RFM: Lost", "RFM: Verloren", "The lowest recency and frequency (R 1, F 1).", "Niedrigste Aktualität und Häufigkeit (R 1, F 1).", Cell("1", "1", "1", "1")),
    ];

    /// <summary>Creates the RFM segments that are missing (by name), with their members, and gives existing ones their German name if they lack it.</summary>
    /// <returns>How many were created.</returns>
    public static async Task<int> EnsureAsync(IDbContextFactory<CrmDbContext> factory, SegmentBuilder builder, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = (await db.Segments.Select(s => s.Name).ToListAsync(ct)).ToHashSet();
        var created = 0;
        foreach (var s in All.Where(s => !existing.Contains(s.Name)))
        {
            try
            {
                await builder.SaveAsync(new SegmentInput { Name = s.Name, Description = s.Description, Rule = s.Rule }, ownerId: null, ct);
                created++;
            }
            // Another caller made it meanwhile (the segmentation worker at start, another instance of the app): it is there.
            catch (FluentValidation.ValidationException)
            {
                if (!await db.Segments.AnyAsync(x => x.Name == s.Name, ct)) throw;
            }
        }
        foreach (var s in All)
            await db.Segments.Where(x => x.Name == s.Name && x.NameDe == null && x.Description == s.Description)
                .ExecuteUpdateAsync(x => x.SetProperty(v => v.IsBuiltIn, true).SetProperty(v => v.NameDe, s.NameDe).SetProperty(v => v.DescriptionDe, s.DescriptionDe), ct);
        return created;
    }
}
