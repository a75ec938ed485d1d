using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrossSellCrm.Domain.Shop;

/// <summary>
/// The shop API's keys in memory: every request is checked here, without a database round trip. It reloads when a key
/// is made or revoked here (<see cref="ShopKeysChanged"/>) and at the latest after <see cref="MaxAge"/>, so a key revoked
/// on another instance stops working within that time.
/// </summary>
public sealed class ShopKeyRing
{
    public const string KeyStart = "csk_";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    /// <summary>A key's last use is written at most this often.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private sealed record Loaded(FrozenDictionary<string, (ShopCaller Caller, byte[] Hash)> ByPrefix, FrozenSet<string> AnyOrigin, DateTime At);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly (ShopCaller Caller, byte[] Hash)[] _configured;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _lastUsedWritten = new();
    private volatile Loaded? _loaded;
    /// <summary>Counts the changes heard: a load that began before a change is used once, not kept.</summary>
    private int _generation;

    private readonly ILogger<ShopKeyRing> _log;

    public ShopKeyRing(IServiceScopeFactory scopes, IConfiguration configuration, ChangeHub changes, TimeProvider clock, ILogger<ShopKeyRing> log)
    {
        _scopes = scopes;
        _log = log;
        _clock = clock;
        var rate = configuration.GetValue("Api:ShopKeyRequestsPerMinute", ShopApiKeyInputValidator.DefaultRequestsPerMinute);
        var keys = configuration.GetSection("Api:ShopKeys").Get<string[]>() ?? [];
        _configured = [.. keys.Where(k => k.Length > 0).Select((k, i) => (new ShopCaller(null, $"configuration-{i}", [], rate), Hash(k)))];
        changes.Changed += change =>
        {
            if (change is not ShopKeysChanged) return;
            Interlocked.Increment(ref _generation);
            _loaded = null;
        };
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The caller a key belongs to, or null for a missing, unknown or revoked key. Hashes are compared in fixed time.</summary>
    public async ValueTask<ShopCaller?> AuthenticateAsync(string? given, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(given) || given.Length > 200) return null;
        var hash = Hash(given);
        if (given.StartsWith(KeyStart, StringComparison.Ordinal) && given.Length > PrefixLength)
        {
            var keys = await CurrentAsync(ct);
            if (keys.ByPrefix.TryGetValue(given[..PrefixLength], out var key) && CryptographicOperations.FixedTimeEquals(key.Hash, hash))
            {
                await NoteUseAsync(key.Caller.KeyId!.Value, ct);
                return key.Caller;
            }
        }
        // Configuration keys: every one is compared, so the time does not say which one came close.
        ShopCaller? found = null;
        foreach (var (caller, keyHash) in _configured)
            if (CryptographicOperations.FixedTimeEquals(keyHash, hash)) found = caller;
        return found;
    }

    /// <summary>Whether any active key lets pages from <paramref name="origin"/> call (a preflight carries no key, so it is answered for all keys).</summary>
    public async ValueTask<bool> AnyKeyAllowsAsync(string origin, CancellationToken ct = default) =>
        (await CurrentAsync(ct)).AnyOrigin.Contains(ShopOrigins.Normalise(origin));

    internal const int PrefixLength = 12; // "csk_" and eight characters

    /// <summary>A new key: its prefix (stored, shown) and the whole secret (shown once).</summary>
    public static (string Prefix, string Secret) NewKey()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l: read aloud or typed from a screen
        var prefix = KeyStart + RandomNumberGenerator.GetString(alphabet, PrefixLength - KeyStart.Length);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (prefix, $"{prefix}_{secret}");
    }

    private async ValueTask<Loaded> CurrentAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (_loaded is { } loaded && now - loaded.At < MaxAge) return loaded;
        await _loading.WaitAsync(ct);
        try
        {
            if (_loaded is { } again && now - again.At < MaxAge) return again;
            var generation = Volatile.Read(ref _generation);
            await using var scope = _scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            var rows = await db.ShopApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).ToListAsync(ct);
            var fresh = new Loaded(
                rows.ToFrozenDictionary(k => k.Prefix, k => (new ShopCaller(k.Id, k.Name, k.Origins, k.RequestsPerMinute), k.Hash), StringComparer.Ordinal),
                rows.SelectMany(k => k.Origins).ToFrozenSet(StringComparer.Ordinal), now);
            foreach (var row in rows) _lastUsedWritten.TryAdd(row.Id, row.LastUsedAt?.Ticks ?? 0);
            if (generation == Volatile.Read(ref _generation)) _loaded = fresh;
            return fresh;
        }
        finally { _loading.Release(); }
    }

    private async ValueTask NoteUseAsync(int keyId, CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var last = _lastUsedWritten.GetOrAdd(keyId, 0);
        if (now.Ticks - last < LastUsedResolution.Ticks || !_lastUsedWritten.TryUpdate(keyId, now.Ticks, last)) return;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            await db.ShopApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The shop's request must not fail for a note of when its key was used; the next minute writes it again.
            _lastUsedWritten.TryUpdate(keyId, last, now.Ticks);
            _log.LogWarning(e, "The last use of shop key {KeyId} could not be written", keyId);
        }
    }
}
