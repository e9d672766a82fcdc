using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.Library;

/// <summary>
/// The library's CSV import (all lines or none, errors with their line), a publication's cover image (checked by content,
/// always with an alternative text, as visible as its publication) and its related events and publications (on both
/// sides, each only for those who may see it).
/// </summary>
public sealed class LibraryImportCoverRelationTests(LibraryFactory factory) : IClassFixture<LibraryFactory>
{
    private const string ImportPage = "/geschaeftsstelle/bibliothek/import";
    private const string Header = "Typ;Titel;Untertitel;Autorinnen/Autoren;Herausgebende;Verlag/Herausgeber;Jahr;Datum;Kurzfassung;Sprache;Lizenz;DOI;ISBN;URN;Themen;Gemeinden;Sichtbarkeit;Veröffentlicht";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. lines]) + "\r\n");

    private static Dictionary<string, string> Fields(string title, string visibility = "Public", bool published = true) => new()
    {
        ["Input.Type"] = "Dokumentation",
        ["Input.Title"] = title,
        ["Input.Authors"] = "Dr. Jana Beispiel",
        ["Input.Editors"] = "",
        ["Input.Year"] = "2025",
        ["Input.Abstract"] = "Dokumentation der Jahrestagung.",
        ["Input.Language"] = "de",
        ["Input.Visibility"] = visibility,
        ["Input.Published"] = published ? "true" : "false",
        ["Input.Municipalities"] = "",
        ["Input.RelatedEvents"] = "",
        ["Input.RelatedPublications"] = "",
    };

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<List<Publication>> PublicationsContainingAsync(string marker) =>
        QueryAsync(db => db.Set<Publication>().AsNoTracking().Where(p => p.Title.Contains(marker)).ToListAsync(Ct));

    private async Task<Publication> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync("/geschaeftsstelle/bibliothek/neu", fields, "#publication-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        var title = fields["Input.Title"];
        return await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Title == title, Ct));
    }

    private static Task<HttpResponseMessage> CoverAsync(HttpClient office, Guid id, byte[] image, string fileName, string alt, string credit = "") =>
        office.PostMultipartAsync($"/geschaeftsstelle/bibliothek/{id}", "#cover-form", [new("coverAltText", alt), new("coverCredit", credit)], "cover", image, fileName, "application/octet-stream");

    private int StoredCovers() =>
        Directory.Exists(Path.Combine(factory.FilesFolder, "publication-covers")) ? Directory.GetFiles(Path.Combine(factory.FilesFolder, "publication-covers")).Length : 0;

    [Fact]
    public async Task A_csv_file_imports_every_publication_with_its_contributors_topics_and_municipalities_and_audits_each()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var topic = await QueryAsync(db => db.Set<Topic>().AsNoTracking().Where(t => t.Status == TopicStatus.Active).OrderBy(t => t.Slug).FirstAsync(Ct));
        var csv = Csv(
            $"Abschlussbericht;Bericht {marker};Ergebnisse;Dr. Jana Beispiel|Planungsbüro Quartier;AG Soziale Stadt NRW;Eigenverlag;2025;14.03.2025;\"Kurzfassung; mit Semikolon\";de;CC BY 4.0;10.5281/zenodo.1234567;978-3-16-148410-0;;{topic.Name};Gelsenkirchen|05315000;öffentlich;ja",
            $"Sonstige Veröffentlichung;Handreichung {marker};;;AG Soziale Stadt NRW;;2024;;Kurz.;Englisch;;;;;{topic.Slug};;Mitglieder;nein");

        using (var template = await office.GetAsync(new Uri(ImportPage + "?handler=Template", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            // The template also has the programme areas' column (LibraryAreaEventTests); this file leaves it out, as a file may.
            Assert.StartsWith(Header.Replace(";Gemeinden;", ";Gemeinden;Fördergebiete;", StringComparison.Ordinal),
                Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF'), StringComparison.Ordinal);
        }

        Assert.NotNull((await office.GetDocumentAsync("/geschaeftsstelle/bibliothek")).QuerySelector($"a[href='{ImportPage}']"));
        using var response = await office.UploadAsync(ImportPage, "Upload", csv, "bibliothek.csv", "text/csv");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());

        var imported = await PublicationsContainingAsync(marker);
        Assert.Equal(2, imported.Count);
        var report = imported.Single(p => p.Title == $"Bericht {marker}");
        Assert.Equal(PublicationType.Abschlussbericht, report.Type);
        Assert.Equal(new DateOnly(2025, 3, 14), report.PublishedOn);
        Assert.Equal("Kurzfassung; mit Semikolon", report.Abstract);
        Assert.NotNull(report.PublishedAtUtc);
        Assert.Equal(PublicationVisibility.Public, report.Visibility);
        Assert.Equal(["Dr. Jana Beispiel", "Planungsbüro Quartier", "AG Soziale Stadt NRW"],
            await QueryAsync(db => db.Set<PublicationContributor>().Where(c => c.PublicationId == report.Id).OrderBy(c => c.Position).Select(c => c.Name).ToListAsync(Ct)));
        Assert.Equal(["05315000", "05513000"],
            await QueryAsync(db => db.Set<PublicationMunicipality>().Where(m => m.PublicationId == report.Id).OrderBy(m => m.Ags).Select(m => m.Ags).ToListAsync(Ct)));
        var guide = imported.Single(p => p.Title == $"Handreichung {marker}");
        Assert.Equal(PublicationType.Sonstiges, guide.Type);
        Assert.Equal("en", guide.Language);
        Assert.Null(guide.PublishedAtUtc);
        Assert.Equal(PublicationVisibility.Members, guide.Visibility);
        var key = guide.Id.ToString();
        Assert.True(await QueryAsync(db => db.Set<TopicAssignment>().AnyAsync(t => t.ItemKind == Publication.TopicKind && t.ItemKey == key && t.TopicId == topic.Id, Ct)));
        Assert.Contains(await factory.AuditEntriesAsync(report.Id.ToString()), e => e.Action == "publication.imported");
    }

    [Fact]
    public async Task A_file_with_bad_lines_lists_every_error_with_its_line_and_imports_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var existing = await CreateAsync(office, Fields($"Vorhanden {marker}"));
        var csv = Csv(
            $"Arbeitshilfe;Gut {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja",
            $"Roman;Typ falsch {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja",
            $"Arbeitshilfe;Gut {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja",
            $"Arbeitshilfe;{existing.Title};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja",
            $"Arbeitshilfe;ISBN falsch {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;978-3-16-148410-9;;;;öffentlich;ja",
            $"Arbeitshilfe;Gemeinde falsch {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;Atlantis;öffentlich;ja",
            $"Arbeitshilfe;Ohne Autor {marker};;;;;2025;;Kurz.;de;;;;;;;irgendwer;vielleicht");

        using var response = await office.UploadAsync(ImportPage, "Upload", csv, "bibliothek.csv", "text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.ParseAsync()).QuerySelectorAll(".import-errors li").Select(li => (Line: li.GetAttribute("data-line")!, Text: li.TextContent)).ToList();
        Assert.DoesNotContain(errors, e => e.Line == "2");
        Assert.Contains(errors, e => e.Line == "3" && e.Text.StartsWith("Zeile 3: Unbekannter Typ „Roman“", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == "4" && e.Text == $"Zeile 4: Die Veröffentlichung „Gut {marker}“ steht mehrfach in der Datei (auch in Zeile 2).");
        Assert.Contains(errors, e => e.Line == "5" && e.Text.Contains("gibt es schon in der Bibliothek", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == "6" && e.Text.Contains("Die ISBN ist nicht gültig", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == "7" && e.Text.Contains("Keine Gemeinde „Atlantis“ gefunden", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == "8" && e.Text.Contains("Unbekannte Sichtbarkeit „irgendwer“", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == "8" && e.Text.Contains("„vielleicht“ in der Spalte Veröffentlicht", StringComparison.Ordinal));
        Assert.Equal([existing.Id], (await PublicationsContainingAsync(marker)).Select(p => p.Id));

        using var missingColumns = await office.UploadAsync(ImportPage, "Upload", Encoding.UTF8.GetBytes("Titel;Jahr\r\nEtwas;2025\r\n"), "bibliothek.csv", "text/csv");
        Assert.Contains("Der Datei fehlen die Spalten Typ, Kurzfassung, Sichtbarkeit", (await missingColumns.ParseAsync()).QuerySelector(".import-errors")!.TextContent, StringComparison.Ordinal);
        using var latin1 = await office.UploadAsync(ImportPage, "Upload", [.. Encoding.ASCII.GetBytes(Header + "\r\nArbeitshilfe;Gr"), 0xFC, .. "n;;;;;2025;;K;de;;;;;;;ja;ja\r\n"u8.ToArray()], "bibliothek.csv", "text/csv");
        Assert.Contains("nicht UTF-8-kodiert", (await latin1.ParseAsync()).QuerySelector(".import-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_imports_for_the_office_only_and_names_bad_lines()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var office = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));
        var member = factory.CreateBearerClient(await factory.AccessTokenAsync(await ApiTestPeople.CreatePersonAsync(factory, [Roles.Expert])));
        var good = Csv($"Fachstudie;API {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja");

        using (var forbidden = await member.PostAsync(new Uri("/api/v1/publications/import", UriKind.Relative), CsvContent(good), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var bad = await office.PostAsync(new Uri("/api/v1/publications/import", UriKind.Relative),
            CsvContent(Csv($"Fachstudie;API {marker};;Jana Beispiel;;;2025;;Kurz.;de;;;;;;;öffentlich;ja", $"Fachstudie;API zwei {marker};;Jana Beispiel;;;1800;;Kurz.;de;;;;;;;öffentlich;ja")), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
            Assert.Contains("Das Erscheinungsjahr muss zwischen", problem.RootElement.GetProperty("errors").GetProperty("Zeile 3")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await PublicationsContainingAsync(marker));
        using var created = await office.PostAsync(new Uri("/api/v1/publications/import", UriKind.Relative), CsvContent(good), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Single(await PublicationsContainingAsync(marker));

        static ByteArrayContent CsvContent(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return content;
        }
    }

    [Fact]
    public async Task A_cover_with_alt_text_and_credit_shows_on_the_page_in_the_list_and_in_the_json_ld()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var publication = await CreateAsync(office, Fields(Unique("Tagungsband Quartier")));
        using (var saved = await CoverAsync(office, publication.Id, TestImages.Encode(SKEncodedImageFormat.Png, 40, 60), "titel.png", "Titelseite mit Luftbild des Quartiers", "Foto: Stadt Gelsenkirchen"))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.ErrorSummaryAsync());
        }

        var page = await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug);
        var image = page.QuerySelector("#publication-cover img")!;
        Assert.Equal("Titelseite mit Luftbild des Quartiers", image.GetAttribute("alt"));
        Assert.Equal("Bild: Foto: Stadt Gelsenkirchen", page.QuerySelector("#publication-cover-credit")!.TextContent);
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("#publication-json-ld")!.TextContent);
        Assert.EndsWith(image.GetAttribute("src")!, jsonLd.RootElement.GetProperty("image").GetProperty("url").GetString(), StringComparison.Ordinal);

        using (var served = await anonymous.GetAsync(new Uri(image.GetAttribute("src")!, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            Assert.Contains("public", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        var list = await anonymous.GetDocumentAsync("/bibliothek");
        Assert.Contains(list.QuerySelectorAll("#publications img"), i => i.GetAttribute("src") == image.GetAttribute("src"));

        // A WebP replaces it (stored re-encoded as JPEG, under a new key); only the texts change without a new file.
        var firstKey = await QueryAsync(db => db.Set<Publication>().Where(p => p.Id == publication.Id).Select(p => p.CoverKey).SingleAsync(Ct));
        using (await CoverAsync(office, publication.Id, TestImages.Encode(SKEncodedImageFormat.Webp, 20, 20), "titel.webp", "Neues Bild"))
        {
        }

        var secondKey = await QueryAsync(db => db.Set<Publication>().Where(p => p.Id == publication.Id).Select(p => p.CoverKey).SingleAsync(Ct));
        Assert.NotEqual(firstKey, secondKey);
        Assert.EndsWith(".jpg", secondKey!, StringComparison.Ordinal);
        using (var removed = await office.PressButtonAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", "#remove-cover-form button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Null((await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug)).QuerySelector("#publication-cover"));
        using var gone = await anonymous.GetAsync(new Uri($"/bibliothek/{publication.Slug}/titelbild", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_cover_that_is_no_image_by_content_or_lacks_alt_text_is_refused_and_stores_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var publication = await CreateAsync(office, Fields(Unique("Ohne Titelbild")));
        var stored = StoredCovers();

        using (var pdf = await CoverAsync(office, publication.Id, LibraryTests.Pdf(null, "Kein Bild"), "titel.png", "Ein Bild"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("Die Datei ist kein Bild im Format PNG, JPEG oder WebP.", (await pdf.ParseAsync()).QuerySelector("#Cover-error")!.TextContent.Trim());
        }

        using (var noAlt = await CoverAsync(office, publication.Id, TestImages.Encode(SKEncodedImageFormat.Png, 10, 10), "titel.png", "  "))
        {
            Assert.Equal(HttpStatusCode.OK, noAlt.StatusCode);
            Assert.Equal("Bitte beschreiben Sie das Titelbild in einem Alternativtext (für Menschen, die es nicht sehen).",
                (await noAlt.ParseAsync()).QuerySelector("#CoverAltText-error")!.TextContent.Trim());
        }

        using (var tooLarge = await CoverAsync(office, publication.Id, [.. TestImages.Encode(SKEncodedImageFormat.Png, 10, 10), .. new byte[5 * 1024 * 1024]], "titel.png", "Groß"))
        {
            Assert.Contains("Das Bild ist zu groß", (await tooLarge.ParseAsync()).QuerySelector("#Cover-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Null(await QueryAsync(db => db.Set<Publication>().Where(p => p.Id == publication.Id).Select(p => p.CoverKey).SingleAsync(Ct)));
        Assert.Equal(stored, StoredCovers());
    }

    [Fact]
    public async Task The_cover_of_a_members_publication_or_a_draft_answers_404_to_those_who_may_not_read_it()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var members = await CreateAsync(office, Fields(Unique("Interner Tagungsband"), visibility: "Members"));
        var draft = await CreateAsync(office, Fields(Unique("Entwurf Tagungsband"), published: false));
        foreach (var p in new[] { members, draft })
        {
            using var saved = await CoverAsync(office, p.Id, TestImages.Encode(SKEncodedImageFormat.Jpeg, 10, 10), "titel.jpg", "Titelseite");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        async Task<HttpStatusCode> StatusAsync(HttpClient client, Publication p)
        {
            using var response = await client.GetAsync(new Uri($"/bibliothek/{p.Slug}/titelbild", UriKind.Relative), Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, members));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, draft));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(member, members));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(member, draft));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, draft));
        using (var privateCover = await member.GetAsync(new Uri($"/bibliothek/{members.Slug}/titelbild", UriKind.Relative), Ct))
        {
            Assert.Contains("private", privateCover.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        // Deleting the publication deletes its cover file too.
        var stored = StoredCovers();
        using (var deleted = await office.PressButtonAsync($"/geschaeftsstelle/bibliothek/{members.Id}", "#delete-form button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Equal(stored - 1, StoredCovers());
    }

    [Fact]
    public async Task Related_events_and_publications_show_on_both_sides_only_for_those_who_may_see_them()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var conference = Unique("Jahrestagung Soziale Stadt");
        var conferenceId = await factory.CreateEventAsync(title: conference);
        var internalMeeting = Unique("Internes Treffen");
        var internalId = await factory.CreateEventAsync(title: internalMeeting, audience: EventAudience.Members);
        var other = await CreateAsync(office, Fields(Unique("Vorbericht")));
        var secret = await CreateAsync(office, Fields(Unique("Interne Auswertung"), visibility: "Members"));
        var fields = Fields(Unique("Tagungsdokumentation"));
        fields["Input.RelatedEvents"] = $"{conference}\n/veranstaltungen/{internalId}";
        fields["Input.RelatedPublications"] = $"/bibliothek/{other.Slug}\n{secret.Title}";
        var documentation = await CreateAsync(office, fields);

        var forPublic = await anonymous.GetDocumentAsync("/bibliothek/" + documentation.Slug);
        Assert.Equal([conference], forPublic.QuerySelectorAll("#publication-events a").Select(a => a.TextContent));
        Assert.Equal($"/veranstaltungen/{conferenceId}", forPublic.QuerySelector("#publication-events a")!.GetAttribute("href"));
        Assert.Equal([other.Title], forPublic.QuerySelectorAll("#publication-related a").Select(a => a.TextContent));

        var forMember = await member.GetDocumentAsync("/bibliothek/" + documentation.Slug);
        Assert.Equal(2, forMember.QuerySelectorAll("#publication-events a").Length);
        Assert.Equal(2, forMember.QuerySelectorAll("#publication-related a").Length);

        // The other side lists it too, and the secret one only for members.
        Assert.Equal([documentation.Title], (await anonymous.GetDocumentAsync("/bibliothek/" + other.Slug)).QuerySelectorAll("#publication-related a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/bibliothek/" + secret.Slug, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal([documentation.Title], (await member.GetDocumentAsync("/bibliothek/" + secret.Slug)).QuerySelectorAll("#publication-related a").Select(a => a.TextContent));

        // The office's form shows them again and saving it unchanged keeps them; emptying it on the other side removes the link.
        var form = await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{documentation.Id}");
        Assert.Contains($"/veranstaltungen/{conferenceId}", form.QuerySelector("#Input_RelatedEvents")!.TextContent, StringComparison.Ordinal);
        var again = Fields(documentation.Title);
        again["Input.RelatedEvents"] = form.QuerySelector("#Input_RelatedEvents")!.TextContent;
        again["Input.RelatedPublications"] = form.QuerySelector("#Input_RelatedPublications")!.TextContent;
        using (var resaved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{documentation.Id}", again, "#publication-form"))
        {
            Assert.True(resaved.StatusCode == HttpStatusCode.Redirect, await resaved.ErrorSummaryAsync());
        }

        Assert.Equal(2, await QueryAsync(db => db.Set<PublicationEvent>().CountAsync(e => e.PublicationId == documentation.Id, Ct)));
        var otherFields = Fields(other.Title);
        using (var unlinked = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{other.Id}", otherFields, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        }

        Assert.Equal([secret.Id], await QueryAsync(db => db.Set<PublicationRelation>()
            .Where(r => r.PublicationId == documentation.Id || r.RelatedPublicationId == documentation.Id)
            .Select(r => r.PublicationId == documentation.Id ? r.RelatedPublicationId : r.PublicationId).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Unknown_related_events_and_publications_are_refused_naming_them_and_nothing_is_stored()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var fields = Fields(Unique("Mit Unbekanntem"));
        fields["Input.RelatedEvents"] = "Tagung auf dem Mond";
        fields["Input.RelatedPublications"] = "gibt-es-nicht-" + Guid.NewGuid().ToString("N")[..6];
        using var response = await office.SubmitFormAsync("/geschaeftsstelle/bibliothek/neu", fields, "#publication-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Keine Veranstaltung „Tagung auf dem Mond“ gefunden", page.QuerySelector("#Input_RelatedEvents-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Keine Veröffentlichung „{fields["Input.RelatedPublications"]}“ gefunden", page.QuerySelector("#Input_RelatedPublications-error")!.TextContent, StringComparison.Ordinal);
        var title = fields["Input.Title"];
        Assert.False(await QueryAsync(db => db.Set<Publication>().AnyAsync(p => p.Title == title, Ct)));
    }
}
