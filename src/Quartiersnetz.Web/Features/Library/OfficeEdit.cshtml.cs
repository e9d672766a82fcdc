using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Library;

/// <summary>The office edits a publication, adds and removes its files (PDF, Word), or deletes it.</summary>
[Authorize(Policy = Policies.Office)]
// Room for a too-large file to reach the form and get its German message; larger requests get the 413 page.
[UploadLimit(SavePublication.MaxRequestBytes)]
internal sealed class OfficeEditModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, IConfiguration configuration,
    DocumentTextSignal textSignal, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public PublicationFormInput Input { get; set; } = new();

    public PublicationDetails Publication { get; private set; } = null!;

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public long MaxFileBytes => SavePublication.MaxFileBytes(configuration);

    /// <summary>The upload's title as typed, shown again after a refusal.</summary>
    public string? FileTitle { get; private set; }

    public string? FileError { get; private set; }

    /// <summary>The cover form's texts as typed (after a refusal) or as stored.</summary>
    public string? CoverAltText { get; private set; }

    public string? CoverCredit { get; private set; }

    /// <summary>German errors of the cover form by field (<see cref="PublicationCover.FileField"/> …).</summary>
    public Dictionary<string, string> CoverErrors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = PublicationFormInput.From(Publication);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        if (Input.ToInput(ModelState, l) is { } input)
        {
            var outcome = await SavePublication.SaveAsync(db, audit, AuditActor.From(User), clock, id, input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Veröffentlichung wurde gespeichert."];
                return Redirect($"{OfficeLibrary.Path}/{id}");
            }

            PublicationFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        }

        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, string? fileTitle, CancellationToken cancellationToken)
    {
        var max = MaxFileBytes;
        SavePublication.FileProblem problem;
        if (file is null || file.Length == 0)
        {
            problem = SavePublication.FileProblem.Missing;
        }
        else if (file.Length > max)
        {
            problem = SavePublication.FileProblem.TooLarge;
        }
        else
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            problem = await SavePublication.AddFileAsync(db, files, audit, AuditActor.From(User), clock, id, buffer.ToArray(), fileTitle, file.FileName, max, cancellationToken);
        }

        if (problem == SavePublication.FileProblem.NotFound)
        {
            return NotFound();
        }

        if (problem == SavePublication.FileProblem.None)
        {
            textSignal.Wake();
            StatusMessage = l["Die Datei wurde hinzugefügt. Ihr Text ist in wenigen Sekunden durchsuchbar."];
            return Redirect($"{OfficeLibrary.Path}/{id}#files");
        }

        var (message, args) = SavePublication.Describe(problem, max);
        FileError = l[message, args];
        FileTitle = fileTitle;
        ModelState.AddModelError("file", FileError);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = PublicationFormInput.From(Publication);
        return Page();
    }

    public async Task<IActionResult> OnPostCoverAsync(Guid id, IFormFile? cover, string? coverAltText, string? coverCredit, CancellationToken cancellationToken)
    {
        IReadOnlyList<PublicationRefusal>? refusals;
        if (cover is { Length: > PublicationCover.MaxBytes })
        {
            // Not read at all: the size alone refuses it.
            refusals = [new(PublicationCover.FileField, "Das Bild ist zu groß. Erlaubt sind höchstens {0} MB.", PublicationCover.MaxBytes / (1024 * 1024))];
        }
        else
        {
            byte[]? content = null;
            if (cover is { Length: > 0 })
            {
                using var buffer = new MemoryStream((int)cover.Length);
                await cover.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }

            refusals = await PublicationCover.SaveAsync(db, files, audit, AuditActor.From(User), clock, id, content, coverAltText, coverCredit, cancellationToken);
            if (refusals is null)
            {
                return NotFound();
            }

            if (refusals.Count == 0)
            {
                StatusMessage = l["Das Titelbild wurde gespeichert."];
                return Redirect($"{OfficeLibrary.Path}/{id}#cover");
            }
        }

        foreach (var refusal in refusals)
        {
            CoverErrors[refusal.Field] = l[refusal.Message, refusal.Args];
            ModelState.AddModelError(refusal.Field, CoverErrors[refusal.Field]);
        }

        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = PublicationFormInput.From(Publication);
        CoverAltText = coverAltText;
        CoverCredit = coverCredit;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveCoverAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await PublicationCover.RemoveAsync(db, files, audit, AuditActor.From(User), clock, id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = l["Das Titelbild wurde entfernt."];
        return Redirect($"{OfficeLibrary.Path}/{id}#cover");
    }

    public async Task<IActionResult> OnPostRemoveFileAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        StatusMessage = await SavePublication.RemoveFileAsync(db, files, audit, AuditActor.From(User), id, fileId, cancellationToken)
            ? l["Die Datei wurde entfernt."]
            : l["Diese Datei gibt es nicht mehr."];
        return Redirect($"{OfficeLibrary.Path}/{id}#files");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await SavePublication.DeleteAsync(db, files, audit, AuditActor.From(User), id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = l["Die Veröffentlichung wurde gelöscht."];
        return Redirect(OfficeLibrary.Path);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ListPublications.ForOfficeAsync(db, id, cancellationToken) is not { } details)
        {
            return false;
        }

        Publication = details;
        CoverAltText = details.CoverAltText;
        CoverCredit = details.CoverCredit;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return true;
    }
}
