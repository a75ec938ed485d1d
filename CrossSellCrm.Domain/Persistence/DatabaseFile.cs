using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// The SQLite file behind the connection string, looked at before EF Core opens it. SQLite creates a missing file on
/// open, so a read-only command would leave an empty database behind; and a file that is no database fails only in the
/// first query, which EF Core logs as a failed command with a stack trace before anyone can say what it means.
/// </summary>
public sealed class DatabaseFile(IDbContextFactory<CrmDbContext> factory)
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The file's full path; null for PostgreSQL and in-memory SQLite, which have no file to look at.</summary>
    public string? Path()
    {
        using var db = factory.CreateDbContext();
        if (!db.IsSqlite) return null;
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:" ? null : connection.DataSource;
    }

    /// <summary>False only for an SQLite file that does not exist (a server database is taken to exist).</summary>
    public bool Exists() => Path() is not { } path || File.Exists(path);

    /// <summary>
    /// Reads the schema of an existing file on a connection of its own, which neither creates nor changes anything. A
    /// missing file passes: migrating creates it.
    /// </summary>
    /// <exception cref="DatabaseUnreadableException">The file exists, but SQLite cannot read it.</exception>
    public async Task EnsureReadableAsync(CancellationToken ct = default)
    {
        if (Path() is not { } path || !File.Exists(path)) return;
        var probe = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        try
        {
            await using var connection = new SqliteConnection(probe.ToString());
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            await command.ExecuteScalarAsync(ct);
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnreadableException(path, e.Message, e);
        }
    }

    /// <summary>
    /// SQLite's words when an exception (or one inside it) says the file is damaged or no database; null otherwise. A file
    /// whose first page is sound can still be damaged further in, which only the query that reads there finds.
    /// </summary>
    public static string? UnreadableReason(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } sqlite) return sqlite.Message;
        return null;
    }
}
