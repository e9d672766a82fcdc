using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The office changes a programme area: its details and boundary (one form), its contacts (added and removed one at a
/// time, found by a search, so it works without JavaScript), and deletes it after confirming. Every change goes
/// through <see cref="SaveProgrammeArea"/>, which checks and audits.
/// </summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(OfficeAreaForm.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = OfficeAreaForm.MaxRequestBytes)]
internal sealed class OfficeEditModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IFileStorage files, IConfiguration configuration, IStringLocalizer<Texts> l) : PageModel
{
    public const int MaxSearchLength = 100;

    [BindProperty]
    public AreaFormInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? BoundaryFile { get; set; }

    public AreaFormModel Form { get; private set; } = null!;

    public Guid Id { get; private set; }

    public string CurrentName { get; private set; } = "";

    public string MunicipalityName { get; private set; } = "";

    public bool IsDemo { get; private set; }

    public string? PlanTitle { get; private set; }

    public bool HasPlan { get; private set; }

    public IReadOnlyList<AreaContactRow> Contacts { get; private set; } = [];

    /// <summary>The text of the contact search, kept across the add-contact post.</summary>
    public string? PersonSearch { get; private set; }

    public IReadOnlyList<AreaPersonOption>? FoundPeople { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "person")] string? person, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound();
        }

        Input = await StoredInputAsync(area, cancellationToken);
        await SearchAsync(person, cancellationToken);
        await LoadAsync(area, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound();
        }

        if (await OfficeAreaForm.TakeBoundaryFileAsync(this, Input, BoundaryFile, l, cancellationToken))
        {
            var contacts = await CurrentContactsAsync(id, cancellationToken);
            var (input, errors) = Input.ToInput(contacts);
            if (errors.Count == 0)
            {
                var outcome = await SaveProgrammeArea.UpdateAsync(db, audit, AuditActor.From(User), clock, id, input, cancellationToken);
                if (outcome.NotFound)
                {
                    return NotFound();
                }

                if (outcome.Succeeded)
                {
                    StatusMessage = l["Die Änderungen wurden gespeichert."];
                    return Redirect($"{OfficeListModel.Path}/{id}");
                }

                OfficeAreaForm.AddErrors(ModelState, l, outcome.Errors);
            }
            else
            {
                OfficeAreaForm.AddErrors(ModelState, l, errors);
            }
        }

        await LoadAsync(area, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddContactAsync(
        Guid id, Guid? personId, string? role, string? person, CancellationToken cancellationToken)
    {
        if (personId is null)
        {
            return await ContactErrorAsync(id, person, [new SaveProgrammeArea.FieldError(nameof(SaveProgrammeArea.Input.Contacts), "Bitte wählen Sie eine Person aus der Liste.", [])], cancellationToken);
        }

        var contacts = (await CurrentContactsAsync(id, cancellationToken)).Where(c => c.PersonId != personId).ToList();
        contacts.Add(new SaveProgrammeArea.ContactInput { PersonId = personId.Value, Role = role });
        return await SaveContactsAsync(id, contacts, person, l["Die Ansprechperson wurde hinzugefügt."], cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveContactAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        var contacts = (await CurrentContactsAsync(id, cancellationToken)).Where(c => c.PersonId != personId).ToList();
        return await SaveContactsAsync(id, contacts, null, l["Die Ansprechperson wurde entfernt."], cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm-delete", l["Bitte bestätigen Sie, dass Sie das Programmgebiet löschen möchten."]);
            return await ReloadStoredAsync(id, null, cancellationToken);
        }

        var name = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null || !await SaveProgrammeArea.DeleteAsync(db, audit, AuditActor.From(User), files, id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = l["Das Programmgebiet „{0}“ wurde gelöscht.", name];
        return Redirect(OfficeListModel.Path);
    }

    private async Task<IActionResult> SaveContactsAsync(
        Guid id, List<SaveProgrammeArea.ContactInput> contacts, string? person, string success, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound();
        }

        // The details are saved as stored: this form changes only the contacts.
        var (input, _) = (await StoredInputAsync(area, cancellationToken)).ToInput(contacts);
        var outcome = await SaveProgrammeArea.UpdateAsync(db, audit, AuditActor.From(User), clock, id, input, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return await ContactErrorAsync(id, person, outcome.Errors, cancellationToken);
        }

        StatusMessage = success;
        return Redirect($"{OfficeListModel.Path}/{id}#Input_Contacts");
    }

    private async Task<IActionResult> ContactErrorAsync(Guid id, string? person, IEnumerable<SaveProgrammeArea.FieldError> errors, CancellationToken cancellationToken)
    {
        OfficeAreaForm.AddErrors(ModelState, l, errors);
        return await ReloadStoredAsync(id, person, cancellationToken);
    }

    /// <summary>The page with the stored values, after a post of one of the smaller forms failed.</summary>
    private async Task<IActionResult> ReloadStoredAsync(Guid id, string? person, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return NotFound();
        }

        // The main form was not posted: show the stored values, not an empty attempt.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal) && ModelState[k]!.Errors.Count == 0).ToList())
        {
            ModelState.Remove(key);
        }

        Input = await StoredInputAsync(area, cancellationToken);
        await SearchAsync(person, cancellationToken);
        await LoadAsync(area, cancellationToken);
        return Page();
    }

    private async Task<AreaFormInput> StoredInputAsync(ProgrammeArea area, CancellationToken cancellationToken)
    {
        var topics = await AssignTopics.ForItemAsync(db, TopicKinds.ProgrammeArea, area.Id.ToString(), cancellationToken);
        return AreaFormInput.From(area, topics.Select(t => t.Slug));
    }

    private Task<List<SaveProgrammeArea.ContactInput>> CurrentContactsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<ProgrammeAreaContact>().AsNoTracking().Where(c => c.AreaId == id)
            .Select(c => new SaveProgrammeArea.ContactInput { PersonId = c.PersonId, Role = c.Role })
            .ToListAsync(cancellationToken);

    private async Task SearchAsync(string? person, CancellationToken cancellationToken)
    {
        PersonSearch = string.IsNullOrWhiteSpace(person) ? null : person.Trim() is { Length: > MaxSearchLength } tooLong ? tooLong[..MaxSearchLength] : person.Trim();
        FoundPeople = PersonSearch is null ? null : await OfficeAreaForm.FindPeopleAsync(db, PersonSearch, cancellationToken);
    }

    private async Task LoadAsync(ProgrammeArea area, CancellationToken cancellationToken)
    {
        Id = area.Id;
        CurrentName = area.Name;
        IsDemo = area.IsDemo;
        PlanTitle = area.PlanTitle;
        HasPlan = area.PlanFileName is not null;
        MunicipalityName = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == area.MunicipalityAgs).Select(m => m.Name).SingleAsync(cancellationToken);
        Contacts = await OfficeAreaForm.ContactsAsync(db, area.Id, cancellationToken);
        Form = new AreaFormModel(ModelState, Input, await OfficeAreaForm.MunicipalitiesAsync(db, cancellationToken),
            await AssignTopics.ActiveTreeAsync(db, cancellationToken), OfficeAreaForm.TileUrl(configuration), l["Änderungen speichern"]);
    }
}
