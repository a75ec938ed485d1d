namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// A secret the app made for itself and keeps in its database, so that every instance and every restart agree on it
/// (e.g. the key that signs the links in campaign mails, which must keep working for months).
/// </summary>
public sealed class AppSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTime CreatedAt { get; set; }
}
