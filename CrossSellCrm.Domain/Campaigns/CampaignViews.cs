namespace CrossSellCrm.Domain.Campaigns;

// What the campaign pages show, each page from one call of CampaignService.

/// <summary>A row of the campaign list.</summary>
public sealed record CampaignRow(int Id, string Name, int SegmentId, string Segment, CampaignStatus Status, DateTime? ScheduledFor,
    int Members, int Sent, int Clicked, int Converted, decimal Revenue);

/// <summary>Campaign results summed per segment, over every campaign that mailed it.</summary>
public sealed record SegmentCampaignResult(int SegmentId, string Segment, int Campaigns, int Sent, int Clicked, int Converted, decimal Revenue, int Unsubscribed)
{
    public double? ConversionRate => Sent == 0 ? null : (double)Converted / Sent;
}

/// <summary>What the campaign list shows, in one call.</summary>
public sealed record CampaignOverview(IReadOnlyList<CampaignRow> Campaigns, IReadOnlyList<SegmentCampaignResult> BySegment, bool CanSend);

/// <summary>What a campaign's page shows, in one call.</summary>
public sealed record CampaignView(Campaign Campaign, string Segment, int SegmentMembers, CampaignResults Results, IReadOnlyList<CampaignFailure> Failures, bool CanSend);

/// <summary>A mail that could not be delivered, with the server's answer.</summary>
public sealed record CampaignFailure(string? CustomerNumber, string Error, int Attempts);

/// <summary>A segment a campaign can mail, with its members now.</summary>
public sealed record CampaignSegmentOption(int Id, string Name, int Members);

/// <summary>What the campaign editor shows, in one call. <see cref="Version"/>: null for a new campaign.</summary>
public sealed record CampaignEditorData(CampaignInput Input, CampaignStatus Status, Guid? Version, IReadOnlyList<CampaignSegmentOption> Segments, bool CanSend);

/// <summary>A member to preview the campaign for.</summary>
public sealed record CampaignMemberOption(int CustomerId, string CustomerNumber, string Name, string Language);

/// <summary>The exact mail a member would get now, or why they would get none.</summary>
public sealed record CampaignPreview(CampaignMemberOption Member, CampaignMessage? Message, SkipReason? Skip);
