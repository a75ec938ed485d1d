using CrossSellCrm.Domain.Campaigns;

namespace CrossSellCrm.Tests.Domain.Campaigns;

public class CampaignInputValidatorTests
{
    private static CampaignInput Valid() { var i = CampaignInput.WithDefaultTexts(); (i.Name, i.SegmentId) = ("Spring", 1); return i; }

    [Fact]
    public void TheDefaultTexts_AreValid_AndFreeOfPressure() => Assert.True(new CampaignInputValidator().Validate(Valid()).IsValid);

    [Fact]
    public void Pressure_InEitherLanguage_IsRefused_WithThePhrase()
    {
        var i = Valid();
        (i.SubjectEn, i.ClosingDe) = ("Last chance: act now", "Nur heute – jetzt zugreifen!");
        var errors = new CampaignInputValidator().Validate(i).Errors;
        Assert.Contains(errors, e => e.PropertyName == nameof(CampaignInput.SubjectEn) && e.ErrorMessage.Contains("\"last chance\"") && e.ErrorMessage.Contains("\"act now\""));
        Assert.Contains(errors, e => e.PropertyName == nameof(CampaignInput.ClosingDe) && e.ErrorMessage.Contains("\"nur heute\""));
    }

    [Fact]
    public void AnUnknownPlaceholder_IsNamed_WithTheKnownOnes()
    {
        var i = Valid();
        i.GreetingEn = "Hi {first_name},";
        var error = Assert.Single(new CampaignInputValidator().Validate(i).Errors);
        Assert.Equal(nameof(CampaignInput.GreetingEn), error.PropertyName);
        Assert.Contains("{first_name}", error.ErrorMessage);
        Assert.Contains("{firstName}", error.ErrorMessage);
    }

    [Theory]
    [InlineData(nameof(CampaignInput.Name))]
    [InlineData(nameof(CampaignInput.SegmentId))]
    [InlineData(nameof(CampaignInput.HoldoutPercent))]
    [InlineData(nameof(CampaignInput.ConversionWindowDays))]
    [InlineData(nameof(CampaignInput.FooterDe))]
    public void MissingOrOutOfRange_IsRefused(string field)
    {
        var i = Valid();
        switch (field)
        {
            case nameof(CampaignInput.Name): i.Name = ""; break;
            case nameof(CampaignInput.SegmentId): i.SegmentId = null; break;
            case nameof(CampaignInput.HoldoutPercent): i.HoldoutPercent = 60; break;
            case nameof(CampaignInput.ConversionWindowDays): i.ConversionWindowDays = 0; break;
            default: i.FooterDe = " "; break;
        }
        Assert.Contains(new CampaignInputValidator().Validate(i).Errors, e => e.PropertyName == field);
    }
}
