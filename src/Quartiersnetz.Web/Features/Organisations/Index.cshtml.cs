using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Organisations;

/// <summary>The public list of organisations in the network.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "art")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<OrganisationSummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/organisationen", new Dictionary<string, string?> { ["art"] = Type, ["name"] = Name });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Name = Name is { Length: > ListOrganisations.MaxFilterLength } ? Name[..ListOrganisations.MaxFilterLength] : Name;
        var type = ListOrganisations.ParseType(Type);
        Type = type?.ToString();
        Result = await ListOrganisations.HandleAsync(db, type, Name, PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }
}
