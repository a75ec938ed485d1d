namespace CrossSellCrm.Domain.Persistence;

/// <summary>The "Database" section of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider { Sqlite, Postgres }
