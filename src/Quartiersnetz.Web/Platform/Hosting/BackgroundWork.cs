namespace Quartiersnetz.Platform.Hosting;

/// <summary>
/// Marks the asynchronous flow of a background job (mail sender, search indexer, reminders …). Database commands carry
/// no sign of who sent them; with this mark, diagnostics — and the tests that count a request's queries — can tell a
/// request's own work from a job that happens to run at the same moment.
/// </summary>
public static class BackgroundWork
{
    private static readonly AsyncLocal<string?> CurrentJob = new();

    /// <summary>The name of the background job running in this flow, or null inside a request.</summary>
    public static string? Current => CurrentJob.Value;

    /// <summary>
    /// Marks the rest of the calling method's flow (and everything it awaits) as the named job. An async method's
    /// changes to the mark stay inside it, so call this at the start of <c>ExecuteAsync</c>.
    /// </summary>
    public static void Enter(string job) => CurrentJob.Value = job;
}
