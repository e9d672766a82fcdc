using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.People;

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeListModel(QuartiersnetzDbContext db, AudienceDataCache cache) : PageModel
{
    public const string Path = "/geschaeftsstelle/personen";
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "rolle")]
    public string? Role { get; set; }

    /// <summary>Name or AGS of a municipality (MunicipalityFilter); older links and bookmarks carry an AGS here.</summary>
    [BindProperty(SupportsGet = true, Name = "kommune")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<PersonRow> Result { get; private set; } = new([], 1, PageSize, 0);

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path,
        new Dictionary<string, string?> { ["suche"] = Text, ["rolle"] = Role, ["kommune"] = Municipality });

    public ExportLinksModel ExportLinks => new(Path + "/export",
        new Dictionary<string, string?> { ["suche"] = Text, ["rolle"] = Role, ["kommune"] = Municipality });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Query-string values are corrected, not rejected: unknown roles and overlong text are ignored or cut.
        Text = ListPeople.Clip(Text);
        Role = Role is not null && Roles.All.Contains(Role) ? Role : null;
        Municipality = MunicipalityFilter.Clean(Municipality);
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        // The same for everyone in the office: kept until the next saved change (ADR 0004).
        Result = await cache.GetOrCreateAsync(
            string.Join('\u001f', "office-people", Text, Role, Municipality, page.Page),
            AudienceDataCache.SavedChangeTags,
            r => 1 + r.Items.Count / 10,
            () => ListPeople.HandleAsync(db, new ListPeople.Filter(Text, Role, null, Municipality), page, cancellationToken));
    }
}
