using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Outbox;

/// <summary>A mail that has not gone out yet, or was given up on; the body is never shown (it may carry tokens).</summary>
internal sealed record OutboxRow(Guid Id, string ToAddress, string? ToName, string Subject, OutboxStatus Status, int Attempts, string? LastError, DateTime NextAttemptAtUtc, DateTime CreatedAtUtc);

internal sealed record OutboxCounts(int Pending, int Sent, int DeadLetter);

/// <summary>The office sees what waits in the outbox and sends given-up mails again.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class IndexModel(QuartiersnetzDbContext db, TimeProvider clock, AuditLog audit, OutboxSignal signal) : PageModel
{
    public const string Path = "/geschaeftsstelle/postausgang";
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    /// <summary>Set after a requeue, for the confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "erneut")]
    public bool Requeued { get; set; }

    public OutboxCounts Counts { get; private set; } = new(0, 0, 0);

    public PagedResult<OutboxRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var perStatus = await db.Set<OutboxMessage>().AsNoTracking()
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int CountOf(OutboxStatus status) => perStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        Counts = new OutboxCounts(CountOf(OutboxStatus.Pending), CountOf(OutboxStatus.Sent), CountOf(OutboxStatus.DeadLetter));

        // Given-up mails first: they need the office; then pending ones in the order they will be tried.
        Result = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.DeadLetter)
            .OrderByDescending(m => m.Status == OutboxStatus.DeadLetter).ThenBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => new OutboxRow(m.Id, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.LastError, m.NextAttemptAtUtc, m.CreatedAtUtc))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        var attemptsBefore = message.Attempts;
        if (message.Requeue(clock.GetUtcNow().UtcDateTime))
        {
            audit.Record(AuditActor.From(User), "email.requeued", "OutboxMessage", message.Id.ToString(), message.ToAddress,
                [new AuditChange("Status", nameof(OutboxStatus.DeadLetter), nameof(OutboxStatus.Pending)), new AuditChange("Attempts", attemptsBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), "0")]);
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
        }

        // Already requeued (a second click, another office member): the list shows the current state.
        return Redirect(Path + "?erneut=true");
    }
}
