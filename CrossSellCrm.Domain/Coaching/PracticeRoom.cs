using System.Collections.Concurrent;

namespace CrossSellCrm.Domain.Coaching;

public enum RoomEventKind { Joined, Answered, Revealed }

public sealed record RoomEvent(int SessionId, RoomEventKind Kind, string? TraineeName = null);

/// <summary>
/// Live news of group sessions inside this process: the trainer's screen hears each answer as it
/// arrives, trainees hear the reveal. (One app instance serves a classroom; see ADR 11.)
/// </summary>
public sealed class PracticeRoom
{
    private readonly ConcurrentDictionary<int, ImmutableHandlers> _listeners = new();

    private sealed record ImmutableHandlers(IReadOnlyList<Action<RoomEvent>> Handlers);

    public IDisposable Listen(int sessionId, Action<RoomEvent> handler)
    {
        _listeners.AddOrUpdate(sessionId, _ => new([handler]), (_, h) => new([.. h.Handlers, handler]));
        return new Subscription(() => _listeners.AddOrUpdate(sessionId, _ => new([]), (_, h) => new(h.Handlers.Where(x => x != handler).ToList())));
    }

    public void Tell(RoomEvent e)
    {
        if (!_listeners.TryGetValue(e.SessionId, out var h)) return;
        foreach (var handler in h.Handlers) handler(e);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
