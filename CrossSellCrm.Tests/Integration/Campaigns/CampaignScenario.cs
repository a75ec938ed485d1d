using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Campaigns;

/// <summary>What the campaign tests do over and over: make a campaign for a segment, send it now, wait until the sender is done.</summary>
public static class CampaignScenario
{
    public static async Task<T> InScopeAsync<T>(this CrmAppFactory app, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public static async Task<CrmDbContext> DbAsync(this CrmAppFactory app) => await app.DbFactory.CreateDbContextAsync();

    /// <summary>A segment by name (the RFM segments share no members: campaigns to two of them do not meet the weekly cap).</summary>
    /// <remarks>The ready-made segments are made and filled by the app's segmentation worker after the start: waited for.</remarks>
    public static async Task<int> SegmentAsync(this CrmAppFactory app, string name)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = await app.DbAsync();
            var id = await db.Segments.Where(s => s.Name == name && db.SegmentMemberships.Any(m => m.SegmentId == s.Id)).Select(s => (int?)s.Id).SingleOrDefaultAsync();
            if (id is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The segment '{name}' was not made and filled within a minute.");
            await Task.Delay(200);
        }
    }

    public static async Task<int> CreateAsync(this CrmAppFactory app, int segmentId, int holdoutPercent = 0, string name = "Spring accessories")
    {
        var input = CampaignInput.WithDefaultTexts();
        (input.Name, input.SegmentId, input.HoldoutPercent) = (name, segmentId, holdoutPercent);
        return await app.InScopeAsync(sp => sp.GetRequiredService<CampaignService>().SaveAsync(input));
    }

    public static async Task ScheduleNowAsync(this CrmAppFactory app, int campaignId) =>
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<CampaignService>().ScheduleAsync(campaignId, DateTime.UtcNow, "http://crm.test/"); return 0; });

    /// <summary>Waits until the background sender has finished the campaign (sent, or nothing left it could send now).</summary>
    public static async Task<Campaign> SentAsync(this CrmAppFactory app, int campaignId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = await app.DbAsync();
            var c = await db.Campaigns.AsNoTracking().SingleAsync(x => x.Id == campaignId);
            if (c.Status is CampaignStatus.Sent or CampaignStatus.Cancelled) return c;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Campaign #{campaignId} is still {c.Status}.");
            await Task.Delay(100);
        }
    }

    public static async Task<List<CampaignSend>> SendsAsync(this CrmAppFactory app, int campaignId)
    {
        await using var db = await app.DbAsync();
        return await db.CampaignSends.AsNoTracking().Where(s => s.CampaignId == campaignId).OrderBy(s => s.Id).ToListAsync();
    }
}
