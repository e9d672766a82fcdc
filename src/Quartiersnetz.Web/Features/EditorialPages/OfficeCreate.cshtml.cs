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

/// <summary>The office adds a page anywhere in the tree; it starts as a draft.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeCreateModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public PageFormInput Input { get; set; } = new();

    /// <summary>?unter={id} preselects the parent (the link "Unterseite anlegen" on a page).</summary>
    [BindProperty(SupportsGet = true, Name = "unter")]
    public Guid? Under { get; set; }

    public IReadOnlyList<ParentOption> ParentOptions { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.ParentId = Under?.ToString();
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.NormaliseLineBreaks(ModelState);
        PreviewHtml = markdown.ToHtml(Input.Body);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(Input.ParentId))
        {
            if (Guid.TryParse(Input.ParentId, out var parsed))
            {
                parentId = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.ParentId", l["Bitte wählen Sie eine übergeordnete Seite aus der Liste."]);
            }
        }

        if (ModelState.ErrorCount == 0)
        {
            var outcome = await EditPages.CreateAsync(db, audit, AuditActor.From(User), clock, parentId, Input.ToContent(), cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Seite wurde als Entwurf angelegt. Veröffentlichen Sie sie, wenn sie fertig ist."];
                return Redirect("/geschaeftsstelle/seiten/" + outcome.Id);
            }

            PageFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        ParentOptions = PageFormModel.OptionsFrom(await PageTree.LoadAsync(db, cancellationToken), null);
}
