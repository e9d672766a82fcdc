namespace Quartiersnetz.Platform.Hosting;

/// <summary>
/// The loop the app's background jobs share: one pass, then wait (for the job's wake signal or its poll interval), until
/// shutdown; the first pass once <see cref="BackgroundStart"/> lets it. A failing pass is logged and tried again on the
/// next one — the database may be briefly away, and a job must not die of it; cancellation at shutdown ends the loop
/// quietly. The job's flow is marked with <see cref="BackgroundWork"/> under the job's class name.
/// </summary>
internal abstract partial class PollingJob(ILogger logger, BackgroundStart start) : BackgroundService
{
    /// <summary>One pass of the job's work.</summary>
    protected abstract Task RunPassAsync(CancellationToken stoppingToken);

    /// <summary>
    /// Waits until the next pass: for a wake signal or the poll interval, in machine time (a test clock that stands still
    /// must not stop the loop).
    /// </summary>
    protected abstract Task WaitAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var job = GetType().Name;
        BackgroundWork.Enter(job);
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, job, ex);
            }

            try
            {
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job}: a pass failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string job, Exception exception);
}
