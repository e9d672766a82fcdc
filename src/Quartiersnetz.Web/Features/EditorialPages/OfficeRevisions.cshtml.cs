using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>A revision in the list, without its text.</summary>
internal sealed record RevisionRow(int Number, string Title, string Author, DateTime CreatedUtc, string? Note);

/// <summary>
/// The revisions of a page, newest first and paged; ?nummer=N shows one revision's text as the page would show it and
/// as written, with the button that makes it the current content again (as a new revision).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeRevisionsModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "nummer")]
    public int? Number { get; set; }

    public Guid PageId { get; private set; }

    public string PageTitle { get; private set; } = "";

    public int CurrentRevision { get; private set; }

    public PagedResult<RevisionRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public EditorialPageRevision? Shown { get; private set; }

    public string? ShownHtml { get; private set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, $"/geschaeftsstelle/seiten/{PageId}/versionen", new Dictionary<string, string?>());

    [TempData]
    public string? StatusMessage { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int number, CancellationToken cancellationToken)
    {
        var outcome = await EditPages.RestoreAsync(db, audit, AuditActor.From(User), clock, id, number, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Version {0} wurde wiederhergestellt – als neue Version; die bisherigen Versionen bleiben erhalten.", number];
            return Redirect($"/geschaeftsstelle/seiten/{id}/versionen");
        }

        ErrorMessage = string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value));
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Revision }).SingleOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return false;
        }

        PageId = id;
        PageTitle = page.Title;
        CurrentRevision = page.Revision;
        Result = await db.Set<EditorialPageRevision>().AsNoTracking().Where(r => r.PageId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionRow(r.Number, r.Title, r.Author, r.CreatedUtc, r.Note))
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        if (Number is { } number)
        {
            Shown = await db.Set<EditorialPageRevision>().AsNoTracking().SingleOrDefaultAsync(r => r.PageId == id && r.Number == number, cancellationToken);
            ShownHtml = Shown is null ? null : markdown.ToHtml(Shown.Body);
        }

        return true;
    }
}
