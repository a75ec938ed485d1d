using CrossSellCrm.Domain.Shop;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace CrossSellCrm.Web.Components.Pages.Admin;

/// <summary>The admin's shop API keys: make one (its secret shown once, here), see when each was last used, revoke.</summary>
public partial class ShopKeys
{
    [Inject] private ShopApiKeyService Keys { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ShopApiKeyInput _input = new();
    private List<ShopApiKeyRow>? _keys;
    private ShopApiKeyCreated? _created;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync() => _keys = await Keys.ListAsync();

    private async Task CreateAsync()
    {
        await RunAsync(async () =>
        {
            _created = await Keys.CreateAsync(_input);
            _input = new ShopApiKeyInput();
        });
    }

    private async Task RevokeAsync(ShopApiKeyRow key)
    {
        var sure = await Dialogs.ShowMessageBoxAsync(L["ShopKeys_RevokeTitle"], L["ShopKeys_RevokeText", key.Name],
            yesText: L["ShopKeys_Revoke"], cancelText: L["Seg_Cancel"]);
        if (sure != true) return;
        await RunAsync(() => Keys.RevokeAsync(key.Id));
    }

    private async Task RunAsync(Func<Task> change)
    {
        _busy = true;
        _error = null;
        try
        {
            await change();
            _keys = await Keys.ListAsync();
        }
        catch (ValidationException e)
        {
            _error = string.Join(" ", e.Errors.Select(x => x.ErrorMessage));
        }
        finally { _busy = false; }
    }
}
