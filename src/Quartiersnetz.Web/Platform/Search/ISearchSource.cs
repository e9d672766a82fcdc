using Quartiersnetz.Data;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// How a feature puts its items into the one search (docs/adr/0005-german-search.md). A feature implements one
/// source per kind of item and registers it with <c>AddSearchSource&lt;T&gt;()</c>; the search code never knows the
/// feature. Sources are singletons without state; they get the database context with each call. Changes saved through EF to one of <see cref="EntityTypes"/> mark the keys <see cref="KeysOf"/> names,
/// and the background indexer asks <see cref="BuildAsync"/> for their documents within a second.
/// </summary>
internal interface ISearchSource
{
    /// <summary>Stable kind name, also the facet value and the API's <c>kind</c>, e.g. "event".</summary>
    string Kind { get; }

    /// <summary>German plural for the facet, a localizer key, e.g. "Veranstaltungen".</summary>
    string Label { get; }

    /// <summary>Order of the kind in the facet list.</summary>
    int Order { get; }

    /// <summary>
    /// Whether its items are offered as "Ähnliche Inhalte" on other items' pages (<see cref="SimilarItemsQuery"/>).
    /// People are found by the search but are not content: an item's page names its own people.
    /// </summary>
    bool OffersSimilarItems => true;

    /// <summary>
    /// The source's own facet of subtypes (publications: "Publikationsart"), or null. Its values are what the source puts
    /// into <see cref="SearchDocumentDraft.SubtypeKey"/>; they share one facet ("type") with other sources' subtypes, so
    /// they must not repeat another source's values.
    /// </summary>
    SearchSubtypeFacet? Subtypes => null;

    /// <summary>Entity types whose added, changed or deleted rows change documents of this kind.</summary>
    IReadOnlyCollection<Type> EntityTypes { get; }

    /// <summary>The keys of this kind a changed entity (one of <see cref="EntityTypes"/>) touches; none when it does not matter.</summary>
    IEnumerable<string> KeysOf(object entity);

    /// <summary>
    /// The documents of the given items, each audience seeing only what it may. A key without documents in the answer
    /// (deleted, or visible to nobody) loses its documents. One fixed number of queries for all keys.
    /// </summary>
    Task<IReadOnlyList<SearchDocumentDraft>> BuildAsync(QuartiersnetzDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>All keys of this kind in a stable order, one page (0-based) at a time, for the rebuild.</summary>
    Task<IReadOnlyList<string>> KeysAsync(QuartiersnetzDbContext db, int page, int pageSize, CancellationToken cancellationToken);
}

/// <summary>A source's subtype facet: its German heading and its values with German labels (both localizer keys).</summary>
internal sealed record SearchSubtypeFacet(string Label, IReadOnlyList<SearchSubtype> Values);

internal sealed record SearchSubtype(string Key, string Label);

/// <summary>What one audience range may see of one item; the indexer analyses it.</summary>
internal sealed record SearchDocumentDraft(string Key, string Title, string Url, string Body)
{
    public SearchAudience MinAudience { get; init; } = SearchAudience.Public;

    public SearchAudience MaxAudience { get; init; } = SearchAudience.Office;

    /// <summary>Short German type line shown with the hit, e.g. "Tagung".</summary>
    public string? Subtype { get; init; }

    /// <summary>Value of the subtype facet, one of the source's <see cref="ISearchSource.Subtypes"/>; null: no subtype.</summary>
    public string? SubtypeKey { get; init; }

    public int? Year { get; init; }

    public string? MunicipalityAgs { get; init; }

    public IReadOnlyList<string> TopicSlugs { get; init; } = [];

    /// <summary>
    /// One draft per audience from <paramref name="build"/> (null: that audience may not find the item), merged where
    /// neighbouring audiences see the same, so an item that looks alike for everyone is stored once.
    /// </summary>
    public static IEnumerable<SearchDocumentDraft> PerAudience(Func<SearchAudience, SearchDocumentDraft?> build)
    {
        SearchDocumentDraft? open = null;
        foreach (var audience in new[] { SearchAudience.Public, SearchAudience.Members, SearchAudience.Office })
        {
            var draft = build(audience);
            if (open is not null && draft is not null && open.SameContent(draft))
            {
                open = open with { MaxAudience = audience };
                continue;
            }

            if (open is not null)
            {
                yield return open;
            }

            open = draft is null ? null : draft with { MinAudience = audience, MaxAudience = audience };
        }

        if (open is not null)
        {
            yield return open;
        }
    }

    private bool SameContent(SearchDocumentDraft other) =>
        Key == other.Key && Title == other.Title && Url == other.Url && Body == other.Body && Subtype == other.Subtype && SubtypeKey == other.SubtypeKey
        && Year == other.Year && MunicipalityAgs == other.MunicipalityAgs && TopicSlugs.SequenceEqual(other.TopicSlugs);
}

internal static class SearchSourceRegistration
{
    public static IServiceCollection AddSearchSource<TSource>(this IServiceCollection services)
        where TSource : class, ISearchSource => services.AddSingleton<ISearchSource, TSource>();
}
