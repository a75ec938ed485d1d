using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Layout;

/// <summary>
/// The app's one MudBlazor theme and its &lt;style&gt; of CSS variables (about 12,000 characters), rendered once per
/// light and dark by <see cref="MudThemeProvider"/> itself and then shared by every circuit. A MudThemeProvider per
/// circuit built and kept its own copy of that text (23 KB), and a default theme of its own (108 colours).
/// </summary>
public static class ThemeStyle
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", Secondary = "#00897b", AppbarBackground = "#283593" },
        PaletteDark = new PaletteDark { Primary = "#7986cb", Secondary = "#4db6ac" },
    };

    private static readonly Task<string>?[] Styles = new Task<string>?[2];
    private static readonly Lock Gate = new();

    /// <summary>The theme's style markup; rendered by the first caller, awaited by the others meanwhile (a failed render is tried again).</summary>
    public static Task<string> ForAsync(bool dark, IServiceProvider services, ILoggerFactory loggers)
    {
        lock (Gate)
        {
            var i = dark ? 1 : 0;
            if (Styles[i] is not { IsFaulted: false, IsCanceled: false } style) Styles[i] = style = RenderAsync(dark, services, loggers);
            return style;
        }
    }

    private static async Task<string> RenderAsync(bool dark, IServiceProvider services, ILoggerFactory loggers)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            }));
            return output.ToHtmlString();
        });
    }
}
