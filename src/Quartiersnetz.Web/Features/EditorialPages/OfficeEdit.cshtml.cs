using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>The office edits a page (with a server-side preview), publishes or withdraws it, moves it or deletes it.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeEditModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public PageFormInput Input { get; set; } = new();

    /// <summary>The new parent of the move form; empty for the top level.</summary>
    [BindProperty]
    public string? NewParentId { get; set; }

    public EditorialPage Current { get; private set; } = null!;

    public string? PublicUrl { get; private set; }

    public bool IsPublic { get; private set; }

    public IReadOnlyList<ParentOption> MoveOptions { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    public string? MoveError { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new PageFormInput
        {
            Title = Current.Title, Slug = Current.Slug, Description = Current.Description, Body = Current.Body,
            ShowInNavigation = Current.ShowInNavigation, BaseRevision = Current.Revision,
        };
        NewParentId = Current.ParentId?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.NormaliseLineBreaks(ModelState);
        PreviewHtml = markdown.ToHtml(Input.Body);
        NewParentId = Current.ParentId?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        var outcome = await EditPages.UpdateAsync(db, audit, AuditActor.From(User), clock, id, Input.BaseRevision, Input.ToContent(), cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Die Seite wurde gespeichert."];
            return Redirect("/geschaeftsstelle/seiten/" + id);
        }

        PageFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        if (outcome.CurrentRevision is { } newer)
        {
            // The next save is a deliberate one over the newer revision; that revision stays in the history.
            Input.BaseRevision = newer;
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        NewParentId = Current.ParentId?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken cancellationToken)
    {
        Guid? target = null;
        if (!string.IsNullOrWhiteSpace(NewParentId))
        {
            if (!Guid.TryParse(NewParentId, out var parsed))
            {
                return await RefuseMoveAsync(id, l["Bitte wählen Sie eine übergeordnete Seite aus der Liste."], cancellationToken);
            }

            target = parsed;
        }

        var outcome = await EditPages.MoveAsync(db, audit, AuditActor.From(User), id, target, cancellationToken);
        if (!outcome.Succeeded)
        {
            return await RefuseMoveAsync(id, string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value)), cancellationToken);
        }

        StatusMessage = l["Die Seite wurde verschoben."];
        return Redirect("/geschaeftsstelle/seiten/" + id);
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) => SetPublishedAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken cancellationToken) => SetPublishedAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EditPages.DeleteAsync(db, audit, AuditActor.From(User), id, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Die Seite wurde gelöscht."];
            return Redirect(OfficeTreeModel.Path);
        }

        StatusMessage = null;
        return await RefuseMoveAsync(id, string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value)), cancellationToken);
    }

    private async Task<IActionResult> SetPublishedAsync(Guid id, bool published, CancellationToken cancellationToken)
    {
        var outcome = await EditPages.SetPublishedAsync(db, audit, AuditActor.From(User), clock, id, published, cancellationToken);
        if (!outcome.Succeeded)
        {
            return await RefuseMoveAsync(id, string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value)), cancellationToken);
        }

        StatusMessage = published ? l["Die Seite wurde veröffentlicht."] : l["Die Seite wurde zurückgezogen; die Öffentlichkeit sieht sie nicht mehr."];
        return Redirect("/geschaeftsstelle/seiten/" + id);
    }

    /// <summary>Shows the page again with the refusal of a tree action above the form; the form shows the saved content.</summary>
    private async Task<IActionResult> RefuseMoveAsync(Guid id, string message, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        MoveError = message;
        Input = new PageFormInput
        {
            Title = Current.Title, Slug = Current.Slug, Description = Current.Description, Body = Current.Body,
            ShowInNavigation = Current.ShowInNavigation, BaseRevision = Current.Revision,
        };
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return false;
        }

        Current = page;
        var tree = await PageTree.LoadAsync(db, cancellationToken);
        PublicUrl = page.SystemKey is { } key ? SystemPages.UrlOf(key) : tree.UrlOf(page.Id);
        IsPublic = page.SystemKey is not null || tree.IsPublic(page.Id);
        MoveOptions = page.SystemKey is null ? PageFormModel.OptionsFrom(tree, page.Id) : [];
        return true;
    }
}
