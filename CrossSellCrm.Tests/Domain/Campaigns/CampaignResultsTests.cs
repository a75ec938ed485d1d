using CrossSellCrm.Domain.Campaigns;

namespace CrossSellCrm.Tests.Domain.Campaigns;

public class CampaignResultsTests
{
    [Fact]
    public void TotalsAndPerOffer_CountTheMailArm_AndTheHoldoutIsComparedWithIt()
    {
        SendGroup[] groups =
        [
            new(1, SendStatus.Sent, null, 200, Clicked: 40, Converted: 20, Revenue: 1000m, Unsubscribed: 1),
            new(2, SendStatus.Sent, null, 100, 0, 0, 0m, 0),
            new(1, SendStatus.Held, null, 300, 0, Converted: 6, Revenue: 300m, 0),
            new(1, SendStatus.Failed, null, 1, 0, 0, 0m, 0),
            new(null, SendStatus.Skipped, SkipReason.NoConsent, 1, 0, 0, 0m, 0),
            new(null, SendStatus.Pending, null, 1, 0, 0, 0m, 0),
        ];

        var r = CampaignResults.Of(groups, new Dictionary<int, string> { [1] = "Tripod", [2] = "Bag" });

        Assert.Equal(new CampaignProgress(603, 1, 300, 1, 1, 300), r.Progress);
        Assert.Equal((300, 1, 40, 20, 1000m, 1, 300, 6), (r.Total.Sent, r.Total.Failed, r.Total.Clicked, r.Total.Converted, r.Total.Revenue, r.Total.Unsubscribed, r.Total.Held, r.Total.HeldConverted));
        var tripod = r.ByOffer.Single(o => o.Product == "Tripod");
        Assert.Equal((200, 20, 0.1, 300, 6), (tripod.Sent, tripod.Converted, tripod.ConversionRate!.Value, tripod.Held, tripod.HeldConverted));
        Assert.Equal(1, r.Skipped[SkipReason.NoConsent]);
        var h = r.AgainstHoldout!;
        Assert.Equal(0.02, h.ControlRate, 6);
        Assert.Equal(20.0 / 300, h.VariantRate, 6);
        Assert.True(h.Significant);
    }

    [Fact]
    public void NoHoldout_NoComparison() =>
        Assert.Null(CampaignResults.Of([new SendGroup(1, SendStatus.Sent, null, 5, 0, 0, 0m, 0)], new Dictionary<int, string>()).AgainstHoldout);
}
