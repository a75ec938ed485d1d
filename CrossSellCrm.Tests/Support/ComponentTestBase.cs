using Bunit;
using CrossSellCrm.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// The one bunit setup for every component test: MudBlazor services, loose JS interop and the real
/// resource-file localiser. Holds the context instead of inheriting it (xunit v2 teardown, see STACK.md).
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    protected BunitContext Ctx { get; } = new();

    protected ComponentTestBase()
    {
        // Deterministic formatting whatever the machine's locale; a test may switch to German itself.
        System.Globalization.CultureInfo.CurrentCulture = Cultures.English;
        System.Globalization.CultureInfo.CurrentUICulture = Cultures.English;
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddLocalization();
        Ctx.Services.AddSingleton(TimeProvider.System);
    }

    protected IStringLocalizer<Text> L => Ctx.Services.GetRequiredService<IStringLocalizer<Text>>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Ctx.DisposeAsync();
}
