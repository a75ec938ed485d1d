namespace CrossSellCrm.Domain.Campaigns;

/// <summary>
/// An e-mail campaign: one segment's members, each mailed the best offer the engine has for them on the e-mail channel, at a
/// send time, in their language. The texts around the offer are the manager's (English and German); the offer block is the
/// engine's and the catalogue's.
/// </summary>
public sealed class Campaign : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int SegmentId { get; set; }
    public Segmentation.Segment? Segment { get; set; }
    public CampaignStatus Status { get; set; }
    /// <summary>UTC; when the send begins (null while a draft).</summary>
    public DateTime? ScheduledFor { get; set; }
    /// <summary>The share of members (in %) who get no mail, so that what the mail did can be told from what would have happened anyway.</summary>
    public int HoldoutPercent { get; set; }
    /// <summary>A purchase of the offered product this many days after the mail counts as the campaign's conversion.</summary>
    public int ConversionWindowDays { get; set; } = CampaignInput.DefaultConversionWindowDays;
    public required string SubjectEn { get; set; }
    public required string GreetingEn { get; set; }
    public required string ClosingEn { get; set; }
    public required string FooterEn { get; set; }
    public required string SubjectDe { get; set; }
    public required string GreetingDe { get; set; }
    public required string ClosingDe { get; set; }
    public required string FooterDe { get; set; }
    /// <summary>The address the mails' links point to (the app as the manager reached it, or "Campaigns:PublicBaseUrl").</summary>
    public string? LinkBaseUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>Which instance works on it until when: a sender that died leaves it to another after this time.</summary>
    public DateTime? LeaseUntil { get; set; }
    public Guid Version { get; set; }

    public CampaignTexts TextsFor(string language) => language == "de"
        ? new(SubjectDe, GreetingDe, ClosingDe, FooterDe)
        : new(SubjectEn, GreetingEn, ClosingEn, FooterEn);
}

/// <summary>The manager's texts of a campaign in one language.</summary>
public sealed record CampaignTexts(string Subject, string Greeting, string Closing, string Footer);

/// <summary>
/// Draft → Scheduled → Preparing (each member's offer chosen) → Sending → Sent; a draft or scheduled campaign may be
/// cancelled, and so may one being sent (what was sent stays recorded).
/// </summary>
public enum CampaignStatus { Draft, Scheduled, Preparing, Sending, Sent, Cancelled }
