using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// What the app under test logged at warning level and above, kept in memory, so a browser test can fail on
/// an error the page itself hides (a circuit that died looks alive until the user clicks).
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
    }

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Errors, and the circuit's own complaints, logged since <paramref name="mark"/> (an index into <see cref="Entries"/>).</summary>
    public IReadOnlyList<Entry> ErrorsSince(int mark) =>
        Entries.Skip(mark).Where(e => e.Level >= LogLevel.Error || e.Category.Contains("Circuit", StringComparison.Ordinal)).ToList();

    public int Mark => _entries.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
