using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Acceptance;

/// <summary>
/// Every decided offer (accepted or declined) with its point-in-time features (<see cref="OfferFeatures"/>), as a CSV for
/// machines (comma, invariant numbers): what the acceptance model learns from, and what `propensity --offer-log` reads.
/// Erased customers' offers are left out.
/// </summary>
public sealed class OfferFeatureExport(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<int> WriteAsync(TextWriter output, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var data = await OfferFeatureSource.LoadAsync(db, null, ct);
        await output.WriteLineAsync(string.Join(",", OfferFeatures.Columns));
        var count = 0;
        foreach (var row in OfferFeatures.Rows(data.Offers, data.Customers, data.Products, data.History))
        {
            await output.WriteLineAsync(string.Join(",", row.Select(Quote)));
            count++;
        }
        return count;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
