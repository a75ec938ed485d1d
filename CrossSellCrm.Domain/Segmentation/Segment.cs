using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>A named group of customers defined by a rule over the four dimensions.</summary>
public sealed class Segment : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    /// <summary>The name as the manager wrote it (unique).</summary>
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The German name and description, where the segment has them (the ready-made ones do); else the name is shown in German too.</summary>
    public string? NameDe { get; set; }
    public string? DescriptionDe { get; set; }
    /// <summary>The rule as JSON (field, operator, value, grouped with and/or).</summary>
    public required string RuleDefinition { get; set; }
    public string? OwnerId { get; set; }
    public CrmUser? Owner { get; set; }
    /// <summary>Ready-made segments (e.g. RFM) cannot be deleted.</summary>
    public bool IsBuiltIn { get; set; }
    public int MemberCount { get; set; }
    public DateTime? MembershipComputedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }

    public string NameFor(string language) => Localization.Messages.Pick(language, Name, NameDe);

    public string? DescriptionFor(string language) => language == "de" && !string.IsNullOrWhiteSpace(DescriptionDe) ? DescriptionDe : Description;
}

/// <summary>Materialised membership: recomputed when the rule or the data changes.</summary>
public sealed class SegmentMembership
{
    public int SegmentId { get; set; }
    public Segment? Segment { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public DateTime Since { get; set; }
}
