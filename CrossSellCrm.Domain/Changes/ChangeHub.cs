namespace CrossSellCrm.Domain.Changes;

/// <summary>Something that changes the CRM's picture, told to whoever follows it (rule mining, segmentation, dashboards).</summary>
public abstract record CrmChange;

/// <summary>A rep answered for an offer; <see cref="OrderId"/> is set when the answer wrote an order.</summary>
public sealed record OfferAnswered(long OfferId, int CustomerId, int ProductId, Recommendations.OfferOutcome Outcome, int? OrderId) : CrmChange;

/// <summary>A rep took an answer back (undo); its order, if it wrote one, is gone too.</summary>
public sealed record OfferWithdrawn(long OfferId, int CustomerId, int ProductId, int? OrderId) : CrmChange;

/// <summary>The catalogue changed in a way the engine must know (e.g. a category's relevance flag).</summary>
public sealed record CatalogChanged : CrmChange;

/// <summary>A manager changed the default offer strategy (the margin weight on the quality page, or an experiment's arm promoted).</summary>
public sealed record EngineTuningChanged(Recommendations.Tuning.OfferStrategy Strategy) : CrmChange;

/// <summary>An experiment was started, ended or changed: the experiment book reloads.</summary>
public sealed record ExperimentChanged(int ExperimentId) : CrmChange;

/// <summary>An import job wrote customers, products, relations or orders: behaviour, segments, rules and the KPI cube follow.</summary>
public sealed record DataImported(Imports.ImportKind Kind, int JobId) : CrmChange;

/// <summary>A segment was saved, recomputed or deleted.</summary>
public sealed record SegmentChanged(int SegmentId) : CrmChange;

/// <summary>A shop API key was made or revoked: the key ring reloads.</summary>
public sealed record ShopKeysChanged(int KeyId) : CrmChange;

/// <summary>A manager saved, scheduled or cancelled a campaign: the sender looks at once (its pages poll their progress).</summary>
public sealed record CampaignChanged(int CampaignId) : CrmChange;

/// <summary>A campaign's mails (offers on the e-mail channel) or their conversions were written: the dashboards' numbers changed.</summary>
public sealed record CampaignOutcomesWritten(int CampaignId) : CrmChange;

/// <summary>
/// The one place that hears what follows a change: services publish after their transaction commits, and
/// followers subscribe once at start. Pages never wire one to the other. In-process; a follower must be quick
/// (wake a worker, not do its work) and must not throw.
/// </summary>
public sealed class ChangeHub
{
    public event Action<CrmChange>? Changed;

    public void Publish(CrmChange change) => Changed?.Invoke(change);
}
