using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

internal sealed record FacetOption(string Value, string Label, long Count, bool Selected);

internal sealed record FacetGroup(string Name, string Label, IReadOnlyList<FacetOption> Options);

/// <summary>The facet choices of a request, checked against what exists; unknown values are named per parameter.</summary>
internal sealed record FacetChoice(SearchRequest Request, Dictionary<string, string[]> Unknown);

/// <summary>
/// Shared by the search page and the API: reads the facet parameters, finds unknown values (the API answers 400 naming
/// them, the page drops them: an old bookmark still works), names facet values for people, and tells the caller's audience.
/// </summary>
internal sealed class SearchFacetLabels(QuartiersnetzDbContext db, IEnumerable<ISearchSource> sources, IAuthorizationService authorization, AudienceDataCache cache)
{
    /// <summary>The names of a search's facet values: topics by slug, municipalities by AGS, Regierungsbezirke by code.</summary>
    private sealed record FacetNames(Dictionary<string, string> Topics, Dictionary<string, string> Places, Dictionary<string, string> Regions);

    public const int MaxValuesPerFacet = 20;

    public IReadOnlyList<ISearchSource> Sources { get; } = [.. sources.OrderBy(s => s.Order)];

    public Task<SearchAudience> AudienceOfAsync(ClaimsPrincipal user) => ViewerAudience.OfAsync(authorization, user);

    public async Task<FacetChoice> ReadAsync(
        string? text, string[]? kinds, string[]? topics, string[]? municipalities, string[]? regions, string[]? years, string[]? types,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        var unknown = new Dictionary<string, string[]>();
        var kindList = Distinct(kinds);
        var knownKinds = Sources.Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);
        Unknown(unknown, "kind", kindList.Where(k => !knownKinds.Contains(k)));
        kindList = [.. kindList.Where(knownKinds.Contains)];

        var topicList = Distinct(topics);
        if (topicList.Count > 0)
        {
            var known = await db.Set<Topic>().AsNoTracking().Where(t => topicList.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken);
            Unknown(unknown, "topic", topicList.Except(known));
            topicList = known;
        }

        var agsList = Distinct(municipalities);
        if (agsList.Count > 0)
        {
            var known = await db.Set<Municipality>().AsNoTracking().Where(m => agsList.Contains(m.Ags)).Select(m => m.Ags).ToListAsync(cancellationToken);
            Unknown(unknown, "municipality", agsList.Except(known));
            agsList = known;
        }

        var regionList = Distinct(regions);
        if (regionList.Count > 0)
        {
            var known = await db.Set<District>().AsNoTracking().Where(d => regionList.Contains(d.RegionCode)).Select(d => d.RegionCode).Distinct().ToListAsync(cancellationToken);
            Unknown(unknown, "bezirk", regionList.Except(known));
            regionList = known;
        }

