using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Topics;

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeTopicModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public ManageTopics.Input Input { get; set; } = new();

    [BindProperty]
    public Guid? TargetId { get; set; }

    public OfficeTopicRow Topic { get; private set; } = null!;

    public bool HasSubTopics { get; private set; }

    public IReadOnlyList<OfficeTopicRow> Parents { get; private set; } = [];

    public IReadOnlyList<OfficeTopicRow> MergeTargets { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var stored = await db.Set<Topic>().AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Name, t.ParentId, t.Description }).SingleAsync(cancellationToken);
        Input = new ManageTopics.Input { Name = stored.Name, ParentId = stored.ParentId, Description = stored.Description };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await ManageTopics.UpdateAsync(db, audit, AuditActor.From(User), id, Input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Änderungen wurden gespeichert."];
                return Redirect($"/geschaeftsstelle/themen/{id}");
            }

            ModelState.AddModelError(outcome.Field is "" or null ? "" : $"Input.{outcome.Field}", l[outcome.Error!]);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken cancellationToken) => RetireAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) => RetireAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await ManageTopics.MergeAsync(db, audit, AuditActor.From(User), id, TargetId, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = l["Das Thema wurde zusammengeführt; alle Zuordnungen gehören jetzt zu diesem Thema."];
            return Redirect($"/geschaeftsstelle/themen/{outcome.TopicId}");
        }

        return await FailAsync(id, outcome, cancellationToken);
    }

    private async Task<IActionResult> RetireAsync(Guid id, bool retired, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await ManageTopics.SetRetiredAsync(db, audit, AuditActor.From(User), id, retired, cancellationToken);
        if (outcome.Succeeded)
        {
            StatusMessage = retired ? l["Das Thema wurde stillgelegt."] : l["Das Thema ist wieder aktiv."];
            return Redirect($"/geschaeftsstelle/themen/{id}");
        }

        return await FailAsync(id, outcome, cancellationToken);
    }

    private async Task<IActionResult> FailAsync(Guid id, ManageTopics.Outcome outcome, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError(outcome.Field ?? "", l[outcome.Error!]);
        await OnGetAsync(id, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => db.Set<Topic>().AnyAsync(t => t.Id == id, cancellationToken);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = await OfficeTopicList.AllAsync(db, cancellationToken);
        var topic = rows.SingleOrDefault(r => r.Id == id);
        if (topic is null)
        {
            return false;
        }

        Topic = topic;
        HasSubTopics = rows.Any(r => r.ParentId == id);
        Parents = rows.Where(r => r.ParentId is null && r.Status == TopicStatus.Active && r.Id != id).ToList();
        MergeTargets = rows.Where(r => r.Status == TopicStatus.Active && r.Id != id).ToList();
        return true;
    }
}
