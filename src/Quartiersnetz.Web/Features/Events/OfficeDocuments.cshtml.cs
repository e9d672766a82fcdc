using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The office attaches documents to an event (invitation, directions, slides) and removes them.</summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(EventDocuments.MaxRequestBytes)]
internal sealed class OfficeDocumentsModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, IConfiguration configuration, IStringLocalizer<Texts> l) : PageModel
{
    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public IReadOnlyList<EventDocumentView> Documents { get; private set; } = [];

    /// <summary>The title typed with a refused upload, shown again.</summary>
    public string? PostedTitle { get; private set; }

    public bool PostedParticipantsOnly { get; private set; }

    public int MaxMegabytes => (int)(EventDocuments.MaxBytes(configuration) / (1024 * 1024));

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? document, string? title, bool participantsOnly, CancellationToken cancellationToken)
    {
        var max = EventDocuments.MaxBytes(configuration);
        EventDocuments.Problem problem;
        if (document is null || document.Length == 0)
        {
            problem = EventDocuments.Problem.Missing;
        }
        else if (document.Length > max)
        {
            problem = EventDocuments.Problem.TooLarge;
        }
        else
        {
            using var buffer = new MemoryStream((int)document.Length);
            await document.CopyToAsync(buffer, cancellationToken);
            problem = await EventDocuments.UploadAsync(
                db, files, audit, AuditActor.From(User), clock, id, buffer.ToArray(), title, document.FileName, participantsOnly, max, cancellationToken);
        }

        switch (problem)
        {
            case EventDocuments.Problem.None:
                StatusMessage = l["Das Dokument wurde hinzugefügt."];
                return Redirect($"{OfficeListModel.Path}/{id}/dokumente");
            case EventDocuments.Problem.NotFound:
                return NotFound();
            case EventDocuments.Problem.TitleMissing or EventDocuments.Problem.TitleTooLong:
                ModelState.AddModelError("title", problem == EventDocuments.Problem.TitleMissing
                    ? l["Bitte geben Sie einen Titel ein."]
                    : l["Der Titel darf höchstens {0} Zeichen haben.", EventDocument.TitleMaxLength]);
                break;
            default:
                ModelState.AddModelError("document", problem switch
                {
                    EventDocuments.Problem.TooLarge => l["Die Datei ist zu groß. Erlaubt sind höchstens {0} MB.", MaxMegabytes],
                    EventDocuments.Problem.UnknownType => l["Die Datei ist kein PDF-, Word-, Excel-, PowerPoint-, JPEG- oder PNG-Dokument oder ist beschädigt."],
                    EventDocuments.Problem.NameMismatch => l["Die Datei „{0}“ ist kein {1}-Dokument, auch wenn ihr Name das sagt. Entscheidend ist der Inhalt: Bitte laden Sie die richtige Datei hoch.", document!.FileName, EventDocuments.ClaimedKind(document.FileName)?.Label ?? ""],
                    EventDocuments.Problem.TooMany => l["Eine Veranstaltung kann höchstens {0} Dokumente haben. Bitte entfernen Sie zuerst ein Dokument.", EventDocuments.MaxPerEvent],
                    _ => l["Bitte wählen Sie eine Datei aus."],
                });
                break;
        }

        (PostedTitle, PostedParticipantsOnly) = (title, participantsOnly);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        var problem = await EventDocuments.RemoveAsync(db, files, audit, AuditActor.From(User), id, documentId, cancellationToken);
        if (problem == EventDocuments.Problem.NotFound)
        {
            return NotFound();
        }

        StatusMessage = l["Das Dokument wurde entfernt."];
        return Redirect($"{OfficeListModel.Path}/{id}/dokumente");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var title = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return false;
        }

        (Id, Title) = (id, title);
        Documents = await EventDocuments.ListAsync(db, id, participant: true, cancellationToken);
        return true;
    }
}
