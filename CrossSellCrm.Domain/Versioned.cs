namespace CrossSellCrm.Domain;

/// <summary>
/// A row two people may edit at the same time. <see cref="Version"/> is the optimistic-concurrency
/// token: the context gives it a new value on every update, so a stale edit fails instead of
/// silently overwriting (SQLite has no rowversion column).
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
