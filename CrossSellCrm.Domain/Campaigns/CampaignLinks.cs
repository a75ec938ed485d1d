using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>What a link in a campaign mail does.</summary>
public enum CampaignLinkKind { Click, Unsubscribe }

/// <summary>
/// Signs the links in campaign mails: "{send}.{signature}", the signature an HMAC-SHA256 (128 bits) of the send and what the
/// link does, with a key the app keeps in its database. Nobody can click or unsubscribe for another person by changing
/// a number; a signature is compared in constant time.
/// </summary>
public sealed class CampaignLinks(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    public const string KeyName = "campaign-links";
    private byte[]? _key;

    public static string PathOf(CampaignLinkKind kind) => kind == CampaignLinkKind.Click ? "m/c" : "m/u";

    public async Task<CampaignMailLinks> LinksAsync(string baseUrl, long sendId, CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        var root = baseUrl.TrimEnd('/');
        return new CampaignMailLinks(
            $"{root}/{PathOf(CampaignLinkKind.Click)}/{Token(key, sendId, CampaignLinkKind.Click)}",
            $"{root}/{PathOf(CampaignLinkKind.Unsubscribe)}/{Token(key, sendId, CampaignLinkKind.Unsubscribe)}");
    }

    /// <returns>The send the token names, or null when it is malformed or its signature is wrong.</returns>
    public async Task<long?> ReadAsync(string? token, CampaignLinkKind kind, CancellationToken ct = default)
    {
        if (token is not { Length: > 3 and < 80 } || token.Split('.') is not [var id, var signature] || Decode(id) is not { Length: 8 } idBytes) return null;
        var sendId = BinaryPrimitives.ReadInt64BigEndian(idBytes);
        var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Signature(await KeyAsync(ct), sendId, kind)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)) ? sendId : null;
    }

    /// <summary>Null for text that is not base64url (the framework's Try… still throws on some of it).</summary>
    private static byte[]? Decode(string text)
    {
        try { return Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return null; }
    }

    private static string Token(byte[] key, long sendId, CampaignLinkKind kind)
    {
        Span<byte> id = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(id, sendId);
        return $"{Base64Url.EncodeToString(id)}.{Base64Url.EncodeToString(Signature(key, sendId, kind))}";
    }

    private static byte[] Signature(byte[] key, long sendId, CampaignLinkKind kind) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{kind}:{sendId}"))[..16];

    /// <summary>The key, made on first use; two instances making it at once agree on the one stored first.</summary>
    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.AppSecrets.AsNoTracking().Where(s => s.Name == KeyName).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            db.AppSecrets.Add(new AppSecret { Name = KeyName, Value = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.GetUtcNow().UtcDateTime });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { /* another instance stored one first: use that */ }
            await using var again = await factory.CreateDbContextAsync(ct);
            stored = await again.AppSecrets.AsNoTracking().Where(s => s.Name == KeyName).Select(s => s.Value).FirstAsync(ct);
        }
        return _key = stored;
    }
}
