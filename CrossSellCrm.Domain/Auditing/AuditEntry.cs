namespace CrossSellCrm.Domain.Auditing;

/// <summary>Who changed what, when: written by the context for every audited create, update and delete.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The signed-in user's name, or "system" for background work.</summary>
    public required string UserName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>Changed properties as JSON: { "Name": ["old", "new"] }.</summary>
    public string? Changes { get; set; }
}

public enum AuditAction { Created, Updated, Deleted }

/// <summary>Marks entities whose changes are written to the audit log.</summary>
public interface IAudited;

/// <summary>The person on whose behalf the context saves; a real boundary (HTTP user vs. CLI vs. job).</summary>
public interface ICurrentUser
{
    string Name { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public string Name => "system";
}
