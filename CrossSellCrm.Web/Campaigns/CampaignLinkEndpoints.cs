using System.Net;
using CrossSellCrm.Domain.Campaigns;

namespace CrossSellCrm.Web.Campaigns;

/// <summary>
/// The pages a campaign mail's links open, for customers (no sign-in): GET /m/c/{token} counts the click and forwards to
/// the product in the shop; GET /m/u/{token} asks to confirm with one button, POST /m/u/{token} unsubscribes — also the
/// mail programs' one-click POST of RFC 8058 (List-Unsubscribe-Post). GET alone does not unsubscribe: mail scanners and
/// link previews open every link of a mail, and would unsubscribe people who never clicked.
/// </summary>
public static class CampaignLinkEndpoints
{
    public static void MapCampaignLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/m/c/{token}", async (string token, CampaignTracking tracking, CancellationToken ct) =>
            await tracking.ClickAsync(token, ct) is { } url ? Results.Redirect(url) : Page(404, "en", Unknown("en"), Unknown("de")))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/m/u/{token}", async (string token, CampaignTracking tracking, CancellationToken ct) =>
        {
            if (await tracking.UnsubscribeTargetAsync(token, ct) is not { } target) return Page(404, "en", Unknown("en"), Unknown("de"));
            var de = target.Language == "de";
            if (target.Unsubscribed) return Page(200, target.Language, Done(de, target.MaskedEmail));
            var who = target.MaskedEmail is { } m ? (de ? $" an {m}" : $" to {m}") : "";
            return Page(200, target.Language, $"""
                <h1>{(de ? "Keine Angebote mehr per E-Mail?" : "No more offers by e-mail?")}</h1>
                <p>{Enc(de ? $"Mit einem Klick senden wir{who} keine Angebote mehr per E-Mail." : $"With one click we send no more offers by e-mail{who}.")}</p>
                <form method="post"><button type="submit" data-testid="unsubscribe">{(de ? "Abmelden" : "Unsubscribe")}</button></form>
                """);
        }).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/m/u/{token}", async (string token, CampaignTracking tracking, CancellationToken ct) =>
        {
            if (!await tracking.UnsubscribeAsync(token, ct)) return Page(404, "en", Unknown("en"), Unknown("de"));
            var target = await tracking.UnsubscribeTargetAsync(token, ct);
            var language = target?.Language ?? "en";
            return Page(200, language, Done(language == "de", target?.MaskedEmail));
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static string Done(bool de, string? email) =>
        $"""<h1 data-testid="unsubscribed">{(de ? "Sie sind abgemeldet" : "You are unsubscribed")}</h1><p>{Enc(de
            ? $"Wir senden{(email is null ? "" : $" an {email}")} keine Angebote mehr per E-Mail. Falls Sie es sich anders überlegen, sagen Sie es uns einfach."
            : $"We send no more offers by e-mail{(email is null ? "" : $" to {email}")}. If you change your mind, just tell us.")}</p>""";

    private static string Unknown(string language) => language == "de"
        ? "<p lang=\"de\">Diesen Link kennen wir nicht – vielleicht ist er unvollständig. Kopieren Sie ihn bitte ganz aus der E-Mail.</p>"
        : "<h1>Link not found</h1><p>We do not know this link — it may be incomplete. Please copy it whole from the e-mail.</p>";

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static IResult Page(int status, string language, params string[] parts) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="{language}">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><meta name="robots" content="noindex" />
        <title>CrossSellCrm</title>
        <style>body{"{"}font-family:system-ui,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2933{"}"}
        button{"{"}font-size:1rem;padding:.6rem 1.2rem;border-radius:4px;border:none;background:#1565c0;color:#fff;cursor:pointer{"}"}
        button:focus-visible{"{"}outline:3px solid #f9a825;outline-offset:2px{"}"}</style></head>
        <body><main>{string.Concat(parts)}</main></body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
