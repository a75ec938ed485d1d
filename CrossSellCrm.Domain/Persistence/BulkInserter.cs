using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// Inserts many rows of one entity type through one prepared command, in the caller's transaction.
/// Column names and value conversions come from the EF model, so it cannot drift from the migrations.
/// Used by the demo-data seeder (explicit keys) and by imports for order lines (keys left to the database): it bypasses
/// change tracking, concurrency versions and audit.
/// </summary>
internal sealed class BulkInserter(CrmDbContext db)
{
    /// <param name="withKeys">False: the database numbers the rows (the key column is left out of the insert).</param>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, IProgress<int>? progress = null, CancellationToken ct = default, bool withKeys = true)
        where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName()!;
        var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = entityType.GetFlattenedProperties()
            .Where(p => p.GetColumnName(storeObject) is not null && !p.IsShadowProperty() && (withKeys || !p.IsPrimaryKey()))
            .Select(p => new Column(p, p.GetColumnName(storeObject)!, (RelationalTypeMapping)p.GetRelationalTypeMapping(), Getter(p)))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        // Each provider types its parameters through EF's mapping (Npgsql must know them before Prepare).
        var parameters = columns.Select((c, i) =>
        {
            var p = c.Mapping.CreateParameter(command, $"@p{i}", c.Get(rows[0]), c.Property.IsNullable);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < columns.Length; i++)
            {
                var value = columns[i].Get(row);
                if (value is not null && columns[i].Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
            if ((r & 0x3FFF) == 0) progress?.Report(r);
        }
        progress?.Report(rows.Count);
    }

    /// <summary>PostgreSQL identity columns do not advance on explicit ids; move them past the seeded rows.</summary>
    public async Task ResetIdentityAsync<T>(CancellationToken ct = default) where T : class
    {
        if (db.IsSqlite) return;
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = entityType.GetTableName()!;
        var key = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName();
#pragma warning disable EF1002 // table and column names come from the model, not from input
        await db.Database.ExecuteSqlRawAsync(
            $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{key}'), COALESCE((SELECT MAX(\"{key}\") FROM \"{table}\"), 0) + 1, false)", ct);
#pragma warning restore EF1002
    }

    private static Func<object, object?> Getter(IProperty property)
    {
        if (property.DeclaringType is IComplexType complex)
        {
            var container = complex.ComplexProperty.PropertyInfo!;
            var info = property.PropertyInfo!;
            return entity => container.GetValue(entity) is { } owner ? info.GetValue(owner) : null;
        }
        var getter = property.GetGetter();
        return getter.GetClrValueUsingContainingEntity;
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, Func<object, object?> Get);
}