        var yearList = new List<int>();
        foreach (var raw in Distinct(years))
        {
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200)
            {
                yearList.Add(year);
            }
            else
            {
                Unknown(unknown, "year", [raw]);
            }
        }

        var typeList = Distinct(types);
        var knownTypes = SubtypeLabels();
        Unknown(unknown, SearchFacets.Type, typeList.Where(t => !knownTypes.ContainsKey(t)));
        typeList = [.. typeList.Where(knownTypes.ContainsKey)];

        return new FacetChoice(new SearchRequest(text, kindList, topicList, agsList, regionList, yearList, page, pageSize) { Types = typeList }, unknown);
    }

    /// <summary>The counted facets with German labels, chosen values first; values without a count but chosen stay visible.</summary>
    public async Task<IReadOnlyList<FacetGroup>> LabelAsync(SearchResult result, SearchRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<FacetCount> Counts(string facet, IReadOnlyList<string> selected)
        {
            var counts = result.Facets[facet].ToList();
            counts.AddRange(selected.Where(s => counts.All(c => c.Value != s)).Select(s => new FacetCount(s, 0)));
            return [.. counts.OrderByDescending(c => selected.Contains(c.Value)).ThenByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(MaxValuesPerFacet)];
        }

        var kinds = Counts(SearchFacets.Kind, request.Kinds);
        var topics = Counts(SearchFacets.Topic, request.Topics);
        var places = Counts(SearchFacets.Municipality, request.Municipalities);
        var regions = Counts(SearchFacets.Region, request.Regions);
        var years = Counts(SearchFacets.Year, [.. request.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))]);
        var types = Counts(SearchFacets.Type, request.Types);

        var names = await NamesAsync([.. topics.Select(t => t.Value)], [.. places.Select(p => p.Value)], [.. regions.Select(r => r.Value)], cancellationToken);
        var kindNames = Sources.ToDictionary(s => s.Kind, s => s.Label);

        return
        [
            Group(SearchFacets.Kind, "Art", kinds, request.Kinds, kindNames),
            Group(SearchFacets.Topic, "Thema", topics, request.Topics, names.Topics),
            Group(SearchFacets.Region, "Regierungsbezirk", regions, request.Regions, names.Regions),
            Group(SearchFacets.Municipality, "Kommune", places, request.Municipalities, names.Places),
            Group(SearchFacets.Year, "Jahr", years, [.. request.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))], new Dictionary<string, string>()),
            Group(SearchFacets.Type, SubtypeFacetLabel, types, request.Types, SubtypeLabels()),
        ];
    }

    /// <summary>
    /// The names of the values, kept per set of values (<see cref="AudienceDataCache"/>; names are the same for every
    /// audience): a repeated search, whose counts come from the cache too, then asks the database nothing for its facets.
    /// </summary>
    private Task<FacetNames> NamesAsync(List<string> topicSlugs, List<string> agsList, List<string> regionCodes, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(
            string.Join('\u001f', "search-facet-names", string.Join(',', topicSlugs), string.Join(',', agsList), string.Join(',', regionCodes)),
            AudienceDataCache.SavedChangeTags, _ => 1,
            async () => new FacetNames(
                // Names only: a municipality row also carries its boundary as GeoJSON (kilobytes each, up to a hundred facet values).
                topicSlugs.Count == 0 ? [] : (await db.Set<Topic>().AsNoTracking().Where(t => EF.Parameter(topicSlugs).Contains(t.Slug)).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken))
                    .ToDictionary(t => t.Slug, t => t.Name),
                agsList.Count == 0 ? [] : (await db.Set<Municipality>().AsNoTracking().Where(m => EF.Parameter(agsList).Contains(m.Ags)).Select(m => new { m.Ags, m.ShortName }).ToListAsync(cancellationToken))
                    .ToDictionary(m => m.Ags, m => m.ShortName),
                regionCodes.Count == 0 ? [] : (await db.Set<District>().AsNoTracking().Where(d => regionCodes.Contains(d.RegionCode)).Select(d => new { d.RegionCode, d.RegionName }).Distinct().ToListAsync(cancellationToken))
                    .ToDictionary(r => r.RegionCode, r => r.RegionName)));

    /// <summary>Facets whose value labels are localizer keys (the others are names from the data).</summary>
    public static bool HasLocalizedLabels(string facet) => facet is SearchFacets.Kind or SearchFacets.Type;

    /// <summary>
    /// The heading of the subtype facet: the source's own ("Publikationsart") while only one source has subtypes,
    /// a neutral one when several share the facet.
    /// </summary>
    private string SubtypeFacetLabel => Sources.Where(s => s.Subtypes is not null).Select(s => s.Subtypes!.Label).Distinct().ToList() is [var only] ? only : "Untertyp";

    /// <summary>Every source's subtype keys with their labels; a key repeated by a later source keeps the first label.</summary>
    private Dictionary<string, string> SubtypeLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var subtype in Sources.SelectMany(s => s.Subtypes?.Values ?? []))
        {
            labels.TryAdd(subtype.Key, subtype.Label);
        }

        return labels;
    }

    public string KindLabel(string kind) => Sources.FirstOrDefault(s => s.Kind == kind)?.Label ?? kind;

    private static FacetGroup Group(string name, string label, IReadOnlyList<FacetCount> counts, IReadOnlyList<string> selected, IReadOnlyDictionary<string, string> names) =>
        new(name, label, [.. counts.Select(c => new FacetOption(c.Value, names.GetValueOrDefault(c.Value) ?? c.Value, c.Count, selected.Contains(c.Value)))]);

    private static List<string> Distinct(string[]? values) =>
        values is null ? [] : [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Take(MaxValuesPerFacet)];

    private static void Unknown(Dictionary<string, string[]> unknown, string field, IEnumerable<string> values)
    {
        var list = values.ToArray();
        if (list.Length > 0)
        {
            unknown[field] = unknown.TryGetValue(field, out var existing) ? [.. existing, .. list] : list;
        }
    }
}
