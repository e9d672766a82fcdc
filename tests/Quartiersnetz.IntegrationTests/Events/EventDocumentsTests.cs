using System.IO.Compression;
using System.Net;
using System.Text;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The app with its files in a folder of its own and a document limit of 1 MB.</summary>
public sealed class EventDocumentsFactory : QuartiersnetzFactory
{
    public EventDocumentsFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
        WithSetting(EventDocuments.MaxMegabytesKey, "1");
    }

    public string FilesFolder { get; }

    public int StoredFiles() => Directory.Exists(Path.Combine(FilesFolder, "events")) ? Directory.GetFiles(Path.Combine(FilesFolder, "events")).Length : 0;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesFolder))
        {
            Directory.Delete(FilesFolder, recursive: true);
        }
    }
}

/// <summary>
/// Event documents: the office uploads files checked by content and size; the public sees public ones, confirmed
/// participants also the participants-only ones; hidden documents answer 404. And the day-by-day programme.
/// </summary>
public sealed class EventDocumentsTests(EventDocumentsFactory factory) : IClassFixture<EventDocumentsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes("%PDF-1.7\n% " + text + "\n%%EOF\n");

    private static byte[] Docx(int documentBytes = 200)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            document.Write(new byte[documentBytes]);
        }

        return buffer.ToArray();
    }

    private static string DocumentsPage(Guid id) => $"/geschaeftsstelle/veranstaltungen/{id}/dokumente";

    [Fact]
    public async Task Public_documents_show_to_everyone_and_participants_only_ones_to_confirmed_participants_and_the_office()
    {
        var id = await factory.CreateEventAsync(title: "Fachgespräch Dokumente");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var pdf = await office.PostMultipartAsync(DocumentsPage(id), "#document-form", [new("title", "Einladung")], "document", Pdf("Einladung"), "einladung.pdf", "application/pdf");
        using var docx = await office.PostMultipartAsync(DocumentsPage(id), "#document-form", [new("participantsOnly", "true")], "document", Docx(), "Teilnehmende_Liste.docx", "application/octet-stream");
        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);

        var documents = await factory.EventQueryAsync(db => db.Set<EventDocument>().AsNoTracking().Where(d => d.EventId == id).OrderBy(d => d.Title).ToListAsync(Ct));
        Assert.Equal(["Einladung", "Teilnehmende Liste"], documents.Select(d => d.Title));
        var (publicDoc, participantsDoc) = (documents[0], documents[1]);
        Assert.Equal(("pdf", false), (publicDoc.Extension, publicDoc.ParticipantsOnly));
        Assert.Equal(("docx", true), (participantsDoc.Extension, participantsDoc.ParticipantsOnly));

        var visitor = factory.CreateBrowserLikeClient();
        var publicPage = await visitor.GetDocumentAsync($"/veranstaltungen/{id}");
        var links = publicPage.QuerySelectorAll("#event-documents a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Einladung"], links);
        using var download = await visitor.GetAsync($"/veranstaltungen/{id}/dokumente/{publicDoc.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("einladung.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Einladung", Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync(Ct)), StringComparison.Ordinal);
        using (var hidden = await visitor.GetAsync($"/veranstaltungen/{id}/dokumente/{participantsDoc.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // A member who has not registered does not get the participants-only file either; once confirmed, they do.
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        using (var notYet = await member.GetAsync($"/veranstaltungen/{id}/dokumente/{participantsDoc.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        }

        using var registered = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string>(), "#register-form");
        var memberPage = await member.GetDocumentAsync($"/veranstaltungen/{id}");
        Assert.Equal("confirmed", memberPage.QuerySelector("#my-registration-status")?.GetAttribute("data-status"));
        Assert.Equal(2, memberPage.QuerySelectorAll("#event-documents a").Length);
        using var memberDownload = await member.GetAsync($"/veranstaltungen/{id}/dokumente/{participantsDoc.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, memberDownload.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", memberDownload.Content.Headers.ContentType?.MediaType);

        // Removing deletes the file and is audited like the uploads.
        var filesBefore = factory.StoredFiles();
        using var removed = await office.PostFormAsync(DocumentsPage(id), $"form[action*='{participantsDoc.Id}']", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(filesBefore - 1, factory.StoredFiles());
        using (var gone = await member.GetAsync($"/veranstaltungen/{id}/dokumente/{participantsDoc.Id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(
            ["event.document_added", "event.document_added", "event.document_removed"],
            (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action).Where(a => a.StartsWith("event.document", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Documents_of_a_members_only_event_are_hidden_from_the_public()
    {
        var id = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Internes Treffen");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var uploaded = await office.PostMultipartAsync(DocumentsPage(id), "#document-form", [], "document", Pdf("intern"), "intern.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var documentId = await factory.EventQueryAsync(db => db.Set<EventDocument>().Where(d => d.EventId == id).Select(d => d.Id).SingleAsync(Ct));

        using var asPublic = await factory.CreateBrowserLikeClient().GetAsync($"/veranstaltungen/{id}/dokumente/{documentId}", Ct);
        using var asMember = await (await factory.CreateClientSignedInAsync(Roles.MemberStaff)).GetAsync($"/veranstaltungen/{id}/dokumente/{documentId}", Ct);
        using var wrongEvent = await office.GetAsync($"/veranstaltungen/{Guid.NewGuid()}/dokumente/{documentId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, asPublic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongEvent.StatusCode);
    }

    public static TheoryData<string, string, string> RefusedFiles => new()
    {
        { "executable", "programm.pdf", "kein PDF-, Word-" },
        { "zip-bomb", "bombe.docx", "kein PDF-, Word-" },
        { "corrupt-zip", "kaputt.docx", "kein PDF-, Word-" },
        { "plain-zip", "archiv.docx", "kein PDF-, Word-" },
        { "too-large", "gross.pdf", "höchstens 1 MB" },
        { "empty", "leer.pdf", "Datei aus" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_no_accepted_document_or_too_large_is_refused_in_German_and_nothing_is_stored(string kind, string fileName, string message)
    {
        var id = await factory.CreateEventAsync();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        byte[] content = kind switch
        {
            "executable" => [.. "MZ"u8, .. new byte[500]],
            "zip-bomb" => Docx(documentBytes: 3 * 1024 * 1024),
            "corrupt-zip" => [.. "PK\u0003\u0004"u8, .. Encoding.ASCII.GetBytes("kein echtes Archiv")],
            "plain-zip" => PlainZip(),
            "too-large" => Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', (1024 * 1024) + 10)),
            _ => [],
        };
        var filesBefore = factory.StoredFiles();

        using var response = await office.PostMultipartAsync(DocumentsPage(id), "#document-form", [], "document", content, fileName, "application/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventDocument>().CountAsync(d => d.EventId == id, Ct)));
        Assert.Equal(filesBefore, factory.StoredFiles());
    }

    private static byte[] PlainZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notizen.txt").Open());
            writer.Write("Nur ein Archiv");
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task The_office_writes_a_programme_per_day_which_the_event_page_shows_under_German_dates()
    {
        // A two-day study trip: Thursday 4 March to Friday 5 March 2027 (Berlin).
        var id = await factory.CreateEventAsync(startUtc: new DateTime(2027, 3, 4, 8, 0, 0, DateTimeKind.Utc), title: "Studienfahrt Leipzig");
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == id, Ct);
            ev.EndUtc = new DateTime(2027, 3, 5, 15, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync(Ct);
        });
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = $"/geschaeftsstelle/veranstaltungen/{id}/programm";

        var form = await office.GetDocumentAsync(page);
        Assert.Equal(["Days[2027-03-04]", "Days[2027-03-05]"], form.QuerySelectorAll("#programme-form textarea").Select(t => t.GetAttribute("name")));
        using var saved = await office.PostFormAsync(page, "#programme-form",
            [new("Days[2027-03-04]", "- 10:00 Uhr **Ankunft** im Quartier"), new("Days[2027-03-05]", "- 9:00 Uhr Rundgang")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var eventPage = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{id}");
        var programme = eventPage.QuerySelector("#event-programme")!;
        Assert.Equal(["Donnerstag, 4. März 2027", "Freitag, 5. März 2027"], programme.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.Equal("Ankunft", programme.QuerySelector("strong")?.TextContent);

        // Emptying a day removes it; the audit log records each change.
        using var emptied = await office.PostFormAsync(page, "#programme-form", [new("Days[2027-03-04]", "- 10:00 Uhr **Ankunft** im Quartier"), new("Days[2027-03-05]", "")]);
        Assert.Equal(HttpStatusCode.Redirect, emptied.StatusCode);
        Assert.Equal([new DateOnly(2027, 3, 4)], await factory.EventQueryAsync(db => db.Set<EventProgrammeDay>().Where(d => d.EventId == id).Select(d => d.Day).ToListAsync(Ct)));
        Assert.Equal(2, (await factory.AuditEntriesAsync(id.ToString())).Count(e => e.Action == "event.programme"));

        // After the event moves, the old day is kept for the office to clear, but the public page leaves it out.
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == id, Ct);
            (ev.StartUtc, ev.EndUtc) = (new DateTime(2027, 3, 11, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 11, 15, 0, 0, DateTimeKind.Utc));
            return await db.SaveChangesAsync(Ct);
        });
        var moved = await office.GetDocumentAsync(page);
        Assert.Contains("nicht mehr im Zeitraum", moved.QuerySelector("label[for='Days[2027-03-04]']")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#event-programme"));
    }

    [Fact]
    public async Task A_programme_for_a_day_outside_the_event_or_a_forged_day_is_refused_and_nothing_is_stored()
    {
        var id = await factory.CreateEventAsync(startUtc: new DateTime(2027, 4, 8, 8, 0, 0, DateTimeKind.Utc));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = $"/geschaeftsstelle/veranstaltungen/{id}/programm";

        using var outside = await office.PostFormAsync(page, "#programme-form", [new("Days[2027-04-08]", "Begrüßung"), new("Days[2027-04-09]", "Zweiter Tag")]);
        using var forged = await office.PostFormAsync(page, "#programme-form", [new("Days[morgen]", "Begrüßung")]);
        using var tooLong = await office.PostFormAsync(page, "#programme-form", [new("Days[2027-04-08]", new string('x', EventProgrammeDay.TextMaxLength + 1))]);

        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("Freitag, 9. April 2027 liegt nicht im Zeitraum", await outside.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("unbekannten Tag", await forged.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("höchstens 20000 Zeichen", await tooLong.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventProgrammeDay>().CountAsync(d => d.EventId == id, Ct)));
    }
}
