using System.Globalization;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Recommendations.Tuning;

/// <summary>
/// How the engine decides and what the card says — the things an experiment may change, one at a time. The default
/// strategy is the stored <see cref="EngineTuning"/>; an experiment's arm is the default with one thing changed.
/// </summary>
public sealed record OfferStrategy(
    double MarginWeight = EngineSettings.DefaultMarginWeight,
    double SameCategoryPenalty = EngineSettings.DefaultSameCategoryPenalty,
    bool UseModel = true,
    TalkingPointStyle TalkingPoints = TalkingPointStyle.Standard,
    double? BundleDiscountPercent = null)
{
    public static readonly OfferStrategy Default = new();

    public static OfferStrategy Of(EngineTuning tuning) =>
        new(tuning.MarginWeight, tuning.SameCategoryPenalty, tuning.UseModel, tuning.TalkingPointStyle, tuning.BundleDiscountPercent);

    /// <summary>The engine's settings with this strategy.</summary>
    public EngineSettings Apply(EngineSettings settings) =>
        settings with
        {
            MarginWeight = MarginWeight, SameCategoryPenalty = SameCategoryPenalty, UseModel = UseModel,
            TalkingPoints = TalkingPoints, BundleDiscountPercent = BundleDiscountPercent,
        };

    /// <summary>The strategy an engine decides with.</summary>
    public static OfferStrategy Of(EngineSettings settings) =>
        new(settings.MarginWeight, settings.SameCategoryPenalty, settings.UseModel, settings.TalkingPoints, settings.BundleDiscountPercent);

    /// <summary>
    /// What the decision record stores, so every outcome can be attributed to the strategy that made the offer:
    /// readable, stable, short ("m0.25 d0.90 model standard b-").
    /// </summary>
    public string Version => string.Create(CultureInfo.InvariantCulture,
        $"m{MarginWeight:0.00} d{SameCategoryPenalty:0.00} {(UseModel ? "model" : "prior")} {TalkingPoints.ToString().ToLowerInvariant()} b{(BundleDiscountPercent is { } b ? b.ToString("0.#", CultureInfo.InvariantCulture) : "-")}");
}
