using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Tests.Domain.Campaigns;

/// <summary>The campaign's choice per member: consent, address, the weekly cap, the engine's stop reasons, the holdout.</summary>
public class CampaignChooserTests
{
    internal static readonly CatalogProduct Tripod = new(7, "Peak Design Travel Tripod", 3, "Tripods", ProductKind.Physical, 349.95m, 200m, true, false, [], 1,
        BenefitEn: "Packs to the size of a water bottle.", BenefitDe: "Klein wie eine Wasserflasche.");

    internal static RecommendedOffer Offer(CatalogProduct? product = null) =>
        new(product ?? Tripod, 1, 0.4, 0.3, 1, 1, null, null, null, null,
            [new OfferReason(ReasonKind.BoughtTogether, "31 % of buyers of a camera also bought it", "31 % der Käufer einer Kamera kauften es auch")]);

    internal static CampaignMember Member(bool emailConsent = true, string? email = "anna@example.org", string language = "de", int id = 42) =>
        new(id, new CustomerSnapshot(id, [], [], [], [], emailConsent ? new HashSet<ContactChannel> { ContactChannel.Email } : new HashSet<ContactChannel>()),
            email, language, "Anna", "Berg");

    private static OfferDecision Offers(CustomerSnapshot _) => new([Offer()], StopReason.None);

    [Fact]
    public void AConsentingMember_WithAnAddress_UnderTheCap_GetsTheEnginesBestOffer()
    {
        var choice = CampaignChooser.Choose(Member(), 1, 0, mailsThisWeek: 0, maxMailsPerWeek: 1, Offers);
        Assert.Equal((CampaignArm.Mail, SendStatus.Pending, (SkipReason?)null, Tripod.Id), (choice.Arm, choice.Status, choice.Skip, choice.Offer!.Product.Id));
    }

    [Theory]
    [InlineData(false, "anna@example.org", 0, SkipReason.NoConsent)]
    [InlineData(true, null, 0, SkipReason.NoAddress)]
    [InlineData(true, "not an address", 0, SkipReason.NoAddress)]
    [InlineData(true, "anna@", 0, SkipReason.NoAddress)]
    [InlineData(true, "anna@example.org", 1, SkipReason.WeeklyCap)]
    public void NoMail_WithoutConsent_Address_OrRoomUnderTheWeeklyCap(bool consent, string? email, int mailsThisWeek, SkipReason expected)
    {
        var decided = false;
        var choice = CampaignChooser.Choose(Member(consent, email), 1, 0, mailsThisWeek, 1, c => { decided = true; return Offers(c); });
        Assert.Equal((SendStatus.Skipped, expected), (choice.Status, choice.Skip));
        Assert.Null(choice.Offer);
        Assert.False(decided); // the engine is not even asked
    }

    [Fact]
    public void AnErasedMember_HasNoSnapshot_AndIsNeverMailed() =>
        Assert.Equal(SkipReason.Erased, CampaignChooser.Choose(Member() with { Snapshot = null }, 1, 0, 0, 1, Offers).Skip);

    [Theory]
    [InlineData(StopReason.TooManyDeclines, SkipReason.TooManyDeclines)]
    [InlineData(StopReason.NothingEligible, SkipReason.NothingToOffer)]
    [InlineData(StopReason.NoConsent, SkipReason.NoConsent)]
    public void TheEnginesStop_IsTheSkipReason(StopReason stop, SkipReason expected) =>
        Assert.Equal(expected, CampaignChooser.Choose(Member(), 1, 0, 0, 1, _ => new OfferDecision([], stop)).Skip);

    [Fact]
    public void TheHoldout_IsAStableDrawOfAboutItsShare_AndKeepsTheOfferTheyWouldHaveGot()
    {
        var held = Enumerable.Range(1, 20_000).Count(id => CampaignChooser.ArmOf(5, id, 20) == CampaignArm.Holdout);
        Assert.InRange(held / 20_000.0, 0.19, 0.21);
        Assert.Equal(CampaignChooser.ArmOf(5, 1234, 20), CampaignChooser.ArmOf(5, 1234, 20));
        Assert.All(Enumerable.Range(1, 500), id => Assert.Equal(CampaignArm.Mail, CampaignChooser.ArmOf(5, id, 0)));
        var heldId = Enumerable.Range(1, 100).First(id => CampaignChooser.ArmOf(5, id, 50) == CampaignArm.Holdout);
        var choice = CampaignChooser.Choose(Member(id: heldId), 5, 50, 0, 1, Offers);
        Assert.Equal((CampaignArm.Holdout, SendStatus.Held, Tripod.Id), (choice.Arm, choice.Status, choice.Offer!.Product.Id));
        // Skipped members are drawn too, but get no mail in either arm.
        Assert.Equal(SendStatus.Skipped, CampaignChooser.Choose(Member(emailConsent: false, id: heldId), 5, 50, 0, 1, Offers).Status);
    }

    [Theory]
    [InlineData("DE", "de")]
    [InlineData("at", "de")]
    [InlineData(" CH ", "de")]
    [InlineData("GB", "en")]
    [InlineData("FR", "en")]
    [InlineData(null, "en")]
    public void TheLanguage_FollowsTheCountry(string? country, string language) => Assert.Equal(language, CampaignChooser.LanguageOf(country));
}
