using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ValidationException = FluentValidation.ValidationException;

namespace CrossSellCrm.Web.Components.Pages.Campaigns;

/// <summary>
/// A campaign's editor: the segment, holdout and conversion window, the texts in English and German — and beside them the
/// exact mail a chosen member would get now (the sender's own choice and words), with a test send to the manager's own address.
/// </summary>
public partial class CampaignEditor
{
    [Parameter] public int? Id { get; set; }
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserManager<CrmUser> Users { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private CampaignEditorData? _data;
    private CampaignInput _input = new();
    private bool _notFound, _busy, _editable = true, _testOk;
    private string? _error, _memberSearch, _testTo, _testResult, _previewProblem;
    private IReadOnlyList<CampaignMemberOption> _members = [];
    private int? _memberId;
    private CampaignPreview? _preview;

    protected override async Task OnParametersSetAsync()
    {
        _data = await Campaigns.EditorAsync(Id, Cultures.Language);
        if (_data is null) { _notFound = true; return; }
        _input = _data.Input;
        _editable = _data.Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
        if (await Users.GetUserAsync((await Auth).User) is { Email: { } email }) _testTo = email;
        await LoadMembersAsync();
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var id = await Campaigns.SaveAsync(_input, Id, _data?.Version);
            Navigation.NavigateTo($"campaigns/{id}");
        }
        catch (ValidationException e) { _error = string.Join(" ", e.Errors.Select(x => x.ErrorMessage)); }
        catch (DbUpdateConcurrencyException) { _error = L["Campaign_Conflict"]; }
        finally { _busy = false; }
    }

    private async Task SegmentChangedAsync(ChangeEventArgs e)
    {
        _input.SegmentId = int.TryParse(e.Value?.ToString(), out var id) ? id : null;
        (_memberId, _preview, _previewProblem, _memberSearch) = (null, null, null, null);
        await LoadMembersAsync();
    }

    private async Task SearchMembersAsync(string? search)
    {
        _memberSearch = search;
        await LoadMembersAsync();
    }

    private async Task LoadMembersAsync() =>
        _members = _input.SegmentId is { } segment ? await Campaigns.MembersAsync(segment, _memberSearch) : [];

    private async Task MemberChangedAsync(ChangeEventArgs e)
    {
        _memberId = int.TryParse(e.Value?.ToString(), out var id) ? id : null;
        _testResult = null;
        await PreviewAsync();
    }

    /// <summary>The preview follows the texts as they are in the form, saved or not; invalid texts say what is wrong instead.</summary>
    private async Task PreviewAsync()
    {
        (_preview, _previewProblem) = (null, null);
        if (_memberId is not { } member) return;
        try { _preview = await Campaigns.PreviewAsync(_input, member, Id); }
        catch (ValidationException e) { _previewProblem = L["Campaign_PreviewInvalid", string.Join(" ", e.Errors.Select(x => x.ErrorMessage))]; }
    }

    private async Task SendTestAsync()
    {
        if (_memberId is not { } member) return;
        _busy = true;
        _testResult = null;
        try
        {
            await Campaigns.SendTestAsync(_input, member, _testTo ?? "", Id);
            (_testOk, _testResult) = (true, L["Campaign_TestSent", _testTo ?? ""]);
        }
        catch (ValidationException e) { (_testOk, _testResult) = (false, string.Join(" ", e.Errors.Select(x => x.ErrorMessage))); }
        catch (MailDeliveryException e) { (_testOk, _testResult) = (false, L["Campaign_TestFailed", e.Message]); }
        finally { _busy = false; }
    }

    private static Dictionary<string, object> Test(string id) => new() { ["data-testid"] = id };
}
