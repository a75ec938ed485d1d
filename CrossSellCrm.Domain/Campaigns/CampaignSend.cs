namespace CrossSellCrm.Domain.Campaigns;

/// <summary>
/// One member of a campaign: the offer chosen for them, their arm, and what became of the mail — sent (with the SMTP
/// server's message id), failed after its retries, skipped (and why), or held back (the holdout) — then a click, a
/// purchase within the window, an unsubscribe.
/// </summary>
public sealed class CampaignSend
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    /// <summary>Null once the customer is erased: the counts stay, the person goes.</summary>
    public int? CustomerId { get; set; }
    /// <summary>The offer (null when skipped before an offer was found).</summary>
    public int? ProductId { get; set; }
    public CampaignArm Arm { get; set; }
    public SendStatus Status { get; set; }
    public SkipReason? SkipReason { get; set; }
    /// <summary>"en" or "de": the language the mail is (or would have been) written in.</summary>
    public required string Language { get; set; }
    public double Score { get; set; }
    /// <summary>The reason the mail gives for the offer, as it was chosen.</summary>
    public string? Reason { get; set; }
    public DateTime PreparedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    /// <summary>The last delivery error, without credentials (what the SMTP server answered).</summary>
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
    public string? MessageId { get; set; }
    /// <summary>Until when a purchase of the offer counts as this mail's conversion (from the send, or for the holdout from the preparation).</summary>
    public DateTime? ConvertsUntil { get; set; }
    public DateTime? ClickedAt { get; set; }
    public int Clicks { get; set; }
    public DateTime? ConvertedAt { get; set; }
    public int? ConvertedOrderId { get; set; }
    public decimal? ConvertedRevenue { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    /// <summary>The offer as the engine's history knows it (channel e-mail): it rests, is capped and is learnt from like any other.</summary>
    public long? OfferPresentationId { get; set; }
}

/// <summary><see cref="Mail"/>: gets the mail. <see cref="Holdout"/>: chosen at random to get nothing (the comparison).</summary>
public enum CampaignArm { Mail, Holdout }

public enum SendStatus { Pending, Sent, Failed, Skipped, Held }

/// <summary>Why a member gets no mail: the contact policy and consent are never overridden by a campaign.</summary>
public enum SkipReason { NoConsent, NoAddress, Erased, WeeklyCap, TooManyDeclines, NothingToOffer, PressureWording, Cancelled }
