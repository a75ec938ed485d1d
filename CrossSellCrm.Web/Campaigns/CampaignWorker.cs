using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Campaigns;

/// <summary>Wakes the campaign sender: a campaign was scheduled (now), or orders came in (once they settle: conversions).</summary>
public sealed class CampaignTrigger() : WorkTrigger(() => TimeSpan.FromSeconds(5));

/// <summary>
/// Runs the <see cref="CampaignRunner"/>: when a campaign is scheduled or cancelled, when orders arrive (imports, accepted
/// offers — their conversions), and every "Campaigns:PollSeconds" (a campaign due later, a retry, another instance's work).
/// </summary>
public sealed class CampaignWorker(IServiceScopeFactory scopes, CampaignTrigger trigger, ChangeHub changes, IOptions<CampaignOptions> options,
    IHostApplicationLifetime lifetime, ILogger<CampaignWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        changes.Changed += Hear;
        try
        {
            await lifetime.WaitForStartAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var waiting = false;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    waiting = await scope.ServiceProvider.GetRequiredService<CampaignRunner>().RunAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sending campaigns failed; trying again in {Seconds} s", options.Value.PollSeconds);
                }
                // Mails waiting for a retry come back sooner than the poll; the runner skips those not yet due.
                var wait = TimeSpan.FromSeconds(waiting ? Math.Min(options.Value.PollSeconds, options.Value.RetryAfterSeconds) : options.Value.PollSeconds);
                await trigger.WaitAsync(wait, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* stopping */ }
        finally
        {
            changes.Changed -= Hear;
        }
    }

    private void Hear(CrmChange change)
    {
        switch (change)
        {
            case CampaignChanged:
                trigger.RequestNow();
                break;
            case OfferAnswered { OrderId: not null }:
            case DataImported { Kind: Domain.Imports.ImportKind.Orders }:
                trigger.DataChanged();
                break;
        }
    }
}
