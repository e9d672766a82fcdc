using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// Upload, replace or remove the area's integrated plan (PDF). The size limit is configurable
/// (<see cref="ProgrammeAreaPlan.MaxMegabytesKey"/>); larger requests than the site-wide body limit never get here.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficePlanModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, IConfiguration configuration, IStringLocalizer<Texts> l) : PageModel
{
    public Guid Id { get; private set; }

    public string AreaName { get; private set; } = "";

    public string? PlanTitle { get; private set; }

    public bool HasPlan { get; private set; }

    public int MaxMegabytes => (int)(ProgrammeAreaPlan.MaxBytes(configuration) / (1024 * 1024));

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? plan, string? title, CancellationToken cancellationToken)
    {
        var max = ProgrammeAreaPlan.MaxBytes(configuration);
        ProgrammeAreaPlan.Problem problem;
        if (plan is null || plan.Length == 0)
        {
            problem = ProgrammeAreaPlan.Problem.Missing;
        }
        else if (plan.Length > max)
        {
            problem = ProgrammeAreaPlan.Problem.TooLarge;
        }
        else
        {
            using var buffer = new MemoryStream((int)plan.Length);
            await plan.CopyToAsync(buffer, cancellationToken);
            problem = await ProgrammeAreaPlan.UploadAsync(db, files, audit, AuditActor.From(User), clock, id, buffer.ToArray(), title, plan.FileName, cancellationToken);
        }

        switch (problem)
        {
            case ProgrammeAreaPlan.Problem.None:
                StatusMessage = l["Das Entwicklungskonzept wurde gespeichert."];
                return Redirect($"{OfficeListModel.Path}/{id}/plan");
            case ProgrammeAreaPlan.Problem.NotFound:
                return NotFound();
            case ProgrammeAreaPlan.Problem.TitleTooLong:
                ModelState.AddModelError("title", l["Der Titel darf höchstens {0} Zeichen haben.", ProgrammeArea.PlanTitleMaxLength]);
                break;
            default:
                ModelState.AddModelError("plan", problem switch
                {
                    ProgrammeAreaPlan.Problem.TooLarge => l["Die Datei ist zu groß. Erlaubt sind höchstens {0} MB.", MaxMegabytes],
                    ProgrammeAreaPlan.Problem.NotAPdf => l["Die Datei ist kein PDF-Dokument. Bitte laden Sie das Konzept als PDF hoch."],
                    _ => l["Bitte wählen Sie eine PDF-Datei aus."],
                });
                break;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var problem = await ProgrammeAreaPlan.RemoveAsync(db, files, audit, AuditActor.From(User), clock, id, cancellationToken);
        if (problem == ProgrammeAreaPlan.Problem.NotFound)
        {
            return NotFound();
        }

        StatusMessage = problem == ProgrammeAreaPlan.Problem.None ? l["Das Entwicklungskonzept wurde entfernt."] : l["Es war kein Entwicklungskonzept hinterlegt."];
        return Redirect($"{OfficeListModel.Path}/{id}/plan");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Name, a.PlanTitle, a.PlanFileName }).SingleOrDefaultAsync(cancellationToken);
        if (area is null)
        {
            return false;
        }

        (Id, AreaName, PlanTitle, HasPlan) = (id, area.Name, area.PlanTitle, area.PlanFileName is not null);
        return true;
    }
}
