using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Map;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.IntegrationTests.Library;

/// <summary>The app with its files in a folder of its own, so a test can count what was stored.</summary>
public sealed class LibraryFactory : QuartiersnetzFactory
{
    public LibraryFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
    }

    public string FilesFolder { get; }

    public int StoredFiles() => Directory.Exists(Path.Combine(FilesFolder, "publications")) ? Directory.GetFiles(Path.Combine(FilesFolder, "publications")).Length : 0;

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
/// The library: the office describes a publication, uploads its PDF or Word file and publishes it; readers find it in the
/// list, on its page and in the search by words from inside the file, each only as far as they may; bad files and bad
/// input get German messages and store nothing.
/// </summary>
public sealed class LibraryTests(LibraryFactory factory) : IClassFixture<LibraryFactory>
{
    private const string CreatePage = "/geschaeftsstelle/bibliothek/neu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string visibility = "Public", bool published = true) => new()
    {
        ["Input.Type"] = "Abschlussbericht",
        ["Input.Title"] = title,
        ["Input.Subtitle"] = "Ergebnisse der Begleitforschung",
        ["Input.Authors"] = "Dr. Jana Beispiel\r\nPlanungsbüro Quartier & Co.",
        ["Input.Editors"] = "AG Soziale Stadt NRW",
        ["Input.Publisher"] = "Eigenverlag",
        ["Input.Year"] = "2025",
        ["Input.PublishedOn"] = "2025-03-14",
        ["Input.Abstract"] = "Der Bericht fasst die **Erfahrungen** der Mitgliedskommunen zusammen.",
        ["Input.Language"] = "de",
        ["Input.Licence"] = "CC BY 4.0",
        ["Input.Doi"] = "https://doi.org/10.5281/zenodo.1234567",
        ["Input.Isbn"] = "978-3-16-148410-0",
        ["Input.Visibility"] = visibility,
        ["Input.Published"] = published ? "true" : "false",
    };

