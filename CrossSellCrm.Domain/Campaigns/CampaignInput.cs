using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Recommendations.Engine;
using FluentValidation;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>A campaign as the manager writes it. The texts may use {firstName}, {lastName} and {name}.</summary>
public sealed class CampaignInput
{
    public const int DefaultConversionWindowDays = 14;

    public string Name { get; set; } = "";
    public int? SegmentId { get; set; }
    public int HoldoutPercent { get; set; }
    public int ConversionWindowDays { get; set; } = DefaultConversionWindowDays;
    public string SubjectEn { get; set; } = "";
    public string GreetingEn { get; set; } = "";
    public string ClosingEn { get; set; } = "";
    public string FooterEn { get; set; } = "";
    public string SubjectDe { get; set; } = "";
    public string GreetingDe { get; set; } = "";
    public string ClosingDe { get; set; } = "";
    public string FooterDe { get; set; } = "";

    /// <summary>A new campaign's texts: plain, friendly, no pressure; the manager adapts them (the imprint above all).</summary>
    public static CampaignInput WithDefaultTexts() => new()
    {
        SubjectEn = "Something that goes with what you have",
        GreetingEn = "Hello {firstName},",
        ClosingEn = "If it is not for you, simply ignore this e-mail. Kind regards, your service team",
        FooterEn = "CrossSell Demo GmbH · Musterstraße 1 · 10115 Berlin · Managing director: Erika Muster · Register court Berlin HRB 12345",
        SubjectDe = "Etwas, das zu Ihrem Einkauf passt",
        GreetingDe = "Hallo {firstName},",
        ClosingDe = "Falls es nichts für Sie ist, ignorieren Sie diese E-Mail einfach. Viele Grüße, Ihr Service-Team",
        FooterDe = "CrossSell Demo GmbH · Musterstraße 1 · 10115 Berlin · Geschäftsführerin: Erika Muster · Amtsgericht Berlin HRB 12345",
    };

    public static CampaignInput Of(Campaign c) => new()
    {
        Name = c.Name, SegmentId = c.SegmentId, HoldoutPercent = c.HoldoutPercent, ConversionWindowDays = c.ConversionWindowDays,
        SubjectEn = c.SubjectEn, GreetingEn = c.GreetingEn, ClosingEn = c.ClosingEn, FooterEn = c.FooterEn,
        SubjectDe = c.SubjectDe, GreetingDe = c.GreetingDe, ClosingDe = c.ClosingDe, FooterDe = c.FooterDe,
    };
}

public sealed partial class CampaignInputValidator : AbstractValidator<CampaignInput>
{
    public const int MaxNameLength = 120;
    public const int MaxSubjectLength = 150;
    public const int MaxTextLength = 1_000;
    public const int MaxHoldoutPercent = 50;
    public const int MaxConversionWindowDays = 90;
    public static readonly IReadOnlyList<string> Placeholders = ["{firstName}", "{lastName}", "{name}"];

    public CampaignInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage(_ => Messages.Text("Campaign_NameRequired"))
            .MaximumLength(MaxNameLength).WithMessage(_ => Messages.Text("Campaign_TooLong", MaxNameLength));
        RuleFor(c => c.SegmentId).NotNull().WithMessage(_ => Messages.Text("Campaign_SegmentRequired"));
        RuleFor(c => c.HoldoutPercent).InclusiveBetween(0, MaxHoldoutPercent).WithMessage(_ => Messages.Text("Campaign_HoldoutRange", MaxHoldoutPercent));
        RuleFor(c => c.ConversionWindowDays).InclusiveBetween(1, MaxConversionWindowDays).WithMessage(_ => Messages.Text("Campaign_WindowRange", MaxConversionWindowDays));
        Text(c => c.SubjectEn, "en", MaxSubjectLength);
        Text(c => c.GreetingEn, "en", MaxSubjectLength);
        Text(c => c.ClosingEn, "en", MaxTextLength);
        Text(c => c.FooterEn, "en", MaxTextLength);
        Text(c => c.SubjectDe, "de", MaxSubjectLength);
        Text(c => c.GreetingDe, "de", MaxSubjectLength);
        Text(c => c.ClosingDe, "de", MaxTextLength);
        Text(c => c.FooterDe, "de", MaxTextLength);
    }

    /// <summary>Required, not too long, only known placeholders, and never pressure (the engine's own <see cref="PressureLint"/>).</summary>
    private void Text(System.Linq.Expressions.Expression<Func<CampaignInput, string>> field, string language, int max) =>
        RuleFor(field).NotEmpty().WithMessage(_ => Messages.Text("Campaign_TextRequired"))
            .MaximumLength(max).WithMessage(_ => Messages.Text("Campaign_TooLong", max))
            .Custom((text, context) =>
            {
                foreach (Match m in Placeholder().Matches(text ?? ""))
                    if (!Placeholders.Contains(m.Value))
                        context.AddFailure(Messages.Text("Campaign_UnknownPlaceholder", m.Value, string.Join(", ", Placeholders)));
                if (PressureLint.Find(text ?? "", language) is [_, ..] found)
                    context.AddFailure(Messages.Text("Campaign_Pressure", string.Join(", ", found.Select(f => $"\"{f}\""))));
            });

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
