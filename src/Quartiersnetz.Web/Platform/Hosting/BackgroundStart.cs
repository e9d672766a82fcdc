namespace Quartiersnetz.Platform.Hosting;

/// <summary>
/// Holds the background jobs' first pass until the app has been serving for a moment (setting
/// <c>BackgroundJobs:StartDelaySeconds</c>, default 5; 0 in tests). Started at once, nine jobs compiled their first
/// queries and the search worker read its facet table of every document while Kestrel started and the first visitor
/// waited: on two cores that added about 1.7 s to a cold start of 7 s (national data, PostgreSQL). Mail, reminders
/// and the search index are then a few seconds later after a restart, which nobody waits for.
/// </summary>
internal sealed class BackgroundStart(IHostApplicationLifetime lifetime, IConfiguration configuration)
{
    public const string DelaySetting = "BackgroundJobs:StartDelaySeconds";

    private readonly TimeSpan _delay = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(DelaySetting, 5.0)));

    /// <summary>True once the app has started and the delay has passed; false when the app stops first.</summary>
    public async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        // Without a delay the jobs begin while the host starts, as before there was one (the tests rely on that order).
        if (_delay == TimeSpan.Zero)
        {
            return !stoppingToken.IsCancellationRequested;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                await Task.Delay(_delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
