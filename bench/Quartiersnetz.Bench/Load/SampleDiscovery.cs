using System.Text.Json;

namespace Quartiersnetz.Bench.Load;

/// <summary>Finds real ids and slugs through the public API of the running app, and counts rows for the report.</summary>
internal static class SampleDiscovery
{
    private const int Samples = 20;

    public static async Task<SampleIds> DiscoverAsync(Uri baseAddress, string memberCookie, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var member = new HttpClient { BaseAddress = baseAddress };
        member.DefaultRequestHeaders.Add("Cookie", memberCookie);
        using var memberPeople = await GetJsonAsync(member, $"/api/v1/people?pageSize={Samples}", cancellationToken);
        using var areas = await GetJsonAsync(client, $"/api/v1/areas?pageSize={Samples}", cancellationToken);
        using var municipalities = await GetJsonAsync(client, $"/api/v1/municipalities?pageSize={Samples}", cancellationToken);
        using var topics = await GetJsonAsync(client, "/api/v1/topics", cancellationToken);
        using var people = await GetJsonAsync(client, $"/api/v1/people?pageSize={Samples}", cancellationToken);
        using var events = await GetJsonAsync(client, $"/api/v1/events?pageSize={Samples}", cancellationToken);
        // The member sees members-only events too; the first upcoming one is the members-only event page.
        using var memberEvents = await GetJsonAsync(member, $"/api/v1/events?pageSize={PageRequestMax}", cancellationToken);
        using var series = await GetJsonAsync(client, $"/api/v1/event-series?pageSize={Samples}", cancellationToken);
        using var publications = await GetJsonAsync(client, $"/api/v1/publications?pageSize={Samples}", cancellationToken);
        using var projects = await GetJsonAsync(client, $"/api/v1/projects?pageSize={Samples}", cancellationToken);
        var publicPublications = publications.RootElement.GetProperty("totalCount").GetInt32();

        var areaItems = areas.RootElement.GetProperty("items").EnumerateArray().ToList();
        // Municipalities with programme areas first: their pages show the most.
        var ags = areaItems.Select(a => a.GetProperty("municipalityAgs").GetString()!)
            .Concat(municipalities.RootElement.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("ags").GetString()!))
            .Distinct(StringComparer.Ordinal).Take(Samples).ToList();
        var topicItems = topics.RootElement.EnumerateArray().ToList();
        return new SampleIds(
            ags,
            [.. areaItems.Select(a => a.GetProperty("id").GetString()!)],
            [.. topicItems.Select(t => t.GetProperty("slug").GetString()!).Take(Samples)],
            [.. people.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)],
            SearchWord(topicItems.Select(t => t.GetProperty("name").GetString()!)))
        {
            ZoomedMapBox = await ZoomedMapBoxAsync(client, areaItems, cancellationToken),
            MemberPersonIds = [.. memberPeople.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)],
            EventIds = [.. Items(events).Where(e => e.GetProperty("status").GetString() == "Published").Select(e => e.GetProperty("id").GetString()!)],
            MemberEventId = Items(memberEvents)
                .Where(e => string.Equals(e.GetProperty("audience").GetString(), "Members", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.GetProperty("id").GetString()).FirstOrDefault(),
            SeriesIds = [.. Items(series).Select(e => e.GetProperty("id").GetString()!)],
            PublicationSlugs = [.. Items(publications).Select(p => p.GetProperty("slug").GetString()!)],
            ProjectSlugs = [.. Items(projects).Select(p => p.GetProperty("slug").GetString()!)],
            // Half-way through the public list, 20 to a page like /bibliothek shows them.
            LibraryDeepPage = Math.Max(2, (publicPublications + 19) / 20 / 2),
        };
    }

    private const int PageRequestMax = 100;

    private static JsonElement.ArrayEnumerator Items(JsonDocument page) => page.RootElement.GetProperty("items").EnumerateArray();

    /// <summary>The list has no coordinates; the first area's own record has its point.</summary>
    private static async Task<string?> ZoomedMapBoxAsync(HttpClient client, List<JsonElement> areas, CancellationToken cancellationToken)
    {
        if (areas.Count == 0)
        {
            return null;
        }

        using var area = await GetJsonAsync(client, "/api/v1/areas/" + areas[0].GetProperty("id").GetString(), cancellationToken);
        return SampleIds.MapBoxAround(area.RootElement.GetProperty("latitude").GetDouble(), area.RootElement.GetProperty("longitude").GetDouble());
    }

    /// <summary>A word a member would type: the first long word of a top-level topic name ("Quartiersmanagement").</summary>
    public static string SearchWord(IEnumerable<string> topicNames) =>
        topicNames.SelectMany(n => n.Split([' ', '-', ',', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(w => w.Length >= 6 && char.IsLetter(w[0])) ?? "Quartier";

    /// <summary>Row counts as the office sees them through the API (totalCount of each list).</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(Uri baseAddress, string? officeCookie, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        if (officeCookie is not null)
        {
            // GET with the sign-in cookie: the office sees every person, not only those with a public name.
            client.DefaultRequestHeaders.Add("Cookie", officeCookie);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, path) in new[]
        {
            ("municipalities", "/api/v1/municipalities?pageSize=1"),
            ("programme areas", "/api/v1/areas?pageSize=1"),
            ("organisations", "/api/v1/organisations?pageSize=1"),
            ("people", "/api/v1/people?pageSize=1"),
        })
        {
            using var json = await GetJsonAsync(client, path, cancellationToken);
            counts[name] = json.RootElement.GetProperty("totalCount").GetInt64();
        }

        using var topics = await GetJsonAsync(client, "/api/v1/topics", cancellationToken);
        counts["topics"] = topics.RootElement.GetArrayLength();

        // The office sees every upcoming event (the API lists only events that have not ended) and every series.
        using var events = await GetJsonAsync(client, "/api/v1/events?pageSize=1", cancellationToken);
        counts["upcoming events"] = events.RootElement.GetProperty("totalCount").GetInt64();
        using var series = await GetJsonAsync(client, "/api/v1/event-series?pageSize=1", cancellationToken);
        counts["event series"] = series.RootElement.GetProperty("totalCount").GetInt64();

        // What the public lists show: published publications (the office's cookie adds members-only ones) and projects.
        using var publications = await GetJsonAsync(client, "/api/v1/publications?pageSize=1", cancellationToken);
        counts["published publications"] = publications.RootElement.GetProperty("totalCount").GetInt64();
        using var projects = await GetJsonAsync(client, "/api/v1/projects?pageSize=1", cancellationToken);
        counts["published projects"] = projects.RootElement.GetProperty("totalCount").GetInt64();
        return counts;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
