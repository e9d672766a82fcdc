using Quartiersnetz.Bench.Generation;

namespace Quartiersnetz.Bench.Load;

/// <summary>Who asks for a page: nobody, a member or the office signed in with the cookie, or a member's API token.</summary>
internal enum Audience
{
    Anonymous,
    MemberCookie,
    OfficeCookie,
    MemberToken,
}

/// <summary>The groups the report and the targets talk about.</summary>
internal static class PageGroups
{
    public const string Reference = "reference";
    public const string PublicList = "public list";
    public const string PublicDetail = "public detail";
    public const string Member = "member";
    public const string Search = "search";
    public const string Office = "office";
    public const string Api = "api";
    public const string Mix = "mix";

    /// <summary>The library's and the Praxisdatenbank's list pages: their own target (p95 &lt; 50 ms, issue 7).</summary>
    public const string LibraryList = "library list";

    /// <summary>
    /// The participant list of the big event at the office's own load (<see cref="PageCatalog.OfficeConnections"/>):
    /// its own target (&lt; 100 ms, issue 5; ADR 0008). Its row at the run's 32 connections is in <see cref="Office"/>.
    /// </summary>
    public const string ParticipantList = "participant list";
}

/// <summary>Real ids and words found through the API after the start; each list has at least one entry when not empty.</summary>
internal sealed record SampleIds(
    IReadOnlyList<string> MunicipalityAgs,
    IReadOnlyList<string> AreaIds,
    IReadOnlyList<string> TopicSlugs,
    IReadOnlyList<string> PersonIds,
    string SearchWord)
{
    /// <summary>People whose names members may see (more than the public): for the member's person page.</summary>
    public IReadOnlyList<string> MemberPersonIds { get; init; } = PersonIds;

    /// <summary>Upcoming public events (the anonymous calendar's first page).</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];

    /// <summary>An upcoming members-only event, seen through the member's API view; null when there is none.</summary>
    public string? MemberEventId { get; init; }

    /// <summary>Series with public occurrences.</summary>
    public IReadOnlyList<string> SeriesIds { get; init; } = [];

    /// <summary>A Regierungsbezirk code for the calendar filter (the one with the most events in the data set is not needed: any real one).</summary>
    public string RegionCode { get; init; } = "053";

    /// <summary>A zoom-12 view (west,south,east,north) around the first programme area; null without areas.</summary>
    public string? ZoomedMapBox { get; init; }

    /// <summary>Published public publications (slugs, the API's first page, newest first).</summary>
    public IReadOnlyList<string> PublicationSlugs { get; init; } = [];

    /// <summary>Published projects (slugs, the API's first page, newest first).</summary>
    public IReadOnlyList<string> ProjectSlugs { get; init; } = [];

    /// <summary>A page of the library half-way through its public list (the "deep page").</summary>
    public int LibraryDeepPage { get; init; } = 2;

    /// <summary>The bbox of a map zoomed in around a point: about 14 × 15 km, what a laptop screen shows at level 12.</summary>
    public static string MapBoxAround(double latitude, double longitude) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{longitude - 0.1:0.####},{latitude - 0.07:0.####},{longitude + 0.1:0.####},{latitude + 0.07:0.####}");
}

/// <summary>One measured page; <see cref="Path"/> returns null when the data set has nothing to show on it.</summary>
/// <param name="Connections">Load on this page at this many connections instead of the run's (<c>--connections</c>).</param>
internal sealed record PageDefinition(
    string Name,
    string Group,
    Audience Audience,
    Func<SampleIds, string?> Path,
    bool MeasureBrotli = false,
    int? Connections = null);

/// <summary>Every page the harness measures, in report order (issue 8, part 2/3), and the weighted public mix.</summary>
internal static class PageCatalog
{
    public const string FortunesName = "Fortunes (reference)";

    // Before Pages: static fields are initialised in order.
    /// <summary>
    /// What people type into the search (query string of /suche): a common word, a part of many compounds
    /// ("beteiligung" in Bürgerbeteiligung, Jugendbeteiligung …), a phrase, a typo and a query with facets.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Query)> SearchQueries =
    [
        ("common word", "q=Stadtteil"),
        ("compound part", "q=beteiligung"),
        ("phrase", "q=" + Uri.EscapeDataString("\"Beteiligung von Kindern und Jugendlichen\"")),
        ("typo", "q=Quartiersmanagment"),
        ("with facets", "q=Spielplatz&kind=publication&type=Arbeitshilfe&year=2024"),
    ];

    public static readonly IReadOnlyList<PageDefinition> Pages =
    [
        new(FortunesName, PageGroups.Reference, Audience.Anonymous, _ => "/bench/fortunes"),
        new("Home", PageGroups.PublicList, Audience.Anonymous, _ => "/"),
        new("Municipalities", PageGroups.PublicList, Audience.Anonymous, _ => "/gemeinden"),
        new("Municipality", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.MunicipalityAgs, "/gemeinden/")),
        new("Organisations", PageGroups.PublicList, Audience.Anonymous, _ => "/organisationen"),
        new("Programme areas", PageGroups.PublicList, Audience.Anonymous, _ => "/programmgebiete"),
        new("Programme area", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.AreaIds, "/programmgebiete/")),
        new("Topics", PageGroups.PublicList, Audience.Anonymous, _ => "/themen"),
        new("Topic", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.TopicSlugs, "/themen/")),
        new("Map", PageGroups.PublicList, Audience.Anonymous, _ => "/karte"),
        new("Map areas GeoJSON", PageGroups.Api, Audience.Anonymous, _ => "/karte/gebiete.geojson", MeasureBrotli: true),
        new("Map areas GeoJSON, zoomed in", PageGroups.Api, Audience.Anonymous, s => s.ZoomedMapBox is { } box ? "/karte/gebiete.geojson?bbox=" + box : null, MeasureBrotli: true),
        new("Map municipalities GeoJSON", PageGroups.Api, Audience.Anonymous, _ => "/karte/gemeinden.geojson", MeasureBrotli: true),
        new("Person", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.PersonIds, "/personen/")),
        new("Person (member)", PageGroups.Member, Audience.MemberCookie, s => First(s.MemberPersonIds, "/personen/")),
        new("Kurzer Draht search", PageGroups.Search, Audience.MemberCookie, s => "/kurzer-draht?text=" + Uri.EscapeDataString(s.SearchWord)),
        new("Office people", PageGroups.Office, Audience.OfficeCookie, _ => "/geschaeftsstelle/personen"),
        new("Office programme areas", PageGroups.Office, Audience.OfficeCookie, _ => "/geschaeftsstelle/programmgebiete"),
        new("API areas", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/areas"),
        new("API people", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/people"),
        new("API experts search", PageGroups.Search, Audience.MemberToken, s => "/api/v1/experts?q=" + Uri.EscapeDataString(s.SearchWord)),
        new("API municipalities", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/municipalities"),

        // The German full-text search (issue 7): visitors may get a kept answer; members and tokens show what a search costs.
        new("Search", PageGroups.Search, Audience.Anonymous, s => "/suche?q=" + Uri.EscapeDataString(s.SearchWord)),
        new("Search (member)", PageGroups.Search, Audience.MemberCookie, s => "/suche?q=" + Uri.EscapeDataString(s.SearchWord)),
        new("API search (member token)", PageGroups.Search, Audience.MemberToken, s => "/api/v1/search?q=" + Uri.EscapeDataString(s.SearchWord)),

        // Signed-in visitors never get the public output cache (ADR 0004): these show what building the directory pages costs.
        new("Municipalities (member)", PageGroups.Member, Audience.MemberCookie, _ => "/gemeinden"),
        new("Programme areas (member)", PageGroups.Member, Audience.MemberCookie, _ => "/programmgebiete"),
        new("Organisations (member)", PageGroups.Member, Audience.MemberCookie, _ => "/organisationen"),
        new("Topic (member)", PageGroups.Member, Audience.MemberCookie, s => First(s.TopicSlugs, "/themen/")),
        new("Map (member)", PageGroups.Member, Audience.MemberCookie, _ => "/karte"),
        new("API people (member token)", PageGroups.Api, Audience.MemberToken, _ => "/api/v1/people"),

        // Events (issue 5, Performance): the public calendar, an event and a series, the feeds, members and office.
        new("Events", PageGroups.PublicList, Audience.Anonymous, _ => "/veranstaltungen"),
        new("Events, type and Regierungsbezirk", PageGroups.PublicList, Audience.Anonymous, s => "/veranstaltungen?art=Fortbildung&bezirk=" + s.RegionCode),
        new("Events month", PageGroups.PublicList, Audience.Anonymous, _ => "/veranstaltungen/monat"),
        new("Event", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.EventIds, "/veranstaltungen/")),
        new("Event series", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.SeriesIds, "/veranstaltungen/reihen/")),
        new("Calendar feed", PageGroups.Api, Audience.Anonymous, _ => "/kalender.ics"),
        new("Event .ics", PageGroups.Api, Audience.Anonymous, s => s.EventIds.Count > 0 ? $"/veranstaltungen/{s.EventIds[0]}.ics" : null),
        new("API events", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/events"),
        new("API event", PageGroups.Api, Audience.Anonymous, s => First(s.EventIds, "/api/v1/events/")),
        new("API event series", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/event-series"),
        new("My events", PageGroups.Member, Audience.MemberCookie, _ => "/meine-veranstaltungen"),
        new("Event (members only)", PageGroups.Member, Audience.MemberCookie, s => s.MemberEventId is { } id ? "/veranstaltungen/" + id : null),
        new("Office events", PageGroups.Office, Audience.OfficeCookie, _ => "/geschaeftsstelle/veranstaltungen"),
        // The library and the Praxisdatenbank (issue 7): lists with filters, sorting and a deep page, a publication and a
        // project, the map's projects, the German search with several kinds of query, as visitors (who may get a kept
        // answer) and as a signed-in member (never cached: the honest figure of what a search costs).
        new("Library", PageGroups.LibraryList, Audience.Anonymous, _ => "/bibliothek"),
        new("Library, type, topic and year", PageGroups.LibraryList, Audience.Anonymous, s => $"/bibliothek?art=Arbeitshilfe&thema={LibraryTopic(s)}&jahr={LibraryYear}"),
        new("Library by title", PageGroups.LibraryList, Audience.Anonymous, _ => "/bibliothek?sortierung=titel"),
        new("Library, deep page", PageGroups.LibraryList, Audience.Anonymous, s => $"/bibliothek?seite={s.LibraryDeepPage}"),
        new("Library (member)", PageGroups.LibraryList, Audience.MemberCookie, _ => "/bibliothek"),
        new("Library, filtered (member)", PageGroups.LibraryList, Audience.MemberCookie, s => $"/bibliothek?art=Arbeitshilfe&thema={LibraryTopic(s)}&jahr={LibraryYear}"),
        new("Publication", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.PublicationSlugs, "/bibliothek/")),
        new("Publication (member)", PageGroups.Member, Audience.MemberCookie, s => First(s.PublicationSlugs, "/bibliothek/")),
        new("Projects", PageGroups.LibraryList, Audience.Anonymous, _ => "/praxisprojekte"),
        new("Projects, status and topic", PageGroups.LibraryList, Audience.Anonymous, s => $"/praxisprojekte?stand=Laufend&thema={LibraryTopic(s)}"),
        new("Projects (member)", PageGroups.LibraryList, Audience.MemberCookie, _ => "/praxisprojekte"),
        new("Project", PageGroups.PublicDetail, Audience.Anonymous, s => First(s.ProjectSlugs, "/praxisprojekte/")),
        new("Map projects GeoJSON", PageGroups.Api, Audience.Anonymous, _ => "/karte/praxisprojekte.geojson", MeasureBrotli: true),
        new("API publications", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/publications"),
        new("API publications (member token)", PageGroups.Api, Audience.MemberToken, _ => "/api/v1/publications"),
        new("API projects", PageGroups.Api, Audience.Anonymous, _ => "/api/v1/projects"),
        .. SearchQueries.SelectMany(q => new PageDefinition[]
        {
            new($"Search {q.Name}", PageGroups.Search, Audience.Anonymous, _ => "/suche?" + q.Query),
            new($"Search {q.Name} (member)", PageGroups.Search, Audience.MemberCookie, _ => "/suche?" + q.Query),
        }),
        new("API search, compound part", PageGroups.Search, Audience.Anonymous, _ => "/api/v1/search?q=beteiligung"),
        new("API search, compound part (member token)", PageGroups.Search, Audience.MemberToken, _ => "/api/v1/search?q=beteiligung"),

        new(ParticipantListName, PageGroups.Office, Audience.OfficeCookie, ParticipantListPath),
        new($"{ParticipantListName}, office load", PageGroups.ParticipantList, Audience.OfficeCookie, ParticipantListPath, Connections: OfficeConnections),
        new("Participant list CSV", PageGroups.Office, Audience.OfficeCookie, _ => $"/geschaeftsstelle/veranstaltungen/{BenchAccounts.ParticipantListEventId}/teilnehmende/export?format=csv"),
    ];

    /// <summary>The year of the library's filtered page: recent years hold the most publications.</summary>
    public const int LibraryYear = 2024;

    private static string LibraryTopic(SampleIds s) => s.TopicSlugs.Count > 0 ? Uri.EscapeDataString(s.TopicSlugs[0]) : "";

    /// <summary>The office's participant list of the event with the scale's participant-list registrations (1,000 at national scale).</summary>
    public const string ParticipantListName = "Participant list (big event)";

    /// <summary>
    /// Connections for the office's own pages when they are measured at the office's load: the Geschäftsstelle is a
    /// handful of people, and four of them asking back to back, without a pause, is more than it ever does (ADR 0008).
    /// </summary>
    public const int OfficeConnections = 4;

    private static string ParticipantListPath(SampleIds _) => $"/geschaeftsstelle/veranstaltungen/{BenchAccounts.ParticipantListEventId}/teilnehmende";

    /// <summary>
    /// Anonymous visitors on public pages, weighted roughly like a portal's traffic: the home page and detail pages
    /// most, lists less, the heavy GeoJSON seldom. Detail pages rotate over the sample ids.
    /// </summary>
    public static IReadOnlyList<(string Path, int Weight)> PublicMix(SampleIds samples)
    {
        var mix = new List<(string, int)>
        {
            ("/", 20),
            ("/gemeinden", 6),
            ("/organisationen", 5),
            ("/programmgebiete", 8),
            ("/themen", 4),
            ("/karte", 5),
            ("/karte/gebiete.geojson", 2),
            ("/api/v1/areas", 2),
            ("/veranstaltungen", 8),
            ("/veranstaltungen/monat", 3),
            ("/kalender.ics", 1),
            ("/bibliothek", 5),
            ("/praxisprojekte", 4),
            ("/suche?q=beteiligung", 2),
        };
        Spread(mix, samples.MunicipalityAgs, "/gemeinden/", 12);
        Spread(mix, samples.AreaIds, "/programmgebiete/", 14);
        Spread(mix, samples.TopicSlugs, "/themen/", 8);
        Spread(mix, samples.PersonIds, "/personen/", 8);
        Spread(mix, samples.EventIds, "/veranstaltungen/", 12);
        Spread(mix, samples.SeriesIds, "/veranstaltungen/reihen/", 3);
        Spread(mix, samples.PublicationSlugs, "/bibliothek/", 8);
        Spread(mix, samples.ProjectSlugs, "/praxisprojekte/", 8);
        return mix;
    }

    /// <summary>
    /// The whole network at once (issue 8, part 2): anonymous visitors (the public mix, about 60 % of the requests),
    /// members browsing and searching (about 30 %: every member page, search and API call of the catalogue, with the
    /// cookie or the token) and the office working its lists (about 10 %: the office pages, exports left out). One wrk
    /// run draws from all of them, so signed-in pages compete with kept public pages for the same cores.
    /// </summary>
    public static IReadOnlyList<(string Path, Audience Audience)> NetworkMix(SampleIds samples)
    {
        List<(string Path, Audience Audience)> visitors = [.. Expand(PublicMix(samples)).Select(p => (p, Audience.Anonymous))];
        List<(string Path, Audience Audience)> members = [.. Concrete(samples, p => p.Audience is Audience.MemberCookie or Audience.MemberToken)];
        List<(string Path, Audience Audience)> office = [.. Concrete(samples, p => p.Audience == Audience.OfficeCookie)
            .Where(p => !p.Path.Contains("/export", StringComparison.Ordinal))];
        var memberRepeats = Math.Max(1, (int)Math.Round(visitors.Count / 2.0 / Math.Max(1, members.Count)));
        var officeRepeats = Math.Max(1, (int)Math.Round(visitors.Count / 6.0 / Math.Max(1, office.Count)));
        return [.. visitors, .. members.SelectMany(m => Enumerable.Repeat(m, memberRepeats)), .. office.SelectMany(o => Enumerable.Repeat(o, officeRepeats))];
    }

    private static IEnumerable<(string Path, Audience Audience)> Concrete(SampleIds samples, Func<PageDefinition, bool> which) =>
        Pages.Where(which).Select(p => (Path: p.Path(samples), p.Audience)).Where(p => p.Path is not null).Select(p => (p.Path!, p.Audience));

    /// <summary>The mix as a list of paths in which each path appears as often as its weight (what the Lua script draws from).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<(string Path, int Weight)> mix) =>
        [.. mix.SelectMany(m => Enumerable.Repeat(m.Path, m.Weight))];

    private static string? First(IReadOnlyList<string> values, string prefix) => values.Count > 0 ? prefix + values[0] : null;

    /// <summary>Splits a weight over the sample ids so that no single detail row stays hot in every cache.</summary>
    private static void Spread(List<(string, int)> mix, IReadOnlyList<string> ids, string prefix, int weight)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var used = ids.Take(weight).ToList();
        for (var i = 0; i < used.Count; i++)
        {
            mix.Add((prefix + used[i], (weight / used.Count) + (i < weight % used.Count ? 1 : 0)));
        }
    }
}
