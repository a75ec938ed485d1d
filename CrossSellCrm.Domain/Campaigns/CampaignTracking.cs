using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>A signed link's send, as its landing page needs it.</summary>
public sealed record CampaignLinkTarget(long SendId, string Language, string? MaskedEmail, bool Unsubscribed, string? ForwardTo);

/// <summary>
/// What the links in a campaign mail do: a click is counted and forwards to the product in the shop; an unsubscribe
/// withdraws the customer's e-mail consent at once, through the privacy service (so the consent history says "unsubscribe link").
/// </summary>
public sealed class CampaignTracking(IDbContextFactory<CrmDbContext> factory, CampaignLinks links, PrivacyService privacy,
    IOptions<CampaignOptions> options, TimeProvider clock)
{
    public const string UnsubscribeRecorder = "unsubscribe link";

    /// <summary>Counts the click (the first one's time is kept) and says where to forward.</summary>
    /// <returns>Null for a link that is not ours (tampered, or from no mail).</returns>
    public async Task<string?> ClickAsync(string token, CancellationToken ct = default)
    {
        if (await links.ReadAsync(token, CampaignLinkKind.Click, ct) is not { } id) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var send = await db.CampaignSends.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.ProductId }).FirstOrDefaultAsync(ct);
        if (send is null) return null;
        await db.CampaignSends.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Clicks, s => s.Clicks + 1).SetProperty(s => s.ClickedAt, s => s.ClickedAt ?? now), ct);
        var sku = send.ProductId is { } productId ? await db.Products.Where(p => p.Id == productId).Select(p => p.Sku).FirstOrDefaultAsync(ct) : null;
        var template = options.Value.ShopProductUrl;
        return sku is null ? new Uri(new Uri(template.Replace("{sku}", "", StringComparison.Ordinal)), "/").ToString()
            : template.Replace("{sku}", Uri.EscapeDataString(sku), StringComparison.Ordinal);
    }

    /// <returns>Null for a link that is not ours.</returns>
    public async Task<CampaignLinkTarget?> UnsubscribeTargetAsync(string token, CancellationToken ct = default)
    {
        if (await links.ReadAsync(token, CampaignLinkKind.Unsubscribe, ct) is not { } id) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await (from s in db.CampaignSends.AsNoTracking()
                           where s.Id == id
                           join c in db.Customers on s.CustomerId equals c.Id into cs
                           from c in cs.DefaultIfEmpty()
                           select new
                           {
                               s.Language, Email = c == null || c.IsErased ? null : c.Email,
                               Granted = c != null && db.MarketingConsents.Any(m => m.CustomerId == c.Id && m.Channel == ContactChannel.Email && m.Granted),
                           }).FirstOrDefaultAsync(ct);
        return found is null ? null : new CampaignLinkTarget(id, found.Language, Mask(found.Email), !found.Granted, null);
    }

    /// <summary>Withdraws the e-mail consent of the send's customer (once; a second click changes nothing) and marks the send.</summary>
    /// <returns>False for a link that is not ours.</returns>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken ct = default)
    {
        if (await links.ReadAsync(token, CampaignLinkKind.Unsubscribe, ct) is not { } id) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var send = await db.CampaignSends.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.CustomerId }).FirstOrDefaultAsync(ct);
        if (send is null) return false;
        if (send.CustomerId is { } customerId && await db.Customers.AnyAsync(c => c.Id == customerId && !c.IsErased, ct))
            await privacy.SetConsentAsync(new ConsentInput(customerId, ContactChannel.Email, false, ConsentSource.UnsubscribeLink), UnsubscribeRecorder, ct);
        await db.CampaignSends.Where(s => s.Id == id && s.UnsubscribedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.UnsubscribedAt, now), ct);
        return true;
    }

    /// <summary>"l***@example.com": enough for the person to know it is theirs, not enough for someone with the link to learn it.</summary>
    public static string? Mask(string? email) =>
        email?.IndexOf('@') is > 0 and var at ? $"{email[0]}***{email[at..]}" : null;
}
