using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.ExpertFinder;

internal sealed record PlaceOption(string Key, string Name);

/// <summary>"Der kurze Draht": members find people who know about a topic, with the reasons why.</summary>
[Authorize(Policy = Policies.Member)]
internal sealed class IndexModel(
    QuartiersnetzDbContext db, IEnumerable<IExpertiseEvidenceSource> sources, IAuthorizationService authorization, IStringLocalizer<Texts> l,
    AudienceDataCache cache) : PageModel
{
    private const int PageSize = 20;

    /// <summary>The page's German query names for the API's field names, so errors link to the right field.</summary>
    private static readonly Dictionary<string, string> FieldIds = new(StringComparer.Ordinal)
    {
        ["topic"] = "thema", ["q"] = "text", ["municipality"] = "gemeinde", ["district"] = "kreis", ["region"] = "bezirk", ["role"] = "rolle",
    };

    [BindProperty(SupportsGet = true, Name = "thema")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "text")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "gemeinde")]
    public string? Municipality { get; set; }

    [BindProperty(SupportsGet = true, Name = "kreis")]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true, Name = "bezirk")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "rolle")]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public IReadOnlyList<PlaceOption> Districts { get; private set; } = [];

    public IReadOnlyList<PlaceOption> Regions { get; private set; } = [];

    /// <summary>The form was sent (any query value), as opposed to a first visit.</summary>
    public bool Searched { get; private set; }

    /// <summary>Sent without topic and text: a hint, not an error.</summary>
    public bool EmptySearch { get; private set; }

    public FindExperts.Resolved? Search { get; private set; }

    public PagedResult<ExpertHit>? Result { get; private set; }

    public PagerModel Pager => new(Result?.Page ?? 1, Result?.TotalPages ?? 1, "/kurzer-draht", new Dictionary<string, string?>
    {
        ["thema"] = Topic, ["text"] = Text, ["gemeinde"] = Municipality, ["kreis"] = District, ["bezirk"] = Region, ["rolle"] = Role,
    });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The form's choices are the same for everyone and change only with a saved change: read once, kept.
        var choices = await cache.GetOrCreateAsync("expert-finder-choices", AudienceDataCache.SavedChangeTags, _ => 20, async () =>
        {
            var topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
            var districts = await db.Set<District>().AsNoTracking().OrderBy(d => d.SortKey)
                .Select(d => new { d.Ags, d.Name, d.RegionCode, d.RegionName }).ToListAsync(cancellationToken);
            return new FormChoices(
                topics,
                [.. districts.Select(d => new PlaceOption(d.Ags, d.Name))],
                [.. districts.DistinctBy(d => d.RegionCode).OrderBy(d => d.RegionCode, StringComparer.Ordinal).Select(d => new PlaceOption(d.RegionCode, d.RegionName))]);
        });
        (Topics, Districts, Regions) = (choices.Topics, choices.Districts, choices.Regions);

        Searched = Request.Query.Count > 0;
        if (!Searched)
        {
            return;
        }

        var (ags, placeError) = await FindExperts.MunicipalityFromTextAsync(db, Municipality, District, l, cancellationToken);
        if (placeError is not null)
        {
            ModelState.AddModelError("gemeinde", placeError);
        }

        var request = new FindExperts.Request(Topic, Text, ags, District, Region, Role);
        var (search, errors) = await FindExperts.ResolveAsync(db, Topics, request, l, cancellationToken);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(FieldIds.GetValueOrDefault(field, field), message);
        }

        if (errors.Count > 0 || placeError is not null)
        {
            return;
        }

        if (search is null)
        {
            EmptySearch = true;
            return;
        }

        Search = search;
        var audience = await ProfileVisibilityRules.ViewerAsync(authorization, User, Guid.Empty);
        Result = await FindExperts.SearchAsync(db, sources, l, cache, new FindExperts.Viewer(audience, User.AccountId()), search, request,
            PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
    }

    private sealed record FormChoices(IReadOnlyList<TopicGroup> Topics, IReadOnlyList<PlaceOption> Districts, IReadOnlyList<PlaceOption> Regions);

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
