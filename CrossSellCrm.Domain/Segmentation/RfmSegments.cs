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

    public static readonly IReadOnlyList<(string Name, string Description, RuleNode Rule)> All =
    [
        ("RFM: Champions", "Bought recently, buy often (R 5, F 4–5).", Cell("5", "5", "4", "5")),
        ("RFM: Loyal customers", "Buy often, and not long ago (R 3–4, F 4–5).", Cell("3", "4", "4", "5")),
        ("RFM: Potential loyalists", "Recent customers with a few orders (R 4–5, F 2–3).", Cell("4", "5", "2", "3")),
        ("RFM: New customers", "Bought very recently, once so far (R 5, F 1).", Cell("5", "5", "1", "1")),
        ("RFM: Promising", "Recent first-time buyers (R 4, F 1).", Cell("4", "4", "1", "1")),
        ("RFM: Need attention", "Average recency and frequency (R 3, F 3).", Cell("3", "3", "3", "3")),
        ("RFM: About to sleep", "Below average recency, few orders (R 3, F 1–2).", Cell("3", "3", "1", "2")),
        ("RFM: At risk", "Bought often, but long ago (R 1–2, F 3–4).", Cell("1", "2", "3", "4")),
        ("RFM: Can't lose them", "Were among the best, have not come back (R 1–2, F 5).", Cell("1", "2", "5", "5")),
        ("RFM: Hibernating", "Long ago, few orders (R 1–2, F 1–2, without the lost).",
            Group(RuleMatch.Or, Cell("1", "1", "2", "2"), Cell("2", "2", "1", "2"))),
        ("RFM: Lost", "The lowest recency and frequency (R 1, F 1).", Cell("1", "1", "1", "1")),
    ];

    /// <summary>Creates the RFM segments that are missing (by name), with their members.</summary>
    /// <returns>How many were created.</returns>
    public static async Task<int> EnsureAsync(IDbContextFactory<CrmDbContext> factory, SegmentBuilder builder, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = (await db.Segments.Select(s => s.Name).ToListAsync(ct)).ToHashSet();
        var created = 0;
        foreach (var (name, description, rule) in All.Where(s => !existing.Contains(s.Name)))
        {
            var id = await builder.SaveAsync(new SegmentInput { Name = name, Description = description, Rule = rule }, ownerId: null, ct);
            await db.Segments.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsBuiltIn, true), ct);
            created++;
        }
        return created;
    }
}
