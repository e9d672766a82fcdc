using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.People;

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/geschaeftsstelle/personen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "rolle")]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "kommune")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<PersonRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path,
        new Dictionary<string, string?> { ["suche"] = Text, ["rolle"] = Role, ["kommune"] = Municipality });

    public ExportLinksModel ExportLinks => new(Path + "/export",
        new Dictionary<string, string?> { ["suche"] = Text, ["rolle"] = Role, ["kommune"] = Municipality });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Query-string values are corrected, not rejected: unknown roles and overlong text are ignored or cut.
        Text = ListPeople.Clip(Text);
        Role = Role is not null && Roles.All.Contains(Role) ? Role : null;
        Municipality = ListPeople.Clip(Municipality);
        Municipalities = await ListPeople.MunicipalitiesAsync(db, cancellationToken);
        Result = await ListPeople.HandleAsync(db, new ListPeople.Filter(Text, Role, Municipality),
            PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
