using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// Failed sign-ins counted per (account, client address). After too many from one address, that address must
/// wait before it may try that account again; the account itself is never locked, so a stranger's guesses do
/// not keep its owner out (ADR 0012). Unknown accounts are counted like known ones, so the pause tells nothing.
/// In memory: a restart forgets the counts, which a throttle can afford.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInLimits> limits) : IDisposable
{
    // Bounded: a flood of made-up accounts cannot grow it without end.
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed class Count
    {
        public int Value;
    }

    public bool IsPaused(string account, string address) =>
        _failures.TryGetValue(Key(account, address), out Count? count) && Volatile.Read(ref count!.Value) >= limits.Value.FailuresPerAccountAndAddress;

    public void Failed(string account, string address)
    {
        var count = _failures.GetOrCreate(Key(account, address), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = limits.Value.FailureWindow; // from the first failure: "wait 15 minutes" holds
            entry.Size = 1;
            return new Count();
        })!;
        Interlocked.Increment(ref count.Value);
    }

    public void SignedIn(string account, string address) => _failures.Remove(Key(account, address));

    private static (string, string) Key(string account, string address) => (account.Trim().ToUpperInvariant(), address);

    public void Dispose() => _failures.Dispose();
}
