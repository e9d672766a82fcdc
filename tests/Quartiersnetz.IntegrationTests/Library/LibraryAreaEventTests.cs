using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Library;

/// <summary>
/// The programme areas (Fördergebiete) a publication is about: typed as "Gemeinde: Gebiet" or the unique name, shown on
/// the publication page and on the area's page, filtered by in the library and the API, found in the search, exported
/// and imported; and the event page's "Dokumentation", the publications linked to the event. Each only for those who
/// may read the publication.
/// </summary>
public sealed class LibraryAreaEventTests(LibraryFactory factory) : IClassFixture<LibraryFactory>
{
    private const string CreatePage = "/geschaeftsstelle/bibliothek/neu";
    private const string Gelsenkirchen = "05513000";
    private const string Koeln = "05315000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Marker() => Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string visibility = "Public", bool published = true) => new()
    {
        ["Input.Type"] = "Dokumentation",
        ["Input.Title"] = title,
        ["Input.Authors"] = "Dr. Jana Beispiel",
        ["Input.Editors"] = "",
        ["Input.Year"] = "2025",
        ["Input.Abstract"] = "Auswertung der Arbeit im Quartier.",
        ["Input.Language"] = "de",
        ["Input.Visibility"] = visibility,
        ["Input.Published"] = published ? "true" : "false",
        ["Input.Municipalities"] = "",
        ["Input.Areas"] = "",
        ["Input.RelatedEvents"] = "",
        ["Input.RelatedPublications"] = "",
    };

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private async Task<Publication> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        var title = fields["Input.Title"];
        return await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Title == title, Ct));
    }

    /// <summary>"Innenstadt …" in Gelsenkirchen and in Köln (the name alone is ambiguous) and "Südost …" in Gelsenkirchen only.</summary>
    private async Task<(ProgrammeArea Centre, ProgrammeArea CologneCentre, ProgrammeArea SouthEast)> AreasAsync(string marker)
    {
        var centre = PublicAreaTestSupport.NewArea($"Innenstadt {marker}", Gelsenkirchen);
        var cologneCentre = PublicAreaTestSupport.NewArea($"Innenstadt {marker}", Koeln);
        var southEast = PublicAreaTestSupport.NewArea($"Südost {marker}", Gelsenkirchen);
        await factory.AddAreasAsync([centre, cologneCentre, southEast]);
        return (centre, cologneCentre, southEast);
    }

    [Fact]
    public async Task A_publication_about_programme_areas_appears_on_their_pages_in_the_filters_and_exports_for_those_who_may_read_it()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var marker = Marker();
        var (centre, cologneCentre, southEast) = await AreasAsync(marker);
        var title = $"Evaluation Quartiersarbeit {marker}";
        var membersTitle = $"Interne Gebietsauswertung {marker}";
        var fields = Fields(title);
        // The ambiguous name with its municipality (by AGS too), the unique one alone and in other spelling.
        fields["Input.Areas"] = $"Gelsenkirchen: Innenstadt {marker}\r\nsuedost {marker}\r\n{Koeln}: innenstadt {marker}";
        var publication = await CreateAsync(office, fields);
        var membersFields = Fields(membersTitle, visibility: "Members");
        membersFields["Input.Areas"] = $"Südost {marker}";
        await CreateAsync(office, membersFields);

        // The publication page links the areas, by municipality and then area, naming the municipality.
        var page = await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug);
        Assert.Equal([$"/programmgebiete/{centre.Id}", $"/programmgebiete/{southEast.Id}", $"/programmgebiete/{cologneCentre.Id}"],
            page.QuerySelectorAll("#publication-areas a").Select(a => a.GetAttribute("href")));
        Assert.Contains("(Köln)", page.QuerySelector("#publication-areas")!.TextContent, StringComparison.Ordinal);

        // The area's page: the public sees the public one, members also the members' one.
        var forPublic = (await anonymous.GetDocumentAsync($"/programmgebiete/{southEast.Id}")).QuerySelector("#area-publications")!.TextContent;
        Assert.Contains(title, forPublic, StringComparison.Ordinal);
        Assert.DoesNotContain(membersTitle, forPublic, StringComparison.Ordinal);
        Assert.Contains(membersTitle, (await member.GetDocumentAsync($"/programmgebiete/{southEast.Id}")).QuerySelector("#area-publications")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(membersTitle, (await office.GetDocumentAsync($"/programmgebiete/{southEast.Id}")).QuerySelector("#area-publications")!.TextContent, StringComparison.Ordinal);
        var otherArea = await factory.CreateAreaAsync($"Ohne Veröffentlichung {marker}", Gelsenkirchen);
        Assert.Null((await anonymous.GetDocumentAsync($"/programmgebiete/{otherArea.Id}")).QuerySelector("#area-publications"));

        // The library's filter, with the area named above the list; unknown values are dropped, not refused.
        var filtered = await anonymous.GetDocumentAsync($"/bibliothek?gebiet={southEast.Id}");
        Assert.Equal([title], filtered.QuerySelectorAll("#publications h2 a").Select(a => a.TextContent));
        Assert.Contains($"Gelsenkirchen: Südost {marker}", filtered.QuerySelector("#library-area")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(membersTitle, (await member.GetDocumentAsync($"/bibliothek?gebiet={southEast.Id}")).QuerySelector("#publications")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await anonymous.GetDocumentAsync($"/bibliothek?gebiet={otherArea.Id}")).QuerySelectorAll("#publications h2 a"));
        foreach (var unknown in new[] { "kein-gebiet", Guid.NewGuid().ToString(), new string('x', 3000) })
        {
            var all = await anonymous.GetDocumentAsync("/bibliothek?gebiet=" + unknown);
            Assert.Null(all.QuerySelector("#library-area"));
            Assert.NotNull(all.QuerySelector("#publications"));
        }

        // The API: the same filter and the areas in the detail.
        var list = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/api/v1/publications?area={southEast.Id}", UriKind.Relative), Ct)).RootElement;
        Assert.Equal([title], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var memberList = JsonDocument.Parse(await member.GetStringAsync(new Uri($"/api/v1/publications?area={southEast.Id}", UriKind.Relative), Ct)).RootElement;
        Assert.Equal(2, memberList.GetProperty("items").GetArrayLength());
        var one = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/publications/" + publication.Slug, UriKind.Relative), Ct)).RootElement;
        var areas = one.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal([centre.Id.ToString(), southEast.Id.ToString(), cologneCentre.Id.ToString()], areas.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("Köln", areas[2].GetProperty("municipalityName").GetString());
        Assert.Equal($"/programmgebiete/{centre.Id}", areas[0].GetProperty("url").GetString());

        // The metadata exports name the places.
        var dc = XDocument.Parse(await anonymous.GetStringAsync(new Uri($"/bibliothek/{publication.Slug}/dublin-core.xml", UriKind.Relative), Ct));
        Assert.Contains($"Köln: Innenstadt {marker}", dc.Descendants(XName.Get("coverage", "http://purl.org/dc/elements/1.1/")).Select(e => e.Value));
        var dataCite = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/bibliothek/{publication.Slug}/datacite.json", UriKind.Relative), Ct)).RootElement;
        Assert.Contains($"Gelsenkirchen: Südost {marker}", dataCite.GetProperty("geoLocations").EnumerateArray().Select(g => g.GetProperty("geoLocationPlace").GetString()));

        // The search finds the publication by an area's name, which is in no other field of it.
        await SearchFixture.WaitForIndexAsync(factory);
        var hits = SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, $"q=Südost+{marker}"));
        Assert.Contains(title, hits);
        Assert.DoesNotContain(membersTitle, hits);

        // The edit form writes each area with its municipality, and saving it unchanged keeps them.
        var form = await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{publication.Id}");
        var shown = form.QuerySelector("#Input_Areas")!.TextContent.Trim();
        Assert.Equal([$"Gelsenkirchen: Innenstadt {marker}", $"Gelsenkirchen: Südost {marker}", $"Köln: Innenstadt {marker}"], shown.Split('\n'));
        var again = Fields(title);
        again["Input.Slug"] = publication.Slug;
        again["Input.Areas"] = shown;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", again, "#publication-form"))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.ErrorSummaryAsync());
        }

        Assert.Equal(3, await QueryAsync(db => db.Set<PublicationArea>().CountAsync(a => a.PublicationId == publication.Id, Ct)));

        // Emptying the field removes them; the page drops the line.
        var emptied = Fields(title);
        emptied["Input.Slug"] = publication.Slug;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", emptied, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Null((await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug)).QuerySelector("#publication-areas"));
        Assert.Null((await anonymous.GetDocumentAsync($"/programmgebiete/{southEast.Id}")).QuerySelector("#area-publications"));
    }

    [Fact]
    public async Task Unknown_and_ambiguous_areas_are_refused_by_name_and_nothing_is_stored()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var marker = Marker();
        await AreasAsync(marker);
        var fields = Fields($"Gebiet unklar {marker}");
        fields["Input.Areas"] = $"Innenstadt {marker}\nAtlantis {marker}\nGelsenkirchen: Atlantis\nMordor: Südost {marker}\nSüdost {marker}";

        using var refused = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        var messages = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains($"„Innenstadt {marker}“ passt zu mehreren Fördergebieten", messages, StringComparison.Ordinal);
        Assert.Contains($"Kein Fördergebiet „Atlantis {marker}“ gefunden", messages, StringComparison.Ordinal);
        Assert.Contains("Kein Fördergebiet „Gelsenkirchen: Atlantis“ gefunden", messages, StringComparison.Ordinal);
        Assert.Contains($"Kein Fördergebiet „Mordor: Südost {marker}“ gefunden", messages, StringComparison.Ordinal);
        Assert.DoesNotContain($"„Südost {marker}“", messages, StringComparison.Ordinal);
        // What was typed is shown again for correcting.
        Assert.Contains("Gelsenkirchen: Atlantis", page.QuerySelector("#Input_Areas")!.TextContent, StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.Set<Publication>().AnyAsync(p => p.Title == fields["Input.Title"], Ct)));
    }

    [Fact]
    public async Task The_api_refuses_an_unknown_area_filter_naming_it()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        foreach (var value in new[] { "kein-gebiet", Guid.NewGuid().ToString(), new string('x', 2000) })
        {
            using var bad = await anonymous.GetAsync(new Uri("/api/v1/publications?area=" + value, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
            var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement;
            var message = problem.GetProperty("errors").GetProperty("area")[0].GetString()!;
            Assert.Contains("Programmgebiet", message, StringComparison.Ordinal);
            Assert.True(message.Length < 200);
        }
    }

    [Fact]
    public async Task The_csv_import_takes_areas_per_line_and_refuses_unknown_ones_with_their_line()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var marker = Marker();
        var (centre, _, southEast) = await AreasAsync(marker);
        const string Header = "Typ;Titel;Autorinnen/Autoren;Jahr;Kurzfassung;Fördergebiete;Sichtbarkeit;Veröffentlicht";
        byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. lines]) + "\r\n");

        using (var template = await office.GetAsync(new Uri("/geschaeftsstelle/bibliothek/import?handler=Template", UriKind.Relative), Ct))
        {
            Assert.Contains(";Gemeinden;Fördergebiete;Sichtbarkeit;", Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync(Ct)), StringComparison.Ordinal);
        }

        var bad = Csv(
            $"Arbeitshilfe;Gut {marker};Jana Beispiel;2025;Kurz.;Gelsenkirchen: Innenstadt {marker};öffentlich;ja",
            $"Arbeitshilfe;Mehrdeutig {marker};Jana Beispiel;2025;Kurz.;Innenstadt {marker};öffentlich;ja",
            $"Arbeitshilfe;Unbekannt {marker};Jana Beispiel;2025;Kurz.;Südost {marker}|Atlantis;öffentlich;ja");
        using (var response = await office.UploadAsync("/geschaeftsstelle/bibliothek/import", "Upload", bad, "bibliothek.csv", "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = (await response.ParseAsync()).QuerySelectorAll(".import-errors li").Select(li => (Line: li.GetAttribute("data-line")!, Text: li.TextContent)).ToList();
            Assert.DoesNotContain(errors, e => e.Line == "2");
            Assert.Contains(errors, e => e.Line == "3" && e.Text.Contains($"„Innenstadt {marker}“ passt zu mehreren Fördergebieten", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Line == "4" && e.Text.Contains("Kein Fördergebiet „Atlantis“ gefunden", StringComparison.Ordinal));
        }

        Assert.False(await QueryAsync(db => db.Set<Publication>().AnyAsync(p => p.Title.Contains(marker), Ct)));

        var good = Csv($"Arbeitshilfe;Gut {marker};Jana Beispiel;2025;Kurz.;Gelsenkirchen: Innenstadt {marker}|Südost {marker};öffentlich;ja");
        using (var response = await office.UploadAsync("/geschaeftsstelle/bibliothek/import", "Upload", good, "bibliothek.csv", "text/csv"))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        }

        var imported = await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Title == $"Gut {marker}", Ct));
        Assert.Equal(new[] { centre.Id, southEast.Id }.Order(),
            (await QueryAsync(db => db.Set<PublicationArea>().Where(a => a.PublicationId == imported.Id).Select(a => a.AreaId).ToListAsync(Ct))).Order());
    }

    [Fact]
    public async Task An_area_deleted_is_removed_from_its_publications_which_stay()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var marker = Marker();
        var (_, _, southEast) = await AreasAsync(marker);
        var fields = Fields($"Bleibt {marker}");
        fields["Input.Areas"] = $"Südost {marker}";
        var publication = await CreateAsync(office, fields);

        await QueryAsync(async db =>
        {
            db.Remove(await db.Set<ProgrammeArea>().SingleAsync(a => a.Id == southEast.Id, Ct));
            return await db.SaveChangesAsync(Ct);
        });

        Assert.False(await QueryAsync(db => db.Set<PublicationArea>().AnyAsync(a => a.PublicationId == publication.Id, Ct)));
        Assert.True(await QueryAsync(db => db.Set<Publication>().AnyAsync(p => p.Id == publication.Id, Ct)));
    }

    [Fact]
    public async Task The_event_page_lists_its_documentation_for_those_who_may_read_it_and_follows_changes_at_once()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var marker = Marker();
        var eventId = await factory.CreateEventAsync(title: $"Jahrestagung {marker}");
        var eventPage = $"/veranstaltungen/{eventId}";

        // Nothing linked yet: no section. The anonymous page is now kept (output cache).
        Assert.Null((await anonymous.GetDocumentAsync(eventPage)).QuerySelector("#event-documentation"));
        Assert.Null((await anonymous.GetDocumentAsync(eventPage)).QuerySelector("#event-documentation"));

        var publicFields = Fields($"Tagungsdokumentation {marker}");
        publicFields["Input.RelatedEvents"] = eventPage;
        var open = await CreateAsync(office, publicFields);
        var membersFields = Fields($"Interne Nachlese {marker}", visibility: "Members");
        membersFields["Input.RelatedEvents"] = eventPage;
        await CreateAsync(office, membersFields);
        var draftFields = Fields($"Entwurf Protokoll {marker}", published: false);
        draftFields["Input.RelatedEvents"] = eventPage;
        await CreateAsync(office, draftFields);
        await CreateAsync(office, Fields($"Ohne Bezug {marker}"));

        var forPublic = await anonymous.GetDocumentAsync(eventPage);
        Assert.Equal("Dokumentation", forPublic.QuerySelector("#event-documentation-heading")!.TextContent);
        Assert.Equal([$"Tagungsdokumentation {marker}"], forPublic.QuerySelectorAll("#event-documentation a").Select(a => a.TextContent));
        Assert.Equal($"/bibliothek/{open.Slug}", forPublic.QuerySelector("#event-documentation a")!.GetAttribute("href"));
        Assert.Equal(2, (await member.GetDocumentAsync(eventPage)).QuerySelectorAll("#event-documentation a").Length);
        // Drafts stay in the office's own list, not on public pages, even for the office.
        var forOffice = (await office.GetDocumentAsync(eventPage)).QuerySelector("#event-documentation")!.TextContent;
        Assert.DoesNotContain("Entwurf Protokoll", forOffice, StringComparison.Ordinal);
        Assert.Contains("Interne Nachlese", forOffice, StringComparison.Ordinal);

        // Made members-only, the publication leaves the kept public page at once.
        var hidden = Fields(open.Title, visibility: "Members");
        hidden["Input.Slug"] = open.Slug;
        hidden["Input.RelatedEvents"] = eventPage;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{open.Id}", hidden, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Null((await anonymous.GetDocumentAsync(eventPage)).QuerySelector("#event-documentation"));
        Assert.Equal(2, (await member.GetDocumentAsync(eventPage)).QuerySelectorAll("#event-documentation a").Length);

        // A members' event shows its documentation to members only, and its page stays hidden from the public.
        var internalId = await factory.CreateEventAsync(title: $"Mitgliedertreffen {marker}", audience: EventAudience.Members);
        var internalFields = Fields($"Protokoll Mitgliedertreffen {marker}");
        internalFields["Input.RelatedEvents"] = $"/veranstaltungen/{internalId}";
        await CreateAsync(office, internalFields);
        Assert.Equal([$"Protokoll Mitgliedertreffen {marker}"],
            (await member.GetDocumentAsync($"/veranstaltungen/{internalId}")).QuerySelectorAll("#event-documentation a").Select(a => a.TextContent));
        using var forbidden = await anonymous.GetAsync(new Uri($"/veranstaltungen/{internalId}", UriKind.Relative), Ct);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }
}
