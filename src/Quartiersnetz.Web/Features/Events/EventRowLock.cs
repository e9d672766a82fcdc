using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// Serialises the writers of one event across requests and app nodes, on both providers, without provider SQL:
/// inside the caller's transaction it first raises the row's <see cref="Event.Version"/> with a plain UPDATE. On
/// PostgreSQL that UPDATE takes the row lock, so a second writer waits until the first commits and then reads the
/// committed seat count (READ COMMITTED takes a new snapshot per statement). On SQLite the transaction began with
/// BEGIN IMMEDIATE, so the whole database is reserved for the writer anyway. Only then is the row loaded (tracked).
/// The Version column stays a concurrency token as a second line of defence should a writer ever skip the lock.
/// </summary>
internal static class EventRowLock
{
    /// <summary>The locked event, or null when there is none. Call inside a transaction.</summary>
    public static async Task<Event?> LockAndLoadAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var touched = await db.Set<Event>().Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
        if (touched == 0)
        {
            return null;
        }

        // A copy tracked before the lock would hide the committed values; read the row again.
        if (db.ChangeTracker.Entries<Event>().FirstOrDefault(e => e.Entity.Id == eventId) is { } tracked)
        {
            await tracked.ReloadAsync(cancellationToken);
            return tracked.Entity;
        }

        return await db.Set<Event>().SingleAsync(e => e.Id == eventId, cancellationToken);
    }
}

/// <summary>
/// Lets the writers of one event on this app node wait in memory, one after the other, before they take a pooled
/// connection. The row lock (<see cref="EventRowLock"/>) serialises them anyway, but a writer that waits for it holds a
/// connection the whole time: a burst of 500 registrations for one event filled the pool (40 per node), the last
/// requests waited longer than Npgsql's connection timeout (15 s) and failed, and every other page of the node waited
/// for a connection meanwhile. Across nodes the row lock still decides; each node then holds at most one connection per
/// event for its writers. Striped by event id, so unrelated events rarely share a gate and the gates never need
/// cleaning up; a writer never enters a second gate while holding one (no writer touches two events).
/// </summary>
internal static class EventWriterGate
{
    private static readonly SemaphoreSlim[] Stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public static async Task<T> RunAsync<T>(Guid eventId, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = Stripes[(int)((uint)eventId.GetHashCode() % (uint)Stripes.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