    /// <summary>A real PDF with one page per text, written by PDFsharp (as the app writes its own PDFs).</summary>
    internal static byte[] Pdf(string? password = null, params string[] pages)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        var font = new XFont(EmbeddedFontResolver.Family, 11, XFontStyleEx.Regular);
        foreach (var text in pages)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(50, 80));
        }

        if (password is not null)
        {
            document.SecuritySettings.UserPassword = password;
            document.SecuritySettings.OwnerPassword = password + "-owner";
        }

        using var buffer = new MemoryStream();
        document.Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>A minimal Word file with the given paragraphs (the parts a .docx needs to be recognised).</summary>
    internal static byte[] Docx(params string[] paragraphs)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var document = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            document.Write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            foreach (var paragraph in paragraphs)
            {
                document.Write($"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(paragraph)}</w:t></w:r></w:p>");
            }

            document.Write("</w:body></w:document>");
        }

        return buffer.ToArray();
    }

    private async Task<Publication?> PublicationAsync(string title)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<Publication>().AsNoTracking().SingleOrDefaultAsync(p => p.Title == title, Ct);
    }

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private async Task<Publication> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        return (await PublicationAsync(fields["Input.Title"]))!;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient office, Guid id, byte[] content, string fileName, string title = "") =>
        office.PostMultipartAsync($"/geschaeftsstelle/bibliothek/{id}", "#file-form", [new("fileTitle", title)], "file", content, fileName, "application/octet-stream");

    /// <summary>Runs the text job until nothing waits (the hosted job may be at it too; both write the same).</summary>
    private async Task ExtractAsync()
    {
        var job = factory.Services.GetRequiredService<DocumentTextJob>();
        while (await job.ExtractPendingAsync(Ct) > 0)
        {
        }

        await SearchFixture.WaitForIndexAsync(factory);
    }

    [Fact]
    public async Task The_office_publishes_a_report_whose_PDF_text_the_public_finds_and_downloads_with_a_count()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Abschlussbericht Quartiersfonds");
        var publication = await CreateAsync(office, Fields(title));
        Assert.Equal("10.5281/zenodo.1234567", publication.Doi);
        Assert.NotNull(publication.PublishedAtUtc);

        using (var upload = await UploadAsync(office, publication.Id, Pdf(null, "Erste Seite: Einleitung", "Zweite Seite: Zwischennutzung der Brachflächen im Quartier"), "bericht.pdf", "Bericht"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        await ExtractAsync();
        var file = await QueryAsync(db => db.Set<PublicationFile>().AsNoTracking().SingleAsync(f => f.PublicationId == publication.Id, Ct));
        Assert.Equal(DocumentTextStatus.Extracted, file.TextStatus);
        Assert.Equal(2, file.PageCount);
        Assert.Contains("Zwischennutzung", file.Text, StringComparison.Ordinal);

        // A word that is only inside the PDF finds the publication, for everyone (German stemming: Brachflächen → Brachfläche).
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Zwischennutzung")));
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + Uri.EscapeDataString("Brachfläche") + "&kind=publication")));

        Assert.Contains("/bibliothek/" + publication.Slug + "</loc>", await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct), StringComparison.Ordinal);
        var rss = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/bibliothek/feed.rss", UriKind.Relative), Ct));
        Assert.Contains(title, rss.Descendants("item").Select(i => i.Element("title")!.Value));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var atomFeed = XDocument.Parse(await anonymous.GetStringAsync(new Uri("/bibliothek/feed.atom", UriKind.Relative), Ct));
        Assert.Contains(title, atomFeed.Descendants(atom + "entry").Select(e => e.Element(atom + "title")!.Value));
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/")).QuerySelector("#home-publications")!.TextContent, StringComparison.Ordinal);
        var list = await anonymous.GetDocumentAsync("/bibliothek");
        Assert.Contains(title, list.QuerySelector("#publications")!.TextContent, StringComparison.Ordinal);

        var page = await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("2 Seiten", page.QuerySelector("#publication-files")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            $"Dr. Jana Beispiel; Planungsbüro Quartier & Co. (2025): {title}. Ergebnisse der Begleitforschung. Eigenverlag. https://doi.org/10.5281/zenodo.1234567",
            page.QuerySelector("#publication-citation")!.TextContent);
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("#publication-json-ld")!.TextContent);
        Assert.Equal("Report", jsonLd.RootElement.GetProperty("@type").GetString());
        Assert.Equal("2025-03-14", jsonLd.RootElement.GetProperty("datePublished").GetString());

        var downloadUrl = page.QuerySelector("#publication-files a")!.GetAttribute("href")!;
        using (var download = await anonymous.GetAsync(new Uri(downloadUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Contains("public", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync(Ct))[..5], StringComparison.Ordinal);
        }

        using (await office.GetAsync(new Uri(downloadUrl, UriKind.Relative), Ct))
        {
            // The office checking its upload is not a reader.
        }

        Assert.Equal(1, await QueryAsync(db => db.Set<PublicationFile>().Where(f => f.Id == file.Id).Select(f => f.DownloadCount).SingleAsync(Ct)));

        var dublinCore = XDocument.Parse(await anonymous.GetStringAsync(new Uri($"/bibliothek/{publication.Slug}/dublin-core.xml", UriKind.Relative), Ct));
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal(["Dr. Jana Beispiel", "Planungsbüro Quartier & Co."], dublinCore.Descendants(dc + "creator").Select(e => e.Value));
        Assert.Contains("https://doi.org/10.5281/zenodo.1234567", dublinCore.Descendants(dc + "identifier").Select(e => e.Value));
        Assert.Equal("application/pdf", dublinCore.Descendants(dc + "format").Single().Value);
        using var dataCite = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/bibliothek/{publication.Slug}/datacite.json", UriKind.Relative), Ct));
        Assert.Equal(2025, dataCite.RootElement.GetProperty("publicationYear").GetInt32());
        Assert.Equal("10.5281/zenodo.1234567", dataCite.RootElement.GetProperty("doi").GetString());
        Assert.Equal("Editor", dataCite.RootElement.GetProperty("contributors")[0].GetProperty("contributorType").GetString());
    }

    [Fact]
    public async Task A_Word_file_is_read_too_and_removing_the_file_removes_its_text_from_the_search()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Arbeitshilfe Verfügungsfonds");
        var publication = await CreateAsync(office, Fields(title));
        using (var upload = await UploadAsync(office, publication.Id, Docx("Kapitel eins", "Der Nachbarschaftsgarten Kirschblüte lädt ein."), "arbeitshilfe.docx"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        await ExtractAsync();
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Nachbarschaftsgarten")));
        var stored = factory.StoredFiles();

        var edit = await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{publication.Id}");
        Assert.Contains("Text durchsuchbar", edit.QuerySelector("#office-files")!.TextContent, StringComparison.Ordinal);
        using (var counter = await CommandCounter.StartAsync(factory))
        {
            using (var removed = await office.PressButtonAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", "#office-files button"))
            {
                Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            }

            // Deleted by key: the extracted text (megabytes for a long report) is not read to remove the file.
            var fileReads = counter.Commands.Where(c => c.Contains("\"PublicationFiles\"", StringComparison.Ordinal) && c.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(fileReads);
            Assert.DoesNotContain(fileReads, c => c.Contains("\"Text\"", StringComparison.Ordinal));
        }

        await SearchFixture.WaitForIndexAsync(factory);
        Assert.DoesNotContain(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Nachbarschaftsgarten")));
        Assert.Equal(stored - 1, factory.StoredFiles());
    }

    [Fact]
    public async Task Members_publications_and_drafts_answer_404_to_those_who_may_not_read_them_everywhere()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var membersTitle = Unique("Interne Fachempfehlung Wiedehopf");
        var draftTitle = Unique("Unfertige Studie Wiedehopf");
        var members = await CreateAsync(office, Fields(membersTitle, visibility: "Members"));
        var draft = await CreateAsync(office, Fields(draftTitle, published: false));
        using (await UploadAsync(office, members.Id, Pdf(null, "Geheimwort Rohrdommel"), "intern.pdf"))
        {
        }

        await ExtractAsync();
        var fileId = await QueryAsync(db => db.Set<PublicationFile>().Where(f => f.PublicationId == members.Id).Select(f => f.Id).SingleAsync(Ct));

        foreach (var url in new[] { $"/bibliothek/{members.Slug}", $"/bibliothek/{members.Slug}/dublin-core.xml", $"/bibliothek/{members.Slug}/datacite.json", $"/bibliothek/{members.Slug}/dateien/{fileId}", $"/bibliothek/{draft.Slug}" })
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url);
        }

        Assert.DoesNotContain("Wiedehopf", (await anonymous.GetDocumentAsync("/bibliothek")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Wiedehopf", (await anonymous.GetDocumentAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(membersTitle, (await member.GetDocumentAsync("/")).QuerySelector("#home-publications")!.TextContent, StringComparison.Ordinal);
        var sitemap = await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct);
        Assert.DoesNotContain(members.Slug, sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Slug, sitemap, StringComparison.Ordinal);
        // Feeds are public only, also when a member's reader fetches them.
        Assert.DoesNotContain("Wiedehopf", await member.GetStringAsync(new Uri("/bibliothek/feed.rss", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Rohrdommel")));
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Wiedehopf")));

        // Members read the members' publication, its file and its text; the draft stays the office's.
        Assert.Equal(membersTitle, (await member.GetDocumentAsync($"/bibliothek/{members.Slug}")).QuerySelector("h1")!.TextContent);
        using (var download = await member.GetAsync(new Uri($"/bibliothek/{members.Slug}/dateien/{fileId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Contains("private", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal([membersTitle], SearchFixture.Titles(await SearchFixture.SearchAsync(member, "q=Rohrdommel")));
        await member.GetDocumentAsync($"/bibliothek/{draft.Slug}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(draftTitle, SearchFixture.Titles(await SearchFixture.SearchAsync(member, "q=Wiedehopf")));

        var draftPage = await office.GetDocumentAsync($"/bibliothek/{draft.Slug}");
        Assert.NotNull(draftPage.QuerySelector("#publication-draft"));
        using (await UploadAsync(office, draft.Id, Pdf(null, "Entwurf"), "entwurf.pdf"))
        {
        }

        var draftFile = await QueryAsync(db => db.Set<PublicationFile>().Where(f => f.PublicationId == draft.Id).Select(f => f.Id).SingleAsync(Ct));
        using (var download = await office.GetAsync(new Uri($"/bibliothek/{draft.Slug}/dateien/{draftFile}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Contains("private", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        await anonymous.GetDocumentAsync($"/bibliothek/{draft.Slug}/dateien/{draftFile}", HttpStatusCode.NotFound);
        // The upload re-indexes the draft in the background (seen failing on PostgreSQL without the wait).
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Contains(draftTitle, SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=Wiedehopf")));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "programm", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "damaged", "Die Datei lässt sich nicht öffnen; sie ist vermutlich beschädigt." },
        { "encrypted", "Die PDF-Datei ist mit einem Kennwort geschützt." },
        { "bomb", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "spreadsheet", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "empty", "Bitte wählen Sie eine Datei aus." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_German_message_and_nothing_is_stored(string kind, string message)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var publication = await CreateAsync(office, Fields(Unique("Dokumentation Fachtag")));
        var (content, fileName) = kind switch
        {
            // A Windows program renamed to .pdf: the content decides, not the name.
            "programm" => ([(byte)'M', (byte)'Z', 0x90, 0, .. new byte[200]], "bericht.pdf"),
            "damaged" => (Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj kaputt\n%%EOF\n"), "bericht.pdf"),
            "encrypted" => (Pdf("geheim", "Vertraulich"), "bericht.pdf"),
            "bomb" => (DocxBomb(), "bericht.docx"),
            "spreadsheet" => (Xlsx(), "tabelle.xlsx"),
            _ => (Array.Empty<byte>(), "leer.pdf"),
        };
        var stored = factory.StoredFiles();

        using var response = await UploadAsync(office, publication.Id, content, fileName, "Mein Titel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("#file-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mein Titel", page.QuerySelector("#fileTitle")?.GetAttribute("value"));
        Assert.Equal(0, await QueryAsync(db => db.Set<PublicationFile>().CountAsync(f => f.PublicationId == publication.Id, Ct)));
        Assert.Equal(stored, factory.StoredFiles());
    }

    [Fact]
    public async Task Bad_form_input_gets_German_messages_and_stores_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Fehlerhafte Angaben");
        var fields = Fields(title);
        fields["Input.Type"] = "Roman";
        fields["Input.Year"] = "1850";
        fields["Input.Doi"] = "doi-ohne-form";
        fields["Input.Isbn"] = "978-3-16-148410-9";
        fields["Input.Urn"] = "urn:isbn:123";
        fields["Input.Authors"] = "";
        fields["Input.Editors"] = " ";
        fields["Input.Abstract"] = "";
        fields["Input.Language"] = "xx";

        using var response = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.ErrorSummaryAsync();
        Assert.Contains("Bitte wählen Sie die Art der Veröffentlichung.", summary, StringComparison.Ordinal);

        // With a known type the form's own checks pass: the use case refuses all the rest together.
        fields["Input.Type"] = "Fachstudie";
        using var second = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        var messages = await second.ErrorSummaryAsync();
        Assert.Contains("Das Erscheinungsjahr muss zwischen 1950 und", messages, StringComparison.Ordinal);
        Assert.Contains("Die DOI hat nicht die Form 10.1234/abc", messages, StringComparison.Ordinal);
        Assert.Contains("Die ISBN ist nicht gültig", messages, StringComparison.Ordinal);
        Assert.Contains("Die URN hat nicht die Form urn:nbn:de:…", messages, StringComparison.Ordinal);
        Assert.Contains("Bitte nennen Sie mindestens eine Autorin", messages, StringComparison.Ordinal);
        Assert.Contains("Bitte wählen Sie eine Sprache aus der Liste.", messages, StringComparison.Ordinal);
        Assert.Contains("Bitte fassen Sie den Inhalt kurz zusammen.", messages, StringComparison.Ordinal);
        Assert.Null(await PublicationAsync(title));

        fields = Fields(title);
        fields["Input.Year"] = "zweitausend";
        fields["Input.PublishedOn"] = "14.03.2024";
        using var third = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.Contains("Bitte geben Sie das Erscheinungsjahr als Zahl an", await third.ErrorSummaryAsync(), StringComparison.Ordinal);
        fields["Input.Year"] = "2025";
        using var fourth = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.Contains("Das Erscheinungsdatum liegt nicht im Erscheinungsjahr 2025.", await fourth.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null(await PublicationAsync(title));
    }

    [Fact]
    public async Task The_library_filters_by_type_and_year_and_ignores_unknown_or_huge_filter_values()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var guide = Unique("Arbeitshilfe Leerstand Eisvogel");
        var study = Unique("Fachstudie Leerstand Eisvogel");
        var guideFields = Fields(guide);
        guideFields["Input.Type"] = "Arbeitshilfe";
        guideFields["Input.Year"] = "2019";
        guideFields["Input.PublishedOn"] = "";
        var studyFields = Fields(study);
        studyFields["Input.Type"] = "Fachstudie";
        await CreateAsync(office, guideFields);
        await CreateAsync(office, studyFields);

        var guides = (await anonymous.GetDocumentAsync("/bibliothek?art=Arbeitshilfe")).QuerySelector("#publications")!.TextContent;
        Assert.Contains(guide, guides, StringComparison.Ordinal);
        Assert.DoesNotContain(study, guides, StringComparison.Ordinal);
        var of2019 = (await anonymous.GetDocumentAsync("/bibliothek?jahr=2019&sortierung=titel")).QuerySelector("#publications")!.TextContent;
        Assert.Contains(guide, of2019, StringComparison.Ordinal);
        Assert.DoesNotContain(study, of2019, StringComparison.Ordinal);

        // Unknown values are dropped, not refused: the whole library is listed.
        var huge = new string('x', 2000);
        foreach (var query in new[] { "art=Roman&jahr=1850&sortierung=zufall&thema=gibt-es-nicht&seite=-4", $"art={huge}&jahr={huge}&thema={huge}", "art=1" })
        {
            var all = (await anonymous.GetDocumentAsync("/bibliothek?" + query)).QuerySelector("#publications")!.TextContent;
            Assert.Contains(guide, all, StringComparison.Ordinal);
            Assert.Contains(study, all, StringComparison.Ordinal);
        }

        await anonymous.GetDocumentAsync("/bibliothek/" + huge, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_members_kept_library_list_follows_each_saved_change_and_stays_with_its_audience()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var memberApi = factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.MemberStaff])));
        var open = Unique("Fachempfehlung Kranich offen");
        var openFields = Fields(open);
        openFields["Input.Type"] = "Fachempfehlung";
        openFields["Input.Year"] = "2011";
        openFields["Input.PublishedOn"] = "";
        var created = await CreateAsync(office, openFields);
        const string list = "/bibliothek?art=Fachempfehlung&jahr=2011&sortierung=titel";
        const string api = "/api/v1/publications?type=Fachempfehlung&year=2011&sort=titel";

        async Task<string> ListedAsync(HttpClient client) => (await client.GetDocumentAsync(list)).QuerySelector("#publications")?.TextContent ?? "";
        async Task<List<string>> ApiTitlesAsync(HttpClient client)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(api, UriKind.Relative), Ct));
            return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];
        }

        // Asked twice, so that the second answer is the kept one.
        Assert.Contains(open, await ListedAsync(member), StringComparison.Ordinal);
        Assert.Contains(open, await ListedAsync(member), StringComparison.Ordinal);
        Assert.Equal([open], await ApiTitlesAsync(memberApi));
        Assert.Equal([open], await ApiTitlesAsync(memberApi));

        // A members-only one joins the members' kept list at once and never the public's.
        var internalTitle = Unique("Fachempfehlung Kranich intern");
        var internalFields = Fields(internalTitle, visibility: "Members");
        internalFields["Input.Type"] = "Fachempfehlung";
        internalFields["Input.Year"] = "2011";
        internalFields["Input.PublishedOn"] = "";
        await CreateAsync(office, internalFields);
        Assert.Contains(internalTitle, await ListedAsync(member), StringComparison.Ordinal);
        Assert.DoesNotContain(internalTitle, await ListedAsync(anonymous), StringComparison.Ordinal);
        Assert.Contains(open, await ListedAsync(anonymous), StringComparison.Ordinal);
        Assert.Equal([internalTitle, open], await ApiTitlesAsync(memberApi));
        Assert.Equal([open], await ApiTitlesAsync(factory.CreateClient()));

        // A new title shows in the kept list with the next request.
        var renamed = Unique("Fachempfehlung Kranich neu");
        var edit = Fields(renamed);
        edit["Input.Type"] = "Fachempfehlung";
        edit["Input.Year"] = "2011";
        edit["Input.PublishedOn"] = "";
        edit["Input.Slug"] = created.Slug;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{created.Id}", edit, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var after = await ListedAsync(member);
        Assert.Contains(renamed, after, StringComparison.Ordinal);
        Assert.DoesNotContain(open, after, StringComparison.Ordinal);
        Assert.Equal([internalTitle, renamed], await ApiTitlesAsync(memberApi));
    }

    [Fact]
    public async Task A_members_kept_publication_page_follows_a_saved_change_and_stays_with_its_audience()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var otherMember = await factory.CreateClientSignedInAsync(Roles.Expert);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Dokumentation Zaunkönig intern");
        var fields = Fields(title, visibility: "Members");
        var created = await CreateAsync(office, fields);
        var url = "/bibliothek/" + created.Slug;

        async Task<string> HeadingAsync(HttpClient client) => (await client.GetDocumentAsync(url)).QuerySelector("h1")?.TextContent ?? "";

        // Asked by two members, so that the second answer is the kept one; the public never gets it.
        Assert.Contains(title, await HeadingAsync(member), StringComparison.Ordinal);
        Assert.Contains(title, await HeadingAsync(otherMember), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url, Ct)).StatusCode);

        // A made-up address stays 404 for members and is not kept.
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(url + "-gibt-es-nicht", Ct)).StatusCode);

        var renamed = Unique("Dokumentation Zaunkönig neu");
        var edit = Fields(renamed, visibility: "Members");
        edit["Input.Slug"] = created.Slug;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{created.Id}", edit, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Contains(renamed, await HeadingAsync(member), StringComparison.Ordinal);
        Assert.Contains(renamed, await HeadingAsync(office), StringComparison.Ordinal);

        // Opened to the public: the members' kept page and the visitors' page both follow.
        var opened = Fields(renamed);
        opened["Input.Slug"] = created.Slug;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{created.Id}", opened, "#publication-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Contains(renamed, await HeadingAsync(anonymous), StringComparison.Ordinal);
        Assert.Contains(renamed, await HeadingAsync(member), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_lists_and_shows_what_the_caller_may_read_and_refuses_unknown_filters_naming_them()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var publicTitle = Unique("Argumentationshilfe Kleiber");
        var membersTitle = Unique("Fachempfehlung Kleiber intern");
        var publicFields = Fields(publicTitle);
        publicFields["Input.Type"] = "Argumentationshilfe";
        var open = await CreateAsync(office, publicFields);
        var members = await CreateAsync(office, Fields(membersTitle, visibility: "Members"));
        using (await UploadAsync(office, open.Id, Pdf(null, "Kleiber"), "hilfe.pdf", "Argumente"))
        {
        }

        var list = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/publications?type=Argumentationshilfe&pageSize=100", UriKind.Relative), Ct)).RootElement;
        var slugs = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Contains(open.Slug, slugs);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal("Argumentationshilfe", i.GetProperty("type").GetString()));
        var all = await anonymous.GetStringAsync(new Uri("/api/v1/publications?pageSize=100", UriKind.Relative), Ct);
        Assert.DoesNotContain(members.Slug, all, StringComparison.Ordinal);
        Assert.Contains(members.Slug, await member.GetStringAsync(new Uri("/api/v1/publications?pageSize=100", UriKind.Relative), Ct), StringComparison.Ordinal);

        var one = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/publications/" + open.Slug, UriKind.Relative), Ct)).RootElement;
        Assert.Equal(publicTitle, one.GetProperty("title").GetString());
        Assert.StartsWith("Dr. Jana Beispiel; Planungsbüro Quartier & Co. (2025)", one.GetProperty("citation").GetString(), StringComparison.Ordinal);
        var file = one.GetProperty("files")[0];
        Assert.Equal("Argumente", file.GetProperty("title").GetString());
        Assert.Equal($"/bibliothek/{open.Slug}/dateien/{file.GetProperty("id").GetString()}", file.GetProperty("url").GetString());
        using (var hidden = await anonymous.GetAsync(new Uri("/api/v1/publications/" + members.Slug, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType!.MediaType);
        }

        var paths = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).RootElement.GetProperty("paths");
        Assert.Equal("Veröffentlichungen auflisten", paths.GetProperty("/api/v1/publications").GetProperty("get").GetProperty("summary").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/publications/{slug}", out _));

        foreach (var (query, field) in new[] { ("type=Roman", "type"), ("topic=gibt-es-nicht", "topic"), ("topic=" + new string('x', 2000), "topic"), ("year=zwanzig", "year"), ("sort=zufall", "sort"), ("page=0", "page"), ("pageSize=1000", "pageSize") })
        {
            using var bad = await anonymous.GetAsync(new Uri("/api/v1/publications?" + query, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
            var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), query);
            Assert.True(messages[0].GetString()!.Length < 200, query);
        }
    }

    [Fact]
    public async Task A_publication_about_municipalities_appears_on_their_pages_for_those_who_may_read_it()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Dokumentation Ortsbesuch Schalke");
        var membersTitle = Unique("Interne Auswertung Schalke");
        var fields = Fields(title);
        fields["Input.Municipalities"] = "Gelsenkirchen\r\n05315000";
        var publication = await CreateAsync(office, fields);
        var membersFields = Fields(membersTitle, visibility: "Members");
        membersFields["Input.Municipalities"] = "05513000";
        await CreateAsync(office, membersFields);

        var page = await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug);
        var links = page.QuerySelectorAll("#publication-municipalities a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/gemeinden/05513000", "/gemeinden/05315000"], links);

        var gelsenkirchen = (await anonymous.GetDocumentAsync("/gemeinden/05513000")).QuerySelector("#municipality-publications")!.TextContent;
        Assert.Contains(title, gelsenkirchen, StringComparison.Ordinal);
        Assert.DoesNotContain(membersTitle, gelsenkirchen, StringComparison.Ordinal);
        Assert.Contains(membersTitle, (await member.GetDocumentAsync("/gemeinden/05513000")).QuerySelector("#municipality-publications")!.TextContent, StringComparison.Ordinal);
        var koeln = (await anonymous.GetDocumentAsync("/bibliothek?gemeinde=05315000")).QuerySelector("#publications")!.TextContent;
        Assert.Contains(title, koeln, StringComparison.Ordinal);

        // The edit form shows the municipalities by name, and saving it unchanged keeps them.
        var form = await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{publication.Id}");
        var shown = form.QuerySelector("#Input_Municipalities")!.TextContent.Trim();
        Assert.Equal(2, shown.Split('\n').Length);
        var again = Fields(title);
        again["Input.Slug"] = publication.Slug;
        again["Input.Municipalities"] = shown;
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", again, "#publication-form"))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.ErrorSummaryAsync());
        }

        Assert.Equal(2, await QueryAsync(db => db.Set<PublicationMunicipality>().CountAsync(m => m.PublicationId == publication.Id, Ct)));

        var bad = Fields(Unique("Unbekannte Gemeinde"));
        bad["Input.Municipalities"] = "Atlantis\n99999999";
        using var refused = await office.SubmitFormAsync(CreatePage, bad, "#publication-form");
        var messages = await refused.ErrorSummaryAsync();
        Assert.Contains("Keine Gemeinde „Atlantis“ gefunden.", messages, StringComparison.Ordinal);
        Assert.Contains("Keine Gemeinde „99999999“ gefunden.", messages, StringComparison.Ordinal);
        Assert.Null(await PublicationAsync(bad["Input.Title"]));
    }

    [Fact]
    public async Task The_office_edits_and_deletes_a_publication_with_its_files()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Dokumentation Netzwerktreffen");
        var publication = await CreateAsync(office, Fields(title));
        using (await UploadAsync(office, publication.Id, Pdf(null, "Protokoll"), "doku.pdf"))
        {
        }

        var stored = factory.StoredFiles();
        var fields = Fields(title + " (überarbeitet)");
        fields["Input.Slug"] = publication.Slug;
        fields["Input.Authors"] = "Zweite Autorin\nErste Autorin";
        using (var saved = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", fields, "#publication-form"))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.ErrorSummaryAsync());
        }

        var page = await office.GetDocumentAsync("/bibliothek/" + publication.Slug);
        Assert.Equal(title + " (überarbeitet)", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Zweite Autorin; Erste Autorin (2025)", page.QuerySelector("#publication-citation")!.TextContent, StringComparison.Ordinal);

        using (var deleted = await office.PressButtonAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", "#delete-button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Null(await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == publication.Id, Ct)));
        Assert.Equal(0, await QueryAsync(db => db.Set<PublicationFile>().CountAsync(f => f.PublicationId == publication.Id, Ct)));
        Assert.Equal(stored - 1, factory.StoredFiles());
        await office.GetDocumentAsync("/bibliothek/" + publication.Slug, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_office_reaches_the_office_pages()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        foreach (var url in new[] { "/geschaeftsstelle/bibliothek", CreatePage })
        {
            using var response = await member.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, url);
        }
    }

    [Fact]
    public async Task A_publication_created_meanwhile_with_the_same_address_is_refused_with_the_message_not_a_500()
    {
        var slug = "gleichzeitig-" + Guid.NewGuid().ToString("N")[..6];
        await using var scope = factory.CreateScope();
        var registered = scope.ServiceProvider.GetRequiredService<DbContextOptions<QuartiersnetzDbContext>>();
        var competitor = new CompetingCreate(factory, slug);
        var options = new DbContextOptionsBuilder<QuartiersnetzDbContext>(registered).AddInterceptors(competitor).Options;
        await using var db = new QuartiersnetzDbContext(options);
        var input = new SavePublication.Input
        {
            Type = PublicationType.Dokumentation, Title = "Gleichzeitig erfasst", Slug = slug, Year = 2024, Abstract = "Kurz.",
            Visibility = PublicationVisibility.Public, Authors = ["Eine Autorin"],
        };

        var outcome = await SavePublication.SaveAsync(db, new AuditLog(db, TimeProvider.System), AuditActor.System, TimeProvider.System, null, input, Ct);

        Assert.True(competitor.Inserted);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal("Slug", refusal.Field);
        Assert.Contains("hat schon eine andere Veröffentlichung", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["Die andere"], await QueryAsync(d => d.Set<Publication>().Where(p => p.Slug == slug).Select(p => p.Title).ToListAsync(Ct)));
        Assert.Equal(0, await QueryAsync(d => d.Set<PublicationContributor>().CountAsync(c => c.Name == "Eine Autorin", Ct)));
    }

    /// <summary>Creates a publication with the same address through another context just before the tested save writes.</summary>
    private sealed class CompetingCreate(LibraryFactory factory, string slug) : SaveChangesInterceptor
    {
        public bool Inserted { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Inserted)
            {
                Inserted = true;
                await using var scope = factory.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                other.Add(new Publication { Slug = slug, Title = "Die andere", Type = PublicationType.Sonstiges, Year = 2024, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }

    /// <summary>A package whose document part claims to unpack to far more than any real document.</summary>
    internal static byte[] DocxBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 210; i++)
            {
                document.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    internal static byte[] Xlsx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var workbook = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            workbook.Write("<workbook/>");
        }

        return buffer.ToArray();
    }
}
