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

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>The office creates a programme area; contacts and the plan document follow on the edit page.</summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(OfficeAreaForm.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = OfficeAreaForm.MaxRequestBytes)]
internal sealed class OfficeCreateModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IConfiguration configuration, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public AreaFormInput Input { get; set; } = new() { Programme = nameof(UrbanDevelopmentProgramme.SozialerZusammenhalt), Status = nameof(ProgrammeAreaStatus.Laufend) };

    [BindProperty]
    public IFormFile? BoundaryFile { get; set; }

    public AreaFormModel Form { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await OfficeAreaForm.TakeBoundaryFileAsync(this, Input, BoundaryFile, l, cancellationToken))
        {
            var (input, errors) = Input.ToInput([]);
            if (errors.Count == 0)
            {
                var outcome = await SaveProgrammeArea.CreateAsync(db, audit, AuditActor.From(User), clock, input, cancellationToken);
                if (outcome.Succeeded)
                {
                    StatusMessage = l["Das Programmgebiet „{0}“ wurde angelegt.", input.Name!];
                    return Redirect($"{OfficeListModel.Path}/{outcome.Id}");
                }

                OfficeAreaForm.AddErrors(ModelState, l, outcome.Errors);
            }
            else
            {
                OfficeAreaForm.AddErrors(ModelState, l, errors);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Form = new AreaFormModel(ModelState, Input, await OfficeAreaForm.MunicipalitiesAsync(db, cancellationToken),
            await AssignTopics.ActiveTreeAsync(db, cancellationToken), OfficeAreaForm.TileUrl(configuration), l["Programmgebiet anlegen"]);
}
