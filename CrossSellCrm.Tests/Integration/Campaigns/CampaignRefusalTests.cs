using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Campaigns;

/// <summary>The app with an SMTP server of its own, which a test can make refuse mails without touching the others'.</summary>
public abstract class OwnSmtpFactory : CrmAppFactory
{
    public SmtpTestServer Mailbox { get; } = new();
    protected override SmtpTestServer Smtp => Mailbox;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Mailbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

public sealed class RefusingSmtpFactory : OwnSmtpFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Campaigns:MaxAttempts", "3");
    }
}

/// <summary>When the server says no: "try later" is retried with a growing wait, then counted as failed; "no such mailbox" fails at once; cancelling stops what is left.</summary>
public class CampaignRefusalTests(RefusingSmtpFactory app) : IClassFixture<RefusingSmtpFactory>
{
    [Fact]
    public async Task ATemporaryRefusal_IsRetried_ThenFails_APermanentOneFailsAtOnce_TheOthersAreDelivered()
    {
        await app.EngineAsync();
        var segment = await app.SegmentAsync("RFM: Potential loyalists");
        string temporary, permanent;
        await using (var db = await app.DbAsync())
        {
            var addresses = await db.SegmentMemberships.Where(m => m.SegmentId == segment)
                .Join(db.Customers, m => m.CustomerId, c => c.Id, (_, c) => c)
                .Where(c => c.Email != null && db.MarketingConsents.Any(x => x.CustomerId == c.Id && x.Channel == CrossSellCrm.Domain.Customers.ContactChannel.Email && x.Granted))
                .OrderBy(c => c.Id).Select(c => c.Email!).Take(2).ToListAsync();
            (temporary, permanent) = (addresses[0], addresses[1]);
        }
        app.Mailbox.Refuse = to => to == temporary ? 451 : to == permanent ? 550 : null;

        var id = await app.CreateAsync(segment);
        await app.ScheduleNowAsync(id);
        // Three attempts, 1 s then 2 s apart (Campaigns:RetryAfterSeconds = 1, doubling).
        await app.SentAsync(id, TimeSpan.FromSeconds(60));
        var sends = await app.SendsAsync(id);
        await using var check = await app.DbAsync();
        var emails = await check.Customers.Where(c => sends.Select(s => s.CustomerId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email);
        var retried = sends.Single(s => emails[s.CustomerId!.Value] == temporary);
        var refused = sends.Single(s => emails[s.CustomerId!.Value] == permanent);
        Assert.Equal((SendStatus.Failed, 3), (retried.Status, retried.Attempts));
        Assert.StartsWith("451", retried.LastError);
        Assert.Equal((SendStatus.Failed, 1), (refused.Status, refused.Attempts));
        Assert.StartsWith("550", refused.LastError);
        var delivered = sends.Where(s => s.Status == SendStatus.Sent).ToList();
        Assert.NotEmpty(delivered);
        Assert.Equal(delivered.Count, app.Mailbox.Received.Count(m => delivered.Any(s => s.MessageId == m.MessageId)));
        var view = (await app.InScopeAsync(sp => sp.GetRequiredService<CampaignService>().ViewAsync(id, "en")))!;
        Assert.Equal(2, view.Results.Total.Failed);
        Assert.Contains(view.Failures, f => f.Error.StartsWith("451", StringComparison.Ordinal) && f.Attempts == 3);
        // The password went to the server, and nowhere into the log.
        Assert.DoesNotContain(app.Log.Entries, e => e.ToString().Contains(SmtpTestServer.Password, StringComparison.Ordinal));
        app.Mailbox.Refuse = _ => null;
    }

    [Fact]
    public async Task ACancelledCampaign_SendsNothingMore()
    {
        await app.EngineAsync();
        var id = await app.CreateAsync(await app.SegmentAsync("RFM: At risk"));
        await app.InScopeAsync(async sp =>
        {
            var campaigns = sp.GetRequiredService<CampaignService>();
            await campaigns.ScheduleAsync(id, DateTime.UtcNow.AddHours(2), "http://crm.test/");
            await campaigns.CancelAsync(id);
            return 0;
        });
        await Task.Delay(2_500); // two polls of the sender
        await using var db = await app.DbAsync();
        Assert.Equal(CampaignStatus.Cancelled, await db.Campaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
        Assert.Empty(await app.SendsAsync(id));
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.InScopeAsync(async sp => { await sp.GetRequiredService<CampaignService>().ScheduleAsync(id, DateTime.UtcNow, "http://crm.test/"); return 0; }));
        Assert.Contains("can no longer be changed", refused.Message);
    }
}
