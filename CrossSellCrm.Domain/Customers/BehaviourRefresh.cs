using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrossSellCrm.Domain.Customers;

/// <summary>
/// Recomputes every customer's behavioural dimension from the orders (RFM and its quintile scores,
/// brand loyalty, category breadth, preferred channel) and stores it. Behaviour is computed, never typed:
/// this is its only writer after seeding. Plain parameterised updates, not tracked entities: a
/// recomputation is not an edit, so it leaves no audit rows.
/// </summary>
public sealed class BehaviourRefresh(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    /// <returns>The number of customers whose profile was written.</returns>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var asOf = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.Customers.Select(c => c.Id).ToListAsync(ct);
        var orders = await db.Orders.Select(o => new OrderFact(o.CustomerId, o.Id, o.OrderedAt, o.Channel)).ToListAsync(ct);
        var lines = await db.OrderLines.Select(l => new LineFact(l.OrderId, l.Product!.Brand, l.Product.CategoryId, l.Quantity, l.UnitPrice * l.Quantity - l.Discount)).ToListAsync(ct);
        var profiles = BehaviourCalculator.Compute(ids, orders, lines, asOf);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        string[] columns = ["RecencyDays", "Frequency", "Monetary", "RecencyScore", "FrequencyScore", "MonetaryScore", "BrandLoyalty", "TopBrand",
            "CategoryBreadth", "PreferredChannel", "FirstOrderAt", "LastOrderAt", "ComputedAt"];
        command.CommandText = $"UPDATE \"Customers\" SET {string.Join(", ", columns.Select(c => $"\"Behaviour_{c}\" = @{c}"))} WHERE \"Id\" = @Id";
        var parameters = columns.Append("Id").ToDictionary(c => c, c =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + c;
            command.Parameters.Add(p);
            return p;
        });
        foreach (var (id, b) in profiles)
        {
            object? Value(object? v) => v ?? DBNull.Value;
            parameters["RecencyDays"].Value = Value(b.RecencyDays);
            parameters["Frequency"].Value = b.Frequency;
            parameters["Monetary"].Value = db.IsSqlite ? (double)b.Monetary : b.Monetary; // SQLite keeps money as REAL
            parameters["RecencyScore"].Value = (int)b.RecencyScore;
            parameters["FrequencyScore"].Value = (int)b.FrequencyScore;
            parameters["MonetaryScore"].Value = (int)b.MonetaryScore;
            parameters["BrandLoyalty"].Value = b.BrandLoyalty;
            parameters["TopBrand"].Value = Value(b.TopBrand);
            parameters["CategoryBreadth"].Value = b.CategoryBreadth;
            parameters["PreferredChannel"].Value = Value(b.PreferredChannel is { } channel ? (int)channel : null);
            parameters["FirstOrderAt"].Value = Value(b.FirstOrderAt);
            parameters["LastOrderAt"].Value = Value(b.LastOrderAt);
            parameters["ComputedAt"].Value = asOf;
            parameters["Id"].Value = id;
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return profiles.Count;
    }
}
