using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Minutes;

internal sealed record RevisionView(
    int Number, string? AuthorName, DateTime CreatedAtUtc, RevisionKind Kind, string? Note, string Text,
    IReadOnlyList<(LineDiff.Change Change, string Line)>? Diff);

/// <summary>
/// The revisions of an event's minutes, newest first: who saved when and why, what each changed against the one before,
/// and a button that restores an old text as a new revision (with a note once the minutes are published).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeRevisionsModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    public const int PageSize = 20;

    public Guid Id { get; private set; }

    public string EventTitle { get; private set; } = "";

    public MinutesState State { get; private set; }

    public int CurrentRevision { get; private set; }

    public PagedResult<RevisionView> Revisions { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The revision whose restore was refused, and the message.</summary>
    public int? FailedNumber { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? seite, CancellationToken cancellationToken) =>
        await LoadAsync(id, seite, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int number, int baseRevision, string? note, CancellationToken cancellationToken)
    {
        var outcome = await EditMinutes.RestoreAsync(db, audit, AuditActor.From(User), clock, id, number, baseRevision, note, cancellationToken);
        switch (outcome.Result)
        {
            case EditMinutes.Result.NotFound:
                return NotFound();
            case EditMinutes.Result.Saved:
                StatusMessage = l["Version {0} wurde als Version {1} wiederhergestellt.", number, outcome.Revision];
                return Redirect($"/geschaeftsstelle/veranstaltungen/{id}/protokoll/versionen");
            case EditMinutes.Result.Unchanged:
                StatusMessage = l["Version {0} entspricht schon dem aktuellen Text.", number];
                return Redirect($"/geschaeftsstelle/veranstaltungen/{id}/protokoll/versionen");
        }

        FailedNumber = number;
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(outcome.Result == EditMinutes.Result.Conflict ? "" : $"note-{number}",
                outcome.Result == EditMinutes.Result.Conflict
                    ? l["Jemand anderes hat das Protokoll inzwischen geändert (jetzt Version {0}). Bitte prüfen Sie die neueste Version und stellen Sie dann wieder her.", outcome.Revision]
                    : l[refusal.Message, refusal.Args]);
        }

        return await LoadAsync(id, null, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, int? seite, CancellationToken cancellationToken)
    {
        var head = await (
            from e in db.Set<Event>().AsNoTracking()
            where e.Id == id
            join m in db.Set<EventMinutes>() on e.Id equals m.EventId
            select new { e.Title, m.Id, m.State, m.Revision }).SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return false;
        }

        (Id, EventTitle, State, CurrentRevision) = (id, head.Title, head.State, head.Revision);
        var request = PageRequest.Lenient(seite, PageSize, PageSize);
        var total = await db.Set<MinutesRevision>().CountAsync(r => r.MinutesId == head.Id, cancellationToken);
        // One more than the page: the oldest revision on the page is compared with the one before it.
        var rows = await (
            from r in db.Set<MinutesRevision>().AsNoTracking()
            where r.MinutesId == head.Id
            join u in db.Set<UserAccount>() on r.AuthorId equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            orderby r.Number descending
            select new { r.Number, Author = u == null ? null : u.DisplayName, r.CreatedAtUtc, r.Kind, r.Note, r.Text })
            .Skip(request.Skip).Take(request.PageSize + 1).ToListAsync(cancellationToken);
        var views = new List<RevisionView>();
        for (var i = 0; i < Math.Min(rows.Count, request.PageSize); i++)
        {
            var r = rows[i];
            var previous = i + 1 < rows.Count ? rows[i + 1].Text : "";
            views.Add(new RevisionView(r.Number, r.Author, r.CreatedAtUtc, r.Kind, r.Note, r.Text, LineDiff.Compare(previous, r.Text)));
        }

        Revisions = new PagedResult<RevisionView>(views, request.Page, request.PageSize, total);
        return true;
    }
}
