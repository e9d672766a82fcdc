using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Projects;

/// <summary>
/// One project's working page. The proposer revises their proposal (until it is published), adds photos and submits it;
/// the office reviews it here: edits, publishes, returns it with a note, takes it off the website, deletes it. Anyone else
/// gets 404, so proposals do not leak.
/// </summary>
[Authorize(Policy = Policies.Member)]
// Room for a too-large document (or image) to reach the form and get its German message; larger requests get the 413 page.
[UploadLimit(ProjectDocuments.MaxRequestBytes)]
internal sealed class EditModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, ProjectMails mails, IAuthorizationService authorization,
    IConfiguration configuration, DocumentTextSignal textSignal, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SaveProject.Input Input { get; set; } = new();

    public ProjectDetails Project { get; private set; } = null!;

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public IReadOnlyList<string> AreaNames { get; private set; } = [];

    public bool IsOffice { get; private set; }

    public string? ImageError { get; private set; }

    public string? AltText { get; private set; }

    public string? Credit { get; private set; }

    public string? NoteError { get; private set; }

    /// <summary>The document form's error and its texts as typed, shown again after a refusal.</summary>
    public string? DocumentError { get; private set; }

    public string? DocumentTitle { get; private set; }

    public string? DocumentDescription { get; private set; }

    public long MaxDocumentBytes => ProjectDocuments.MaxBytes(configuration);

    public string? Note { get; private set; }

    [TempData(Key = "ProjectMessage")]
    public string? StatusMessage { get; set; }

    public string Action => $"/praxisprojekte/{Project.Id}/bearbeiten";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = ProjectForm.From(Project);
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? intent, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ProjectForm.NormaliseLineBreaks(Input, ModelState);
        var wish = ProjectLabels.Parse<SaveProject.Intent>(intent) ?? SaveProject.Intent.Save;
        if (wish == SaveProject.Intent.Publish && !IsOffice)
        {
            wish = SaveProject.Intent.Submit;
        }

        var outcome = await SaveProject.SaveAsync(db, audit, clock, mails, Editor, id, Input, wish, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l[wish switch
            {
                SaveProject.Intent.Publish => "Das Projekt ist veröffentlicht.",
                SaveProject.Intent.Submit => "Vielen Dank! Ihr Vorschlag ist bei der Geschäftsstelle. Sie bekommen eine E-Mail, sobald er geprüft ist.",
                _ => "Die Änderungen sind gespeichert.",
            }].Value;
            return Redirect(Action);
        }

        ProjectForm.AddRefusals(ModelState, l, outcome.Refusals);
        db.ChangeTracker.Clear();
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImageAsync(Guid id, IFormFile? image, string? altText, string? credit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        byte[]? bytes = null;
        ProjectRefusal? refusal;
        if (image is { Length: > NewsImage.MaxFileBytes })
        {
            refusal = new ProjectRefusal("image", "Das Bild ist zu groß. Erlaubt sind höchstens {0} MB.", NewsImage.MaxFileBytes / (1024 * 1024));
        }
        else
        {
            if (image is { Length: > 0 })
            {
                using var buffer = new MemoryStream((int)image.Length);
                await image.CopyToAsync(buffer, cancellationToken);
                bytes = buffer.ToArray();
            }

            refusal = await SaveProject.AddImageAsync(db, files, audit, clock, Editor, id, bytes, altText, credit, cancellationToken);
        }

        if (refusal is null)
        {
            StatusMessage = l["Das Bild wurde hinzugefügt."].Value;
            return Redirect(Action + "#images");
        }

        ImageError = l[refusal.Message, refusal.Args];
        AltText = altText;
        Credit = credit;
        Input = ProjectForm.From(Project);
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveImageAsync(Guid id, Guid imageId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = await SaveProject.RemoveImageAsync(db, files, audit, Editor, id, imageId, cancellationToken)
            ? l["Das Bild wurde entfernt."].Value
            : l["Dieses Bild gibt es nicht mehr."].Value;
        return Redirect(Action + "#images");
    }

    public async Task<IActionResult> OnPostDocumentAsync(
        Guid id, IFormFile? document, string? documentTitle, string? documentDescription, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var max = MaxDocumentBytes;
        ProjectRefusal? refusal;
        if (document is { } tooLarge && tooLarge.Length > max)
        {
            // Not read at all: the size alone refuses it.
            var (message, args) = Library.SavePublication.Describe(Library.SavePublication.FileProblem.TooLarge, max);
            refusal = new ProjectRefusal("document", message, args);
        }
        else
        {
            byte[]? bytes = null;
            if (document is { Length: > 0 })
            {
                using var buffer = new MemoryStream((int)document.Length);
                await document.CopyToAsync(buffer, cancellationToken);
                bytes = buffer.ToArray();
            }

            refusal = await ProjectDocuments.AddAsync(
                db, files, audit, clock, Editor, id, bytes, document?.FileName, documentTitle, documentDescription, max, cancellationToken);
        }

        if (refusal is null)
        {
            // Its text for the search is read in the background.
            textSignal.Wake();
            StatusMessage = l["Das Dokument wurde hinzugefügt."].Value;
            return Redirect(Action + "#documents");
        }

        DocumentError = l[refusal.Message, refusal.Args];
        DocumentTitle = documentTitle;
        DocumentDescription = documentDescription?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        Input = ProjectForm.From(Project);
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveDocumentAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = await ProjectDocuments.RemoveAsync(db, files, audit, Editor, id, documentId, cancellationToken)
            ? l["Das Dokument wurde entfernt."].Value
            : l["Dieses Dokument gibt es nicht mehr."].Value;
        return Redirect(Action + "#documents");
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id, string? note, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsOffice)
        {
            return NotFound();
        }

        var refusal = await SaveProject.ReturnAsync(db, audit, clock, mails, Editor.Actor, id, note, cancellationToken);
        if (refusal is null)
        {
            StatusMessage = l["Der Vorschlag wurde mit Ihrer Notiz zurückgegeben; die vorschlagende Person bekommt eine E-Mail."].Value;
            return Redirect(Action);
        }

        NoteError = l[refusal.Message, refusal.Args];
        Note = note;
        Input = ProjectForm.From(Project);
        AreaNames = await ProjectForm.AreaNamesAsync(db, Input.Municipality, User.Municipality(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsOffice)
        {
            return NotFound();
        }

        await SaveProject.UnpublishAsync(db, audit, clock, Editor.Actor, id, cancellationToken);
        StatusMessage = l["Das Projekt ist nicht mehr veröffentlicht."].Value;
        return Redirect(Action);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !await SaveProject.DeleteAsync(db, files, audit, Editor, id, cancellationToken))
        {
            return NotFound();
        }

        TempData["ProjectMessage"] = l["Das Projekt wurde gelöscht."].Value;
        return Redirect(IsOffice ? OfficeListModel.Path : MineModel.Path);
    }

    private ProjectEditor Editor => new(User.AccountId(), IsOffice, AuditActor.From(User));

    /// <summary>Loads the project if this viewer may work on it; a stranger's or a published one (for its proposer) is not found.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        IsOffice = (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        // The form shows the links the editor may see (a member's save keeps the others).
        var audience = IsOffice ? Platform.Search.SearchAudience.Office : Platform.Search.SearchAudience.Members;
        if (await ListProjects.ByIdAsync(db, id, audience, cancellationToken) is not { } project
            || !SaveProject.MayEdit(new ProjectEditor(User.AccountId(), IsOffice, AuditActor.From(User)), project.ProposedByAccountId, project.ReviewState))
        {
            return false;
        }

        Project = project;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return true;
    }
}
