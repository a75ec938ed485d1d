using System.Text.Encodings.Web;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// GET /shop/demo?sku=…: a plain product page as a shop would have it, with the widget pasted in exactly as the README
/// says — the way to see the widget work (and what the browser tests drive). Served by the app, so the widget calls from
/// the same origin; it uses the first configuration key (Api:ShopKeys; Development has one), since a made key's secret
/// is not kept. Managers and admins only: the page shows the catalogue, and its key is in the page.
/// </summary>
public static class ShopDemoPage
{
    public const string Path = "/shop/demo";

    public static void MapShopDemoPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, RenderAsync).RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Admin)).ExcludeFromDescription();

    private static async Task<IResult> RenderAsync(string? sku, IDbContextFactory<CrmDbContext> factory, IConfiguration configuration,
        CancellationToken ct)
    {
        // The signed-in user's language (the app's culture cookie, else the browser's): the widget reads it from <html lang>.
        var de = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";
        var language = de ? "de" : "en";
        await using var db = await factory.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking().Where(p => p.IsActive);
        var product = await products.FirstOrDefaultAsync(p => p.Sku == sku, ct) ?? await products.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        var key = (configuration.GetSection("Api:ShopKeys").Get<string[]>() ?? []).FirstOrDefault(k => k.Length > 0);
        var html = HtmlEncoder.Default;
        string body;
        if (product is null)
            body = $"<p>{(de ? "Der Katalog ist leer." : "The catalogue is empty.")}</p>";
        else
        {
            var widget = key is null
                ? $"<p role=\"note\" data-testid=\"demo-no-key\">{html.Encode(de
                    ? "Für die Vorschau braucht die App einen Schlüssel in Api:ShopKeys (Development hat demo-shop-key)."
                    : "The preview needs a key in Api:ShopKeys (Development has demo-shop-key).")}</p>"
                : $"<script src=\"/widget.js\" data-key=\"{html.Encode(key)}\" data-sku=\"{html.Encode(product.Sku)}\" data-take=\"3\" " +
                  $"data-product-url=\"{Path}?sku={{sku}}\" data-target=\"recommendations\"></script>";
            body = $"""
                <p><a href="/catalog">{(de ? "← Zurück zum Katalog" : "← Back to the catalogue")}</a></p>
                <article data-testid="demo-product">
                  <h1>{html.Encode(product.Name)}</h1>
                  <p class="price">{Domain.Catalog.Money.Format(product.Price, System.Globalization.CultureInfo.GetCultureInfo(de ? "de-DE" : "en-GB"))}</p>
                  <p>{html.Encode(de ? product.BenefitDe : product.BenefitEn)}</p>
                  <button type="button" disabled>{(de ? "In den Warenkorb" : "Add to basket")}</button>
                </article>
                <div id="recommendations" data-testid="demo-recommendations"></div>
                {widget}
                """;
        }
        return TypedResults.Content($"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{(de ? "Shop-Vorschau" : "Shop preview")} – CrossSellCrm</title>
            <style>body{"{"}font-family:system-ui,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem{"}"} .price{"{"}font-size:1.4rem{"}"}
            .banner{"{"}background:#eef;padding:.5rem 1rem;border-radius:6px{"}"}</style></head>
            <body>
            <p class="banner">{(de ? "Vorschau: so zeigt ein Shop das Widget auf einer Produktseite." : "Preview: how a shop shows the widget on a product page.")}</p>
            {body}
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
