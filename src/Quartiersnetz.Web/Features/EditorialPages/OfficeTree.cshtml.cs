using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// The office's page tree as nested lists, with the quick actions that need no form of their own: up, down, publish and
/// withdraw. The tree is a few dozen pages, so it is shown whole (not paged).
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeTreeModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/geschaeftsstelle/seiten";

    public PageTree Tree { get; private set; } = new([]);

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tree = await PageTree.LoadAsync(db, cancellationToken);

    public Task<IActionResult> OnPostUpAsync(Guid id, CancellationToken cancellationToken) =>
        DoAsync(EditPages.ShiftAsync(db, audit, AuditActor.From(User), id, -1, cancellationToken), "Die Reihenfolge wurde geändert.");

    public Task<IActionResult> OnPostDownAsync(Guid id, CancellationToken cancellationToken) =>
        DoAsync(EditPages.ShiftAsync(db, audit, AuditActor.From(User), id, +1, cancellationToken), "Die Reihenfolge wurde geändert.");

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) =>
        DoAsync(EditPages.SetPublishedAsync(db, audit, AuditActor.From(User), clock, id, true, cancellationToken), "Die Seite wurde veröffentlicht.");

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken cancellationToken) =>
        DoAsync(EditPages.SetPublishedAsync(db, audit, AuditActor.From(User), clock, id, false, cancellationToken), "Die Seite wurde zurückgezogen; die Öffentlichkeit sieht sie nicht mehr.");

    private async Task<IActionResult> DoAsync(Task<EditPages.Outcome> action, string done)
    {
        var outcome = await action;
        if (outcome.Succeeded)
        {
            StatusMessage = l[done];
        }
        else
        {
            ErrorMessage = string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value));
        }

        return Redirect(Path);
    }
}
