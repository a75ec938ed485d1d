using Microsoft.Data.Sqlite;

namespace CrossSellCrm.Tests.Support;

/// <summary>Temporary SQLite files for tests: a fresh path, and deletion with the WAL side files.</summary>
public static class TempSqlite
{
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(path + suffix); } catch (IOException) { /* still open elsewhere; the temp folder keeps it */ }
    }
}
