using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Studies;

/// <summary>
/// The office edits a research contract and follows its reports: adds the deliverables the contract names, links each to
/// the publication that fulfils it or makes a draft publication from it, and deletes the study.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeEditModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public SaveStudy.Input Input { get; set; } = new();

    public StudyDetails Study { get; private set; } = null!;

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    /// <summary>The new deliverable's fields as typed, shown again after a refusal.</summary>
    public string? DeliverableType { get; private set; }

    public string? DeliverableTitle { get; private set; }

    public string? DeliverableDueOn { get; private set; }

    /// <summary>A refusal of the deliverable forms: the deliverable it concerns (null for the new one) and the message.</summary>
    public (Guid? DeliverableId, string Message)? DeliverableError { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Today in Berlin: a deliverable due before it and not out is overdue.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Platform.Time.BerlinTime.ToBerlin(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = StudyForm.From(Study);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        StudyForm.NormaliseLineBreaks(Input, ModelState);
        ModelState.ClearValidationState(nameof(Input));
        var outcome = await SaveStudy.SaveAsync(db, audit, AuditActor.From(User), clock, id, Input, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Der Forschungsauftrag wurde gespeichert."];
            return Redirect($"{OfficeListModel.Path}/{id}");
        }

        StudyForm.AddRefusals(ModelState, l, outcome.Refusals);
        db.ChangeTracker.Clear();
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddDeliverableAsync(Guid id, string? deliverableType, string? deliverableTitle, string? deliverableDueOn, CancellationToken cancellationToken)
    {
        var refusal = await SaveStudy.AddDeliverableAsync(db, audit, AuditActor.From(User), id, deliverableType, deliverableTitle, deliverableDueOn, cancellationToken);
        if (refusal is null)
        {
            StatusMessage = l["Der Bericht wurde eingetragen."];
            return Redirect($"{OfficeListModel.Path}/{id}#deliverables");
        }

        (DeliverableType, DeliverableTitle, DeliverableDueOn) = (deliverableType, deliverableTitle, deliverableDueOn);
        return await ShowRefusalAsync(id, null, refusal, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveDeliverableAsync(Guid id, Guid deliverableId, CancellationToken cancellationToken)
    {
        StatusMessage = await SaveStudy.RemoveDeliverableAsync(db, audit, AuditActor.From(User), id, deliverableId, cancellationToken)
            ? l["Der Bericht wurde entfernt. Eine zugeordnete Veröffentlichung bleibt in der Bibliothek."]
            : l["Diesen Bericht gibt es nicht mehr."];
        return Redirect($"{OfficeListModel.Path}/{id}#deliverables");
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, Guid deliverableId, string? publication, CancellationToken cancellationToken)
    {
        var refusal = await SaveStudy.LinkPublicationAsync(db, audit, AuditActor.From(User), id, deliverableId, publication, cancellationToken);
        if (refusal is null)
        {
            StatusMessage = string.IsNullOrWhiteSpace(publication) ? l["Die Zuordnung wurde aufgehoben."] : l["Die Veröffentlichung ist dem Bericht zugeordnet."];
            return Redirect($"{OfficeListModel.Path}/{id}#deliverables");
        }

        return await ShowRefusalAsync(id, deliverableId, refusal, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreatePublicationAsync(Guid id, Guid deliverableId, CancellationToken cancellationToken)
    {
        var (publicationId, refusals) = await SaveStudy.CreatePublicationAsync(db, audit, AuditActor.From(User), clock, id, deliverableId, cancellationToken);
        if (publicationId is { } created)
        {
            // The library's edit page keeps its own status message under the same TempData key.
            StatusMessage = l["Der Entwurf der Veröffentlichung ist angelegt. Fügen Sie die Datei hinzu und veröffentlichen Sie ihn."];
            return Redirect($"/geschaeftsstelle/bibliothek/{created}");
        }

        db.ChangeTracker.Clear();
        return await ShowRefusalAsync(id, deliverableId, refusals[0], cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await SaveStudy.DeleteAsync(db, audit, AuditActor.From(User), id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = l["Der Forschungsauftrag wurde gelöscht. Seine Veröffentlichungen bleiben in der Bibliothek."];
        return Redirect(OfficeListModel.Path);
    }

    private async Task<IActionResult> ShowRefusalAsync(Guid id, Guid? deliverableId, StudyRefusal refusal, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = StudyForm.From(Study);
        DeliverableError = (deliverableId, l[refusal.Message, refusal.Args].Value);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var study = await ListStudies.ForOfficeAsync(db, id, cancellationToken);
        if (study is null)
        {
            return false;
        }

        Study = study;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return true;
    }
}
