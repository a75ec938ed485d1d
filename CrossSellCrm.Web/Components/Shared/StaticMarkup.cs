using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CrossSellCrm.Web.Components.Shared;

/// <summary>
/// Read-only chips and icons as plain markup with MudBlazor's own classes: they look like <see cref="MudChip{T}"/> and
/// <see cref="MudIcon"/> but are not components. Every component on an interactive page costs its circuit two render
/// trees for as long as the page is open (a few KB each); a call cockpit showed about three hundred of them, most
/// of them labels that never change on their own.
/// </summary>
public static class StaticMarkup
{
    /// <summary>A small chip, as <c>&lt;MudChip Size="Size.Small" …&gt;</c> renders it, without the click and keyboard handling.</summary>
    public static RenderFragment Chip(string text, Color color = Color.Default, Variant variant = Variant.Filled, string? icon = null,
        string? title = null, string? testId = null) => builder =>
    {
        var look = variant == Variant.Outlined ? "outlined" : "filled";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-{look} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}");
        builder.AddAttribute(4, "title", title);
        builder.AddAttribute(5, "data-testid", testId);
        if (icon is not null) Svg(builder, icon, "mud-icon-size-small mud-chip-icon");
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "mud-chip-content");
        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>An icon, as <c>&lt;MudIcon Icon="…" Size="Size.Small"/&gt;</c> renders it (other <paramref name="classes"/> for other sizes and places).</summary>
    public static RenderFragment Icon(string icon, string? style = null, string classes = "mud-icon-size-small") => builder => Svg(builder, icon, classes, style);

    /// <summary>The svg in a region of its own: its sequence numbers do not mix with the caller's.</summary>
    private static void Svg(RenderTreeBuilder builder, string icon, string classes, string? style = null)
    {
        builder.OpenRegion(10);
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon {classes}");
        builder.AddAttribute(2, "style", style);
        builder.AddAttribute(3, "focusable", "false");
        builder.AddAttribute(4, "viewBox", "0 0 24 24");
        builder.AddAttribute(5, "aria-hidden", "true");
        builder.AddMarkupContent(6, icon); // MudBlazor's icons are the svg's inner markup (constants of Icons.Material…)
        builder.CloseElement();
        builder.CloseRegion();
    }
}
