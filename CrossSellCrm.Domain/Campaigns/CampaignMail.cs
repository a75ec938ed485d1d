using System.Net;
using System.Text;
using CrossSellCrm.Domain.Recommendations.Engine;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>One mail as it goes out: plain text and HTML with the same words, and the pressure phrases found in it (must be none).</summary>
public sealed record CampaignMessage(string To, string Subject, string Text, string Html, string OfferName, IReadOnlyList<string> Pressure);

/// <summary>Where a mail's links go: the signed click link (which forwards to the shop) and the one-click unsubscribe.</summary>
public sealed record CampaignMailLinks(string Click, string Unsubscribe);

/// <summary>
/// Writes a member's mail, pure: the manager's greeting, the offer block — the product's benefit, its transparent price or
/// bundle saving, one reason in plain words, a link to it — the manager's closing, the imprint, and why they get it with the
/// unsubscribe link. No tracking pixel: a click is the only thing the mail tells.
/// </summary>
public static class CampaignMail
{
    public static CampaignMessage Render(CampaignTexts texts, CampaignMember member, RecommendedOffer offer, CampaignMailLinks links)
    {
        var de = member.Language == "de";
        var points = TalkingPointWriter.Write(offer, Listener.Unknown, member.Language);
        var reason = offer.Reasons.Count > 0 ? (de ? offer.Reasons[0].TextDe : offer.Reasons[0].TextEn) : null;
        var product = offer.Product.Name;
        var subject = Fill(texts.Subject, member);
        var greeting = Fill(texts.Greeting, member);
        var closing = Fill(texts.Closing, member);
        var why = reason is null ? null : (de ? $"Warum wir es vorschlagen: {reason}" : $"Why we suggest it: {reason}");
        var see = de ? $"{product} im Shop ansehen" : $"See the {product} in the shop";
        var consent = de
            ? "Sie erhalten diese E-Mail, weil Sie Angeboten per E-Mail zugestimmt haben. Mit einem Klick abmelden:"
            : "You get this e-mail because you agreed to offers by e-mail. Unsubscribe with one click:";

        var text = new StringBuilder()
            .AppendLine(greeting).AppendLine()
            .AppendLine(points.Benefit);
        if (why is not null) text.AppendLine(why);
        text.AppendLine(points.Price).AppendLine()
            .AppendLine($"{see}: {links.Click}").AppendLine()
            .AppendLine(closing).AppendLine()
            .AppendLine("--")
            .AppendLine(texts.Footer)
            .AppendLine($"{consent} {links.Unsubscribe}");

        static string H(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append($"<!DOCTYPE html><html lang=\"{member.Language}\"><head><meta charset=\"utf-8\"><title>{H(subject)}</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;max-width:600px;margin:0 auto;padding:16px\">")
            .Append($"<p>{H(greeting)}</p>")
            .Append("<div style=\"border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0\">")
            .Append($"<h2 style=\"font-size:20px;margin:0 0 8px\">{H(product)}</h2>")
            .Append($"<p style=\"margin:0 0 8px\">{H(points.Benefit)}</p>");
        if (why is not null) html.Append($"<p style=\"margin:0 0 8px\">{H(why)}</p>");
        html.Append($"<p style=\"margin:0 0 16px\"><strong>{H(points.Price)}</strong></p>")
            .Append($"<a href=\"{H(links.Click)}\" style=\"display:inline-block;background:#1565c0;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px\">{H(see)}</a>")
            .Append("</div>")
            .Append($"<p>{H(closing)}</p>")
            .Append($"<hr style=\"border:none;border-top:1px solid #d0d7de\"><p style=\"font-size:13px;color:#57606a\">{H(texts.Footer)}<br>")
            .Append($"{H(consent)} <a href=\"{H(links.Unsubscribe)}\" style=\"color:#57606a\">{(de ? "Abmelden" : "Unsubscribe")}</a></p>")
            .Append("</body></html>");

        var pressure = PressureLint.Find(string.Join('\n', subject, text.ToString()), member.Language);
        return new CampaignMessage(member.Email ?? "", subject, text.ToString(), html.ToString(), product, pressure);
    }

    private static string Fill(string template, CampaignMember m) => template
        .Replace("{firstName}", m.FirstName, StringComparison.Ordinal)
        .Replace("{lastName}", m.LastName, StringComparison.Ordinal)
        .Replace("{name}", $"{m.FirstName} {m.LastName}".Trim(), StringComparison.Ordinal);
}
