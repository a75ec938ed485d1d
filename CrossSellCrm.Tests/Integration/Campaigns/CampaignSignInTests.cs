using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CrossSellCrm.Tests.Integration.Campaigns;

/// <summary>A wrong SMTP password: nothing is sent, every mail waits with the server's answer, and the password is in no log.</summary>
public sealed class WrongPasswordSmtpFactory : OwnSmtpFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Password", "wrong-password-1234");
        builder.UseSetting("Campaigns:RetryAfterSeconds", "3600");
    }
}

public class CampaignSignInTests(WrongPasswordSmtpFactory app) : IClassFixture<WrongPasswordSmtpFactory>
{
    [Fact]
    public async Task AWrongPassword_SendsNothing_TheSendsWaitWithTheReason_AndNoLogHasThePassword()
    {
        await app.EngineAsync();
        var id = await app.CreateAsync(await app.SegmentAsync("RFM: Loyal customers"));
        await app.ScheduleNowAsync(id);
        var until = DateTime.UtcNow.AddSeconds(30);
        List<CampaignSend> sends;
        do
        {
            await Task.Delay(200);
            sends = await app.SendsAsync(id);
        } while (!sends.Any(s => s.LastError is not null) && DateTime.UtcNow < until);
        Assert.Contains(sends, s => s.Status == SendStatus.Pending && s.LastError!.Contains("sign-in was refused", StringComparison.Ordinal));
        Assert.All(sends.Where(s => s.Status == SendStatus.Pending), s => Assert.Equal(0, s.Attempts)); // no mail is to blame: none used up an attempt
        Assert.Empty(app.Mailbox.Received);
        Assert.True(app.Mailbox.RefusedSignIns > 0);
        Assert.DoesNotContain(app.Log.Entries, e => e.ToString().Contains("wrong-password-1234", StringComparison.Ordinal));
        // A round of the sender comes back at once, saying mails wait — it does not claim the waiting campaign again and again.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<CampaignRunner>().RunAsync(limit.Token)));
    }
}
