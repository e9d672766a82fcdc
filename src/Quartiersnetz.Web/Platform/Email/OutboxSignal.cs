namespace Quartiersnetz.Platform.Email;

/// <summary>
/// Wakes this node's sender as soon as a mail is stored, so it does not wait for the next poll. Other nodes
/// find the mail by polling; the signal is only a shortcut, never needed for correctness.
/// </summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        // At most one pending wake-up: several stored mails are all found by one pass.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke the sender at the same moment.
            }
            catch (ObjectDisposedException)
            {
                // The app is shutting down; nobody is left to wake.
            }
        }
    }

    /// <summary>Waits for a wake-up or until <paramref name="timeout"/> has passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
