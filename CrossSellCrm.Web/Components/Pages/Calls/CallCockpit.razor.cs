using System.Globalization;
using System.Security.Claims;
using CrossSellCrm.Domain.Calls;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Web.Components.Pages.Calls.Components;
using CrossSellCrm.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace CrossSellCrm.Web.Components.Pages.Calls;

/// <summary>
/// The rep's screen on a call. Everything it shows comes from <see cref="CallService"/> (one call per change), so a
/// reload shows the same call: the offers already made today, the contact policy's count and the summary are stored.
/// </summary>
public partial class CallCockpit : IAsyncDisposable
{
    [Inject] private CallService Calls { get; set; } = default!;
    [Inject] private CustomerDirectory Directory { get; set; } = default!;
    [Inject] private CallNoteBook NoteBook { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter] public int? CustomerId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    /// <summary>How long the toast offers to take an answer back; the server allows a little more (<see cref="OfferLog.UndoWindow"/>).</summary>
    public const int UndoMilliseconds = 10_000;

    private string? _repId;
    private ContactChannel _channel = ContactChannel.Phone;
    private IReadOnlyList<CustomerSummary>? _recent;
    private CallView? _view;
    private bool _loaded, _busy;
    /// <summary>Whether the customer 360 is rendered yet: a new call shows its offers first, the 360 in the next batch.</summary>
    private bool _profileShown;
    private int _selected;
    private OfferCard.CardMode _mode;
    private DateTime? _followUp;
    private readonly HashSet<int> _noOrder = [];
    private (long OfferId, string Product, DateTime At)? _lastAnswer;
    private int? _callFor;
    private string? _note;
    private long? _noteId;
    private string? _noteStatus;
    private bool _showSummary;
    private IJSObjectReference? _module, _keys;
    private DotNetObjectReference<CallCockpit>? _self;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private CallRequest Call => new(CustomerId!.Value, _repId, _channel, Language);

