namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// The SQLite file is there, but SQLite cannot read it: random bytes, a text file, a damaged or truncated database.
/// Nothing the code can repair, so the message is for the operator: which file, what SQLite said, what to do.
/// </summary>
public sealed class DatabaseUnreadableException(string path, string reason, Exception? inner = null) : Exception(
    $"the database '{path}' cannot be read ({reason.TrimEnd('.')}): it is not an SQLite database, or it is damaged. " +
    "Restore it from a backup, or point ConnectionStrings:Crm at another file.", inner)
{
    public string Path { get; } = path;
}
