using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// A member proposes a good-practice project (saved as a draft or sent to the office at once); the office enters one the
/// same way and may publish it directly. The member's own municipality is proposed.
/// </summary>
[Authorize(Policy = Policies.Member)]
internal sealed class ProposeModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, ProjectMails mails, IAuthorizationService authorization, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/praxisprojekte/vorschlagen";

    [BindProperty]
    public SaveProject.Input Input { get; set; } = new();

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public IReadOnlyList<string> AreaNames { get; private set; } = [];

    public bool IsOffice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Municipality() is { } ags)
        {
            Input.Municipality = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == ags).Select(m => m.Name).SingleOrDefaultAsync(cancellationToken);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        ProjectForm.NormaliseLineBreaks(Input, ModelState);
        var wish = ProjectLabels.Parse<SaveProject.Intent>(intent) ?? SaveProject.Intent.Save;
        if (wish == SaveProject.Intent.Publish && !IsOffice)
        {
            wish = SaveProject.Intent.Submit;
        }

        var editor = new ProjectEditor(User.AccountId(), IsOffice, AuditActor.From(User));
        var outcome = await SaveProject.SaveAsync(db, audit, clock, mails, editor, null, Input, wish, cancellationToken);
        if (outcome.Succeeded)
        {
            TempData["ProjectMessage"] = l[wish switch
            {
                SaveProject.Intent.Publish => "Das Projekt ist veröffentlicht.",
                SaveProject.Intent.Submit => "Vielen Dank! Ihr Vorschlag ist bei der Geschäftsstelle. Sie bekommen eine E-Mail, sobald er geprüft ist.",
                _ => "Der Entwurf ist gespeichert. Sie können ihn weiter bearbeiten und später einreichen.",
            }].Value;
            return Redirect($"/praxisprojekte/{outcome.Id}/bearbeiten");
        }

        ProjectForm.AddRefusals(ModelState, l, outcome.Refusals);
        db.ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
    }
}