    protected override async Task OnInitializedAsync()
    {
        _repId = (await Auth).User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering reads nothing: the interactive render right after it would read it all again (two loads of the
        // customer 360 and the decision per page load). Until the circuit is up the page shows its frame and a bar.
        if (!RendererInfo.IsInteractive) return;
        if (CustomerId is not { } id)
        {
            _view = null;
            _recent ??= _repId is null ? [] : await Directory.RecentForRepAsync(_repId, 12);
            return;
        }
        if (_callFor != id) StartCall(id);
        Show(await Calls.OpenAsync(Call));
        _loaded = true;
    }

    /// <summary>A new customer on the line: the page's own choices (selected card, note being typed) start afresh.</summary>
    private void StartCall(int id)
    {
        _callFor = id;
        _loaded = false; // the bar, not "no such customer", until this customer is read
        _profileShown = false;
        _typingNote?.Cancel(); // a note still waiting to be saved belongs to the previous customer, not to this one
        _noOrder.Clear();
        (_note, _noteId, _noteStatus, _showSummary, _selected, _mode, _view, _lastAnswer) = (null, null, null, false, 0, OfferCard.CardMode.Choosing, null, null);
    }

    private void Show(CallView? view)
    {
        _view = view;
        _selected = Math.Min(_selected, Math.Max(0, (view?.Offers.Count ?? 1) - 1));
        _mode = OfferCard.CardMode.Choosing;
        _followUp = DateTime.Today.AddDays(7);
    }

    private async Task Open(int id)
    {
        if (_module is not null) await _module.InvokeVoidAsync("leaveSearch");
        Nav.NavigateTo($"calls/{id}");
    }

    private async Task ChannelChanged(ContactChannel channel)
    {
        _channel = channel;
        if (CustomerId is not null) Show(await Calls.OpenAsync(Call));
    }

    private void ToggleOrder(int productId, bool on)
    {
        if (on) _noOrder.Remove(productId); else _noOrder.Add(productId);
    }

    private async Task AnswerAsync(CallOffer card, OfferOutcome outcome, DeclineReason? reason = null, DateOnly? followUp = null, bool createOrder = false)
    {
        if (_busy) return; // one answer at a time from this screen; the key makes a repeat harmless anyway
        var offer = card.Offer;
        var input = new OfferOutcomeInput
        {
            ProductId = offer.Product.Id, AnchorProductId = offer.Anchor?.Id, Rank = offer.Rank, Score = offer.Score,
            ReasonsShown = OfferOutcomeInput.Reasons(offer.Reasons.Select(r => r.Text(Language))),
            Outcome = outcome, DeclineReason = reason, FollowUpOn = followUp, CreateOrder = outcome == OfferOutcome.Accepted && createOrder,
            BundleDiscountPercent = offer.BundleDiscountPercent, PresentationKey = card.PresentationKey,
            ShownProbability = offer.ShownProbability, Chance = offer.Chance, ChanceFromModel = offer.ChanceSource == ChanceSource.Model,
        };
        _busy = true;
        try
        {
            var (result, view) = await Calls.AnswerAsync(Call, input);
            if (result.Stored) Answered(result, offer.Product.Name, outcome);
            else Snackbar.Add(Refusal(result, offer.Product.Name), Severity.Warning);
            Show(view);
        }
        catch (ValidationException e)
        {
            Snackbar.Add(string.Join(" ", e.Errors.Select(x => x.ErrorMessage)), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The toast for a stored answer, with the undo: a mistyped key must not leave an order behind.</summary>
    private void Answered(OfferOutcomeResult result, string product, OfferOutcome outcome)
    {
        _lastAnswer = (result.OfferId, product, Clock.GetUtcNow().UtcDateTime);
        var text = result.OrderNumber is { } number ? L["Call_LoggedWithOrder", product, number] : L["Call_Logged", product, L[$"Outcome_{outcome}"]];
        Snackbar.Add(text, outcome == OfferOutcome.Declined ? Severity.Normal : Severity.Success, config =>
        {
            config.Action = L["Call_Undo"];
            config.ActionColor = Color.Inherit;
            config.VisibleStateDuration = UndoMilliseconds;
            config.OnClick = _ => InvokeAsync(UndoAsync);
        }, key: $"answer-{result.OfferId}");
    }

    private string Refusal(OfferOutcomeResult result, string product) => result.Refusal switch
    {
        AnswerRefusal.AlreadyAnswered when result.Earlier is { } e => L["Call_RefusedAnswered", product, L[$"Outcome_{e.Outcome}"],
            e.RepName ?? L["Call_SomeoneElse"], e.At.ToLocalTime().ToString("t", CultureInfo.CurrentCulture)],
        AnswerRefusal.TooManyDeclines => L["Call_RefusedDeclines"],
        _ => L["Call_RefusedLimit"],
    };

    /// <summary>Takes the last answer back (its order too), while the toast offers it.</summary>
    private async Task UndoAsync()
    {
        if (_lastAnswer is not { } last || CustomerId is null) return;
        if (Clock.GetUtcNow().UtcDateTime - last.At > TimeSpan.FromMilliseconds(UndoMilliseconds + 5_000)) return;
        _lastAnswer = null;
        Snackbar.RemoveByKey($"answer-{last.OfferId}");
        var (withdrawn, view) = await Calls.WithdrawAsync(Call, last.OfferId);
        Snackbar.Add(withdrawn ? L["Call_Undone", last.Product] : L["Call_UndoTooLate", last.Product], withdrawn ? Severity.Info : Severity.Warning);
        Show(view);
        StateHasChanged();
    }

    private CancellationTokenSource? _typingNote;

    /// <summary>Saves the note once the rep pauses typing for 800 ms (a key within that starts the wait again).</summary>
    private async Task NoteTypedAsync()
    {
        _typingNote?.Cancel();
        var typing = _typingNote = new CancellationTokenSource();
        try { await Task.Delay(800, typing.Token); }
        catch (TaskCanceledException) { return; }
        await SaveNoteAsync();
    }

    private async Task SaveNoteAsync()
    {
        try
        {
            _noteId = await NoteBook.SaveAsync(CustomerId!.Value, _repId, _noteId, _note);
            _noteStatus = _noteId is null ? null : L["Call_NoteSaved", Clock.GetLocalNow().ToString("t", CultureInfo.CurrentCulture)].Value;
            // The field takes no more than the limit (a longer paste is cut by the browser): say so, or the rest is lost unnoticed.
            if (_note?.Length >= CallNoteBook.MaxLength) _noteStatus += " — " + L["Call_NoteFull", CallNoteBook.MaxLength.ToString("N0", CultureInfo.CurrentCulture)];
        }
        catch (ValidationException e)
        {
            _noteStatus = string.Join(" ", e.Errors.Select(x => x.ErrorMessage));
        }
    }

    private void ToggleSummary() => _showSummary = !_showSummary;

    private string Summary()
    {
        var view = _view!;
        var lines = new List<string> { L["Call_SummaryHead", view.Profile.Name, view.Profile.CustomerNumber, Clock.GetLocalNow().ToString("g", CultureInfo.CurrentCulture), L[$"Contact_{_channel}"]] };
        if (view.ThisContact.Count == 0) lines.Add(L["Call_SummaryNoOffers"]);
        foreach (var a in view.ThisContact)
            lines.Add($"• {a.Product} ({Cultures.Money2(a.Price)}): {L[$"Outcome_{a.Outcome}"]}"
                      + (a.Reason is { } r ? $" – {L[$"Decline_{r}"]}" : "")
                      + (a.FollowUpOn is { } f ? $" – {L["Call_FollowUpShort", f.ToString("d", CultureInfo.CurrentCulture)]}" : "")
                      + (a.OrderNumber is { } order ? $" – {L["Call_Order", order]}" : ""));
        if (!string.IsNullOrWhiteSpace(_note)) lines.AddRange(["", L["Call_Note"] + ":", _note.Trim()]);
        return string.Join('\n', lines);
    }

    private async Task CopySummaryAsync()
    {
        var copied = _module is not null && await _module.InvokeAsync<bool>("copy", Summary());
        Snackbar.Add(copied ? L["Call_Copied"] : L["Call_CopyFailed"], copied ? Severity.Success : Severity.Warning);
    }

    [JSInvokable]
    public async Task HandleKey(string key)
    {
        if (_view is not { } view) return;
        var card = view.Offers.Count == 0 ? null : view.Offers[Math.Min(_selected, view.Offers.Count - 1)];
        switch (CallKeys.Interpret(key, _mode, view.Offers.Count))
        {
            case CallKeyAction.ToggleSummary: ToggleSummary(); break;
            case CallKeyAction.Undo: await UndoAsync(); break;
            case CallKeyAction.Select s: _selected = s.Index; break;
            case CallKeyAction.SetMode m: _mode = m.Mode; break;
            case CallKeyAction.Accept: await AnswerAsync(card!, OfferOutcome.Accepted, createOrder: !_noOrder.Contains(card!.Offer.Product.Id)); break;
            case CallKeyAction.Decline d: await AnswerAsync(card!, OfferOutcome.Declined, d.Reason); break;
            case CallKeyAction.ConfirmLater: await AnswerAsync(card!, OfferOutcome.Later, followUp: DateOnly.FromDateTime(_followUp ?? DateTime.Today.AddDays(7))); break;
        }
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_view is not null && !_profileShown)
        {
            // The browser has the offers (this runs once it acknowledged the batch): now the customer 360, in a batch of
            // its own. Twenty reps opening customers at once wait for their offers only, not for the history as well.
            _profileShown = true;
            StateHasChanged();
        }
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/call-cockpit.js");
        _keys = await _module.InvokeAsync<IJSObjectReference>("attach", _self);
        StateHasChanged(); // data-keys="on": the shortcuts work from now
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keys is not null) { await _keys.InvokeVoidAsync("detach"); await _keys.DisposeAsync(); }
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { /* the circuit is gone, and the listener with it */ }
        _self?.Dispose();
    }
}
