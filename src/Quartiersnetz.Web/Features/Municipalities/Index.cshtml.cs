using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Municipalities;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed class IndexModel(QuartiersnetzDbContext db, TimeProvider clock, AudienceDataCache cache) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true, Name = "kreis")]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true, Name = "mitglied")]
    public bool MembersOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<MunicipalitySummary> Result { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<DistrictOption> Districts { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.TotalPages, "/gemeinden",
        new Dictionary<string, string?> { ["name"] = Name, ["kreis"] = District, ["mitglied"] = MembersOnly ? "true" : null });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Query-string values from a person are corrected, not rejected: overlong text is cut, bad pages clamped.
        Name = Truncate(Name);
        District = Truncate(District);
        // The list is the same for every viewer; visitors get the kept page, signed-in viewers the kept lists (ADR 0004).
        Districts = await cache.GetOrCreateAsync(
            "municipality-districts", AudienceDataCache.SavedChangeTags, d => 1 + d.Count / 20, () => ListMunicipalities.DistrictsAsync(db, cancellationToken));
        var today = BerlinTime.Today(clock);
        var page = PageRequest.Lenient(PageNumber, PageSize, PageSize);
        Result = await cache.GetOrCreateAsync(
            string.Join('\u001f', "municipality-list", Name, District, MembersOnly, today, page.Page),
            AudienceDataCache.SavedChangeTags,
            r => 1 + r.Items.Count / 10,
            () => ListMunicipalities.HandleAsync(db, Name, District, MembersOnly, today, page, cancellationToken));
    }

    private static string? Truncate(string? value) =>
        value is { Length: > ListMunicipalities.MaxFilterLength } ? value[..ListMunicipalities.MaxFilterLength] : value;
}
