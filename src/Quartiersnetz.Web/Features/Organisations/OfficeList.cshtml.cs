using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Organisations;

/// <summary>The office's list of organisations, filtered by type and name.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/geschaeftsstelle/organisationen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<OrganisationSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    [TempData]
    public string? StatusMessage { get; set; }

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path, new Dictionary<string, string?> { ["art"] = Type, ["name"] = Name });

    public ExportLinksModel ExportLinks => new(Path + "/export", new Dictionary<string, string?> { ["art"] = Type, ["name"] = Name });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Name = Name is { Length: > ListOrganisations.MaxFilterLength } ? Name[..ListOrganisations.MaxFilterLength] : Name;
        var type = ListOrganisations.ParseType(Type);
        Type = type?.ToString();
        Result = await ListOrganisations.HandleAsync(db, type, Name, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
