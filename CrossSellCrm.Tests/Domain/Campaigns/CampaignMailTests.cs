using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Tests.Domain.Campaigns;

/// <summary>What a member's mail says: their name and language, the offer's benefit, price and one reason, the links, never pressure.</summary>
public class CampaignMailTests
{
    private static readonly CampaignMailLinks Links = new("https://crm.example/m/c/AAA.sig", "https://crm.example/m/u/AAA.sig");

    private static CampaignTexts Texts(string language) => CampaignInput.WithDefaultTexts() is var i && language == "de"
        ? new(i.SubjectDe, i.GreetingDe, i.ClosingDe, i.FooterDe) : new(i.SubjectEn, i.GreetingEn, i.ClosingEn, i.FooterEn);

    [Fact]
    public void AGermanMember_GetsAGermanMail_WithBenefitPriceReasonAndBothLinks()
    {
        var mail = CampaignMail.Render(Texts("de"), CampaignChooserTests.Member(), CampaignChooserTests.Offer(), Links);
        Assert.Equal("anna@example.org", mail.To);
        Assert.Equal("Etwas, das zu Ihrem Einkauf passt", mail.Subject);
        Assert.StartsWith("Hallo Anna,", mail.Text);
        Assert.Contains("Klein wie eine Wasserflasche.", mail.Text);
        Assert.Contains("349,95 €", mail.Text);
        Assert.Contains("Warum wir es vorschlagen: 31 % der Käufer einer Kamera kauften es auch", mail.Text);
        Assert.Contains(Links.Click, mail.Text);
        Assert.Contains(Links.Unsubscribe, mail.Text);
        Assert.Contains($"href=\"{Links.Click}\"", mail.Html);
        Assert.Contains("<html lang=\"de\">", mail.Html);
        Assert.DoesNotContain("<img", mail.Html);
        Assert.Empty(mail.Pressure);
    }

    [Fact]
    public void AnEnglishMember_GetsEnglish_AndABundleSavingIsSpelledOut()
    {
        var anchor = CampaignChooserTests.Tripod with { Id = 8, Name = "Sony Alpha 7 IV" };
        var bundle = CampaignChooserTests.Offer() with { Anchor = anchor, BundleDiscountPercent = 10m, Relation = RelationKind.Accessory };
        var mail = CampaignMail.Render(Texts("en"), CampaignChooserTests.Member(language: "en"), bundle, Links);
        Assert.StartsWith("Hello Anna,", mail.Text);
        Assert.Contains("Packs to the size of a water bottle.", mail.Text);
        Assert.Contains("10 % bundle discount", mail.Text);
        Assert.Contains("Why we suggest it: 31 % of buyers of a camera also bought it", mail.Text);
    }

    [Fact]
    public void MarkupInNames_IsEscaped_AndPlaceholdersAreFilled()
    {
        var member = CampaignChooserTests.Member(language: "en") with { FirstName = "<b>Ann</b>", LastName = "O'Neil & Co" };
        var texts = Texts("en") with { Greeting = "Dear {name}," };
        var mail = CampaignMail.Render(texts, member, CampaignChooserTests.Offer(), Links);
        Assert.StartsWith("Dear <b>Ann</b> O'Neil & Co,", mail.Text);
        Assert.Contains("Dear &lt;b&gt;Ann&lt;/b&gt; O&#39;Neil &amp; Co,", mail.Html);
    }

    [Fact]
    public void PushyCatalogueWording_IsFound_SoTheMailIsNotSent()
    {
        var pushy = CampaignChooserTests.Tripod with { BenefitEn = "Only today! Buy now before it's too late." };
        var mail = CampaignMail.Render(Texts("en"), CampaignChooserTests.Member(language: "en"), CampaignChooserTests.Offer(pushy), Links);
        Assert.Contains("only today", mail.Pressure);
        Assert.Contains("buy now", mail.Pressure);
    }
}
