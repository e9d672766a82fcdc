using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// "Offene Aufgaben": the follow-ups of the minutes a member may read, their own and their municipality's first. The
/// office sees all and filters by state, municipality and overdue. The responsible people and the office close a task
/// with a note.
/// </summary>
[Authorize(Policy = Policies.Member)]
internal sealed class TasksModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization, IStringLocalizer<Texts> l)
    : PageModel
{
    public const int PageSize = 25;

    public PagedResult<MinutesItemView> Tasks { get; private set; } = new([], 1, PageSize, 0);

    public MinutesViewer Viewer { get; private set; } = MinutesViewer.Anonymous;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "ueberfaellig")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<(string Ags, string Name)> Municipalities { get; private set; } = [];

    /// <summary>The task whose closing was refused: its form shows the note again.</summary>
    public Guid? FailedId { get; private set; }

    public string? FailedNote { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool Closed => Status == "erledigt";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid itemId, string? note, CancellationToken cancellationToken)
    {
        var viewer = await MinutesViewer.FromAsync(authorization, User, db, cancellationToken);
        var outcome = await CloseFollowUp.HandleAsync(db, audit, AuditActor.From(User), clock, viewer, itemId, note, cancellationToken);
        switch (outcome.Result)
        {
            case CloseFollowUp.Result.NotFound:
                return NotFound();
            case CloseFollowUp.Result.Closed:
                StatusMessage = l["Die Aufgabe ist als erledigt markiert."];
                return Redirect("/offene-aufgaben");
        }

        ModelState.AddModelError($"note-{itemId:N}", l[outcome.Message!, outcome.Args ?? []]);
        (FailedId, FailedNote) = (itemId, note);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Viewer = await MinutesViewer.FromAsync(authorization, User, db, cancellationToken);
        string? ags = null;
        if (Viewer.IsOffice)
        {
            var list = await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.ShortName).Select(m => new { m.Ags, m.ShortName }).ToListAsync(cancellationToken);
            Municipalities = [.. list.Select(m => (m.Ags, m.ShortName))];
            ags = Municipalities.Any(m => m.Ags == Municipality) ? Municipality : null;
        }

        var filter = new TaskFilter(Closed, ags, Viewer.IsOffice && OverdueOnly);
        Tasks = await ReadMinutes.TasksAsync(db, clock, Viewer, filter, PageRequest.Lenient(PageNumber, PageSize, PageSize), publishedOnly: false, cancellationToken);
    }

    public string PageUrl(int page) =>
        $"/offene-aufgaben?seite={page}" + (Closed ? "&status=erledigt" : "") + (Municipality is null ? "" : "&gemeinde=" + Uri.EscapeDataString(Municipality))
        + (OverdueOnly ? "&ueberfaellig=true" : "");
}
