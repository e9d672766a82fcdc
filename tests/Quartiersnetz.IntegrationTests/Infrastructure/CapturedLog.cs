using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps the formatted messages of the log categories a test is about, from the given level on; add it to a factory with
/// <c>WithServices(s => s.AddSingleton&lt;ILoggerProvider&gt;(log))</c>. The app's own level filters still apply first.
/// </summary>
internal sealed class CapturedLog(Func<string, bool> category, LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(category(categoryName) ? Messages : null, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string>? messages, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => messages is not null && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                messages!.Enqueue(formatter(state, exception));
            }
        }
    }
}
