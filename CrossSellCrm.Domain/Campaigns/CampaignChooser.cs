using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>A member as the chooser sees them: the engine's snapshot (null when erased), where to write and in which language.</summary>
public sealed record CampaignMember(int CustomerId, CustomerSnapshot? Snapshot, string? Email, string Language, string FirstName, string LastName);

/// <summary>What a campaign does with one member: mail them <see cref="Offer"/>, hold them back, or skip them (and why).</summary>
public sealed record CampaignChoice(CampaignArm Arm, SendStatus Status, SkipReason? Skip, RecommendedOffer? Offer)
{
    public static CampaignChoice Skipped(CampaignArm arm, SkipReason why) => new(arm, SendStatus.Skipped, why, null);
}

/// <summary>
/// The campaign's choice per member, pure: the e-mail channel's consent, the weekly cap across campaigns, the engine's
/// contact policy (declined offers rest, too many declines stop) and its best offer for the e-mail channel. The holdout is
/// drawn among those who would be mailed, so the two arms compare like with like.
/// </summary>
public static class CampaignChooser
{
    public static CampaignChoice Choose(CampaignMember member, int campaignId, int holdoutPercent, int mailsThisWeek, int maxMailsPerWeek,
        Func<CustomerSnapshot, OfferDecision> decide)
    {
        var arm = ArmOf(campaignId, member.CustomerId, holdoutPercent);
        if (member.Snapshot is not { } customer) return CampaignChoice.Skipped(arm, SkipReason.Erased);
        if (!customer.ConsentedChannels.Contains(ContactChannel.Email)) return CampaignChoice.Skipped(arm, SkipReason.NoConsent);
        if (!IsAddress(member.Email)) return CampaignChoice.Skipped(arm, SkipReason.NoAddress);
        if (mailsThisWeek >= maxMailsPerWeek) return CampaignChoice.Skipped(arm, SkipReason.WeeklyCap);
        var decision = decide(customer);
        if (decision.Offers is [var best, ..])
            return new CampaignChoice(arm, arm == CampaignArm.Holdout ? SendStatus.Held : SendStatus.Pending, null, best);
        return CampaignChoice.Skipped(arm, decision.Stop switch
        {
            StopReason.NoConsent => SkipReason.NoConsent,
            StopReason.TooManyDeclines => SkipReason.TooManyDeclines,
            _ => SkipReason.NothingToOffer,
        });
    }

    /// <summary>The member's arm: a stable draw from campaign and customer, so a re-run of the preparation draws the same.</summary>
    public static CampaignArm ArmOf(int campaignId, int customerId, int holdoutPercent)
    {
        if (holdoutPercent <= 0) return CampaignArm.Mail;
        var x = ((ulong)(uint)campaignId << 32 | (uint)customerId) + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x % 100 < (ulong)holdoutPercent ? CampaignArm.Holdout : CampaignArm.Mail;
    }

    public static bool IsAddress(string? email) =>
        !string.IsNullOrWhiteSpace(email) && MimeKit.MailboxAddress.TryParse(email, out var m) && m.Address.IndexOf('@') is > 0 and var at && at < m.Address.Length - 1;

    /// <summary>The language a customer is written to in: German in the German-speaking countries, else English.</summary>
    public static string LanguageOf(string? country) =>
        country?.Trim().ToUpperInvariant() is "DE" or "AT" or "CH" or "LI" ? "de" : "en";
}
