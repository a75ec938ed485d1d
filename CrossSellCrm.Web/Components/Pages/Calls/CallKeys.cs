using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Web.Components.Pages.Calls.Components;

namespace CrossSellCrm.Web.Components.Pages.Calls;

/// <summary>What a key means on the call cockpit, given the selected card's mode (pure, so it is unit-tested).</summary>
public abstract record CallKeyAction
{
    public sealed record Nothing : CallKeyAction;
    public sealed record Select(int Index) : CallKeyAction;
    public sealed record SetMode(OfferCard.CardMode Mode) : CallKeyAction;
    public sealed record Accept : CallKeyAction;
    public sealed record Decline(DeclineReason? Reason) : CallKeyAction;
    public sealed record ConfirmLater : CallKeyAction;
    public sealed record ToggleSummary : CallKeyAction;
    public sealed record Undo : CallKeyAction;
}

/// <summary>
/// The keyboard: 1–3 pick a card; a / d / l answer for it; while declining 1–5 pick a reason (0 or Enter: none);
/// Enter confirms "later"; Escape goes back to choosing; s shows the summary; u takes the last answer back.
/// </summary>
public static class CallKeys
{
    public static CallKeyAction Interpret(string key, OfferCard.CardMode mode, int offers) => (mode, key) switch
    {
        (_, "s") => new CallKeyAction.ToggleSummary(),
        (_, "u") => new CallKeyAction.Undo(),
        _ when offers == 0 => new CallKeyAction.Nothing(),
        (_, "escape") => new CallKeyAction.SetMode(OfferCard.CardMode.Choosing),
        (OfferCard.CardMode.Declining, "0" or "enter") => new CallKeyAction.Decline(null),
        (OfferCard.CardMode.Declining, _) when int.TryParse(key, out var n) && n is >= 1 and <= 5 => new CallKeyAction.Decline(OfferCard.Reasons[n - 1]),
        (OfferCard.CardMode.Later, "enter") => new CallKeyAction.ConfirmLater(),
        (OfferCard.CardMode.Choosing, _) when int.TryParse(key, out var n) && n >= 1 && n <= offers => new CallKeyAction.Select(n - 1),
        (OfferCard.CardMode.Choosing, "a") => new CallKeyAction.Accept(),
        (OfferCard.CardMode.Choosing, "d") => new CallKeyAction.SetMode(OfferCard.CardMode.Declining),
        (OfferCard.CardMode.Choosing, "l") => new CallKeyAction.SetMode(OfferCard.CardMode.Later),
        _ => new CallKeyAction.Nothing(),
    };
}
