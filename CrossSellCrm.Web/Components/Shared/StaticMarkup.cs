using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
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
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", ChipClasses.GetOrAdd((variant, color), static k =>
            $"mud-chip mud-chip-{(k.Variant == Variant.Outlined ? "outlined" : "filled")} mud-chip-size-small mud-chip-color-{k.Color.ToString().ToLowerInvariant()}"));
        builder.AddAttribute(4, "title", title);
        builder.AddAttribute(5, "data-testid", testId);
        if (icon is not null) builder.AddMarkupContent(6, Svg(icon, "mud-icon-size-small mud-chip-icon", null));
        builder.OpenElement(7, "span");
        builder.AddAttribute(8, "class", "mud-chip-content");
        builder.AddContent(9, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>An icon, as <c>&lt;MudIcon Icon="…" Size="Size.Small"/&gt;</c> renders it (other <paramref name="classes"/> for other sizes and places).</summary>
    public static RenderFragment Icon(string icon, string? style = null, string classes = "mud-icon-size-small") => builder => builder.AddMarkupContent(0, Svg(icon, classes, style));

    // The chips' class lists and the icons' whole svg markup, once for the app: all are built from constants, so every
    // circuit shows the same strings, and an icon is one markup frame instead of an element with five attributes.
    private static readonly ConcurrentDictionary<(Variant Variant, Color Color), string> ChipClasses = new();
    private static readonly ConcurrentDictionary<(string Icon, string Classes, string? Style), string> Svgs = new();

    /// <summary>The svg as MudIcon renders it (MudBlazor's icons are the svg's inner markup: constants of Icons.Material…).</summary>
    private static string Svg(string icon, string classes, string? style) => Svgs.GetOrAdd((icon, classes, style), static k =>
    {
        var encode = HtmlEncoder.Default;
        var style = k.Style is null ? "" : $" style=\"{encode.Encode(k.Style)}\"";
        return $"<svg class=\"mud-icon-root mud-svg-icon {encode.Encode(k.Classes)}\"{style} focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{k.Icon}</svg>";
    });
}
