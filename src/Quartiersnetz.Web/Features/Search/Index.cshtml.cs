using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

/// <summary>
/// One search across everything the caller may see. A plain GET form (works without JavaScript); facets are checkboxes
/// in fieldsets; every count and snippet comes from the documents of the caller's audience only.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.SearchPolicyName)]
internal sealed class IndexModel(SearchService search, SearchFacetLabels facets, IStringLocalizer<Texts> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string[]? Kinds { get; set; }

    [BindProperty(SupportsGet = true, Name = "topic")]
    public string[]? Topics { get; set; }

    [BindProperty(SupportsGet = true, Name = "municipality")]
    public string[]? Municipalities { get; set; }

    [BindProperty(SupportsGet = true, Name = "bezirk")]
    public string[]? Regions { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public string[]? Years { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string[]? Types { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public string? Error { get; private set; }

    public SearchResult? Result { get; private set; }

    public IReadOnlyList<FacetGroup> Facets { get; private set; } = [];

    public int CurrentPage { get; private set; } = 1;

    public int TotalPages => Result is null ? 0 : (int)Math.Ceiling(Result.Total / (double)PageSize);

    public SearchFacetLabels Labels => facets;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Query is null)
        {
            return;
        }

        CurrentPage = Math.Clamp(PageNumber ?? 1, 1, 500);
        var parsed = SearchService.Parse(Query);
        if (!parsed.IsValid)
        {
            Error = l[parsed.Error!];
            return;
        }

        var choice = await facets.ReadAsync(Query, Kinds, Topics, Municipalities, Regions, Years, Types, CurrentPage, PageSize, cancellationToken);
        var audience = await facets.AudienceOfAsync(User);
        Result = await search.SearchAsync(parsed, choice.Request, audience, cancellationToken);
        Facets = await facets.LabelAsync(Result, choice.Request, cancellationToken);
    }

    /// <summary>The address of another page of the same search, facets kept.</summary>
    public string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>> { new("q", Query) };
        foreach (var group in Facets)
        {
            query.AddRange(group.Options.Where(o => o.Selected).Select(o => new KeyValuePair<string, string?>(group.Name, o.Value)));
        }

        query.Add(new("seite", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/suche" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}
