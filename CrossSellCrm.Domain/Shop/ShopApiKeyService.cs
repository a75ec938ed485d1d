using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Shop;

/// <summary>A row of the admin's key list (never the key itself).</summary>
public sealed record ShopApiKeyRow(
    int Id, string Name, string Prefix, IReadOnlyList<string> Origins, int RequestsPerMinute,
    DateTime CreatedAt, string? CreatedBy, DateTime? RevokedAt, string? RevokedBy, DateTime? LastUsedAt)
{
    public bool Active => RevokedAt is null;
}

/// <summary>A key just made: <see cref="Secret"/> is shown to the admin this once and stored nowhere.</summary>
public sealed record ShopApiKeyCreated(ShopApiKeyRow Key, string Secret);

/// <summary>
/// The shop API's keys as an admin manages them: made (the secret shown once), listed, revoked. Each change is audited
/// (the entity is) and published once (<see cref="ShopKeysChanged"/>), which the key ring hears.
/// </summary>
public sealed class ShopApiKeyService(IDbContextFactory<CrmDbContext> factory, ChangeHub changes, TimeProvider clock)
{
    public async Task<List<ShopApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = await db.ShopApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id).ToListAsync(ct);
        return [.. keys.Select(Row)];
    }

    /// <exception cref="ValidationException">The input is invalid.</exception>
    public async Task<ShopApiKeyCreated> CreateAsync(ShopApiKeyInput input, CancellationToken ct = default)
    {
        await new ShopApiKeyInputValidator().ValidateAndThrowAsync(input, ct);
        var (prefix, secret) = ShopKeyRing.NewKey();
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = new ShopApiKey
        {
            Name = input.Name.Trim(), Prefix = prefix, Hash = ShopKeyRing.Hash(secret),
            AllowedOrigins = ShopOrigins.Join(ShopOrigins.Split(input.AllowedOrigins)), RequestsPerMinute = input.RequestsPerMinute,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = db.CurrentUserName,
        };
        db.ShopApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        changes.Publish(new ShopKeysChanged(key.Id));
        return new ShopApiKeyCreated(Row(key), secret);
    }

    /// <summary>Revoking is for good: the key stops working at once here, on other instances within <see cref="ShopKeyRing.MaxAge"/>.</summary>
    /// <exception cref="ValidationException">No such key, or it was revoked already.</exception>
    public async Task RevokeAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.ShopApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct)
            ?? throw new ValidationException([new ValidationFailure(nameof(ShopApiKey.Id), Messages.Text("ShopKey_NotFound"))]);
        if (key.RevokedAt is not null)
            throw new ValidationException([new ValidationFailure(nameof(ShopApiKey.RevokedAt), Messages.Text("ShopKey_AlreadyRevoked"))]);
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        key.RevokedBy = db.CurrentUserName;
        await db.SaveChangesAsync(ct);
        changes.Publish(new ShopKeysChanged(key.Id));
    }

    private static ShopApiKeyRow Row(ShopApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Origins, k.RequestsPerMinute, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy, k.LastUsedAt);
}
