using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Library;
using Quartiersnetz.IntegrationTests.Map;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.IntegrationTests.Projects;

/// <summary>
/// Praxisdatenbank, part 2: a project's documents (PDF and Word, checked by content like the library's files, at most ten,
/// following the project's visibility) and its links to publications and events, each shown only to those who may see
/// the linked item; a publication's page lists the published projects that name it; the API detail carries both.
/// </summary>
public sealed class ProjectDocumentTests(ProjectsFactory factory) : IClassFixture<ProjectsFactory>
{
    private const string Gelsenkirchen = "05513000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string intent, string publications = "", string events = "") => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = "Ein Stadtteilzentrum wird von den Menschen im Quartier mitgeplant.",
        ["Input.Municipality"] = "Gelsenkirchen",
        ["Input.Programme"] = "SozialerZusammenhalt",
        ["Input.Status"] = "Laufend",
        ["Input.Goals"] = "Beteiligung von Anfang an.",
        ["Input.RelatedPublications"] = publications,
        ["Input.RelatedEvents"] = events,
        ["intent"] = intent,
    };

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<Project> ProjectAsync(string title) =>
        QueryAsync(db => db.Set<Project>().AsNoTracking().SingleAsync(p => p.Title == title, Ct));

    private Task<int> DocumentCountAsync(Guid projectId) =>
        QueryAsync(db => db.Set<ProjectDocument>().CountAsync(d => d.ProjectId == projectId, Ct));

    private static async Task SaveAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        using var response = await client.SubmitFormAsync(path, fields, "#project-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
    }

    /// <summary>A member's draft, proposed through the form; returns the proposer and the project.</summary>
    private async Task<(TestPerson Proposer, Project Project)> DraftAsync(string title)
    {
        var proposer = await factory.CreatePersonAsync([Roles.MemberStaff], u => u.MunicipalityAgs = Gelsenkirchen);
        await SaveAsync(proposer.Client, ProposeModel.Path, Fields(title, "Save"));
        return (proposer, await ProjectAsync(title));
    }

    /// <summary>Posts the document form as a browser does (the antiforgery token of the page, the form's handler).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, Guid projectId, byte[] content, string fileName, string title, string description = "")
    {
        var path = $"/praxisprojekte/{projectId}/bearbeiten";
        var page = await client.GetDocumentAsync(path);
        var token = page.QuerySelector("#project-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "documentTitle" },
            { new StringContent(description), "documentDescription" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "document", fileName);
        return await client.PostAsync(new Uri(path + "?handler=Document", UriKind.Relative), form, Ct);
    }

    private async Task<Publication> PublicationAsync(string title, PublicationVisibility visibility, bool published)
    {
        var publication = new Publication
        {
            Slug = "pub-" + Guid.NewGuid().ToString("N")[..10], Title = title, Type = PublicationType.Arbeitshilfe, Year = 2025,
            Abstract = "Kurzfassung", Visibility = visibility, PublishedAtUtc = published ? DateTime.UtcNow : null,
            CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(publication);
        await db.SaveChangesAsync(Ct);
        return publication;
    }

    [Fact]
    public async Task The_text_inside_a_document_finds_its_project_for_those_who_may_see_the_project()
    {
        var title = Unique("Quartiersgarage");
        var (proposer, project) = await DraftAsync(title);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var word = "Fahrradwerkstatt" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6));
        using (await UploadAsync(proposer.Client, project.Id, LibraryTests.Pdf(null, "Einleitung", $"Die {word} öffnet samstags."), "bericht.pdf", "Bericht"))
        {
        }

        using (await UploadAsync(proposer.Client, project.Id, LibraryTests.Docx("Konzept für die Garage"), "konzept.docx", "Konzept"))
        {
        }

        await ExtractAsync();
        var documents = await QueryAsync(db => db.Set<ProjectDocument>().AsNoTracking().Where(d => d.ProjectId == project.Id).OrderBy(d => d.Title).ToListAsync(Ct));
        Assert.All(documents, d => Assert.Equal(DocumentTextStatus.Extracted, d.TextStatus));
        Assert.Contains(word, documents.Single(d => d.Title == "Bericht").Text, StringComparison.Ordinal);

        // A proposal: the office finds it by its document's words, the public does not.
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + word)));
        Assert.Equal([title], SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=" + word)));

        await SaveAsync(office, $"/praxisprojekte/{project.Id}/bearbeiten", Fields(title, "Publish"));
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Equal([title], SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + word + "&kind=project")));

        // Removing the document deletes it by key (its extracted text is never read: it can be megabytes) and still
        // re-indexes the project, so its words no longer find it.
        var report = documents.Single(d => d.Title == "Bericht");
        using (var counter = await CommandCounter.StartAsync(factory))
        {
            using (var removed = await office.PressButtonAsync($"/praxisprojekte/{project.Id}/bearbeiten", $"#edit-documents button[value='{report.Id}']"))
            {
                Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
            }

            var documentReads = counter.Commands.Where(c => c.Contains("\"ProjectDocuments\"", StringComparison.Ordinal) && c.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(documentReads);
            Assert.DoesNotContain(documentReads, c => c.Contains("\"Text\"", StringComparison.Ordinal));
        }

        Assert.Equal(1, await DocumentCountAsync(project.Id));
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=" + word + "&kind=project")));
    }

    private async Task ExtractAsync()
    {
        var job = factory.Services.GetRequiredService<DocumentTextJob>();
        while (await job.ExtractPendingAsync(Ct) > 0)
        {
        }

        await SearchFixture.WaitForIndexAsync(factory);
    }

    [Fact]
    public async Task Documents_are_uploaded_listed_downloaded_as_far_as_the_project_is_visible_and_removed()
    {
        var title = Unique("Stadtteilzentrum Bismarck");
        var (proposer, project) = await DraftAsync(title);
        var otherMember = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var editPath = $"/praxisprojekte/{project.Id}/bearbeiten";
        var stored = factory.StoredImages();

        using (var pdf = await UploadAsync(proposer.Client, project.Id, LibraryTests.Pdf(null, "Seite eins", "Seite zwei"), "bericht.pdf", "Abschlussbericht", "Was wir gelernt haben"))
        {
            Assert.True(pdf.StatusCode == HttpStatusCode.Redirect, (await pdf.ParseAsync()).QuerySelector("#document-error")?.TextContent);
        }

        using (var docx = await UploadAsync(proposer.Client, project.Id, LibraryTests.Docx("Konzept für das Zentrum"), "konzept.docx", "Konzept"))
        {
            Assert.Equal(HttpStatusCode.Redirect, docx.StatusCode);
        }

        Assert.Equal(stored + 2, factory.StoredImages());
        Assert.Equal(2, await QueryAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "project.document-added" && a.SubjectId == project.Id.ToString(), Ct)));
        var edit = await proposer.Client.GetDocumentAsync(editPath);
        var listed = edit.QuerySelector("#edit-documents")!.TextContent;
        Assert.Contains("Abschlussbericht", listed, StringComparison.Ordinal);
        Assert.Contains("(PDF,", listed, StringComparison.Ordinal);
        Assert.Contains("2 Seiten", listed, StringComparison.Ordinal);
        Assert.Contains("(Word,", listed, StringComparison.Ordinal);
        var pdfUrl = edit.QuerySelectorAll("#edit-documents a").Single(a => a.TextContent == "Abschlussbericht").GetAttribute("href")!;

        // Unpublished: the proposer and the office only; everyone else gets 404.
        using (var own = await proposer.Client.GetAsync(new Uri(pdfUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
            Assert.Contains("private", own.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        await anonymous.GetDocumentAsync(pdfUrl, HttpStatusCode.NotFound);
        await otherMember.GetDocumentAsync(pdfUrl, HttpStatusCode.NotFound);
        using (var byOffice = await office.GetAsync(new Uri(pdfUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, byOffice.StatusCode);
        }

        await SaveAsync(office, editPath, Fields(title, "Publish"));

        // Published: everyone, listed on the page with type, size, pages and description.
        var page = await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug);
        var documents = page.QuerySelector("#project-documents")!.TextContent;
        Assert.Contains("Abschlussbericht", documents, StringComparison.Ordinal);
        Assert.Contains("2 Seiten", documents, StringComparison.Ordinal);
        Assert.Contains("Was wir gelernt haben", documents, StringComparison.Ordinal);
        Assert.Matches(@"\(PDF, \d+ KB, 2 Seiten\)", documents);
        using (var download = await anonymous.GetAsync(new Uri(pdfUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("abschlussbericht.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await download.Content.ReadAsByteArrayAsync(Ct))[..5]), StringComparison.Ordinal);
        }

        using (var byMember = await otherMember.GetAsync(new Uri(pdfUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, byMember.StatusCode);
        }

        using (var api = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/projects/" + project.Slug, UriKind.Relative), Ct)))
        {
            var apiDocuments = api.RootElement.GetProperty("documents").EnumerateArray().ToList();
            Assert.Equal(2, apiDocuments.Count);
            var report = apiDocuments.Single(d => d.GetProperty("title").GetString() == "Abschlussbericht");
            Assert.Equal(pdfUrl, report.GetProperty("url").GetString());
            Assert.Equal("pdf", report.GetProperty("extension").GetString());
            Assert.Equal(2, report.GetProperty("pageCount").GetInt32());
        }

        // The office removes it: row, file and address are gone, and the removal is audited.
        var documentId = pdfUrl.Split('/')[^1];
        using (var removed = await office.PressButtonAsync(editPath, $"#edit-documents button[value='{documentId}']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal(1, await DocumentCountAsync(project.Id));
        Assert.Equal(stored + 1, factory.StoredImages());
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "project.document-removed" && a.SubjectId == project.Id.ToString(), Ct)));
        await anonymous.GetDocumentAsync(pdfUrl, HttpStatusCode.NotFound);

        // Unpublished again, the remaining document is hidden again from all but the office and the proposer.
        using (await office.PressButtonAsync(editPath, "#unpublish-button"))
        {
        }

        var wordUrl = (await office.GetDocumentAsync(editPath)).QuerySelector("#edit-documents a")!.GetAttribute("href")!;
        await anonymous.GetDocumentAsync(wordUrl, HttpStatusCode.NotFound);
        await otherMember.GetDocumentAsync(wordUrl, HttpStatusCode.NotFound);

        // Deleting the project takes its remaining document, row and file, without reading the extracted text.
        using (var counter = await CommandCounter.StartAsync(factory))
        {
            using (var deleted = await office.PressButtonAsync(editPath, "#delete-button"))
            {
                Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            }

            var documentReads = counter.Commands.Where(c => c.Contains("\"ProjectDocuments\"", StringComparison.Ordinal) && c.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(documentReads);
            Assert.DoesNotContain(documentReads, c => c.Contains("\"Text\"", StringComparison.Ordinal));
        }

        Assert.Equal(0, await DocumentCountAsync(project.Id));
        Assert.Equal(stored, factory.StoredImages());
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "programm", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "damaged", "Die Datei lässt sich nicht öffnen; sie ist vermutlich beschädigt." },
        { "encrypted", "Die PDF-Datei ist mit einem Kennwort geschützt." },
        { "bomb", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "spreadsheet", "Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden." },
        { "renamed", "Der Dateiname passt nicht zum Inhalt der Datei." },
        { "empty", "Bitte wählen Sie eine Datei aus." },
        { "large", "Die Datei ist zu groß. Erlaubt sind höchstens 1 MB." },
        { "untitled", "Bitte geben Sie dem Dokument einen Titel" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_document_gets_a_German_message_and_nothing_is_stored(string kind, string message)
    {
        var (proposer, project) = await DraftAsync(Unique("Quartiersgarage"));
        var (content, fileName) = kind switch
        {
            // A Windows program renamed to .pdf: the content decides, not the name.
            "programm" => ([(byte)'M', (byte)'Z', 0x90, 0, .. new byte[200]], "bericht.pdf"),
            "damaged" => (Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj kaputt\n%%EOF\n"), "bericht.pdf"),
            "encrypted" => (LibraryTests.Pdf("geheim", "Vertraulich"), "bericht.pdf"),
            "bomb" => (LibraryTests.DocxBomb(), "bericht.docx"),
            "spreadsheet" => (LibraryTests.Xlsx(), "tabelle.xlsx"),
            "renamed" => (LibraryTests.Pdf(null, "Eine Seite"), "bericht.docx"),
            // The factory allows 1 MB (Projects:MaxDocumentMegabytes).
            "large" => ([.. "%PDF-1.7\n"u8.ToArray(), .. new byte[1024 * 1024]], "gross.pdf"),
            "untitled" => (LibraryTests.Pdf(null, "Eine Seite"), "bericht.pdf"),
            _ => (Array.Empty<byte>(), "leer.pdf"),
        };
        var stored = factory.StoredImages();

        using var response = await UploadAsync(proposer.Client, project.Id, content, fileName, kind == "untitled" ? " " : "Mein Titel", "Meine Beschreibung");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("#document-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(kind == "untitled" ? null : "Mein Titel", page.QuerySelector("#documentTitle")?.GetAttribute("value"));
        Assert.Equal("Meine Beschreibung", page.QuerySelector("#documentDescription")?.TextContent);
        Assert.Equal(0, await DocumentCountAsync(project.Id));
        Assert.Equal(stored, factory.StoredImages());
    }

    [Fact]
    public async Task A_project_takes_at_most_ten_documents()
    {
        var (proposer, project) = await DraftAsync(Unique("Bürgerhaus"));
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            for (var i = 0; i < ProjectDocuments.MaxPerProject - 1; i++)
            {
                db.Add(new ProjectDocument
                {
                    ProjectId = project.Id, Title = $"Protokoll {i + 1}", FileKey = $"projects/{project.Id:N}/{Guid.NewGuid():N}.pdf", Extension = "pdf",
                    SizeBytes = 1000, PageCount = 1, UploadedAtUtc = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        using (var tenth = await UploadAsync(proposer.Client, project.Id, LibraryTests.Docx("Zehn"), "zehn.docx", "Das zehnte"))
        {
            Assert.Equal(HttpStatusCode.Redirect, tenth.StatusCode);
        }

        var stored = factory.StoredImages();
        var edit = await proposer.Client.GetDocumentAsync($"/praxisprojekte/{project.Id}/bearbeiten");
        Assert.Null(edit.QuerySelector("#document-form"));
        Assert.Contains("10 Dokumente", edit.QuerySelector("#documents-full")!.TextContent, StringComparison.Ordinal);

        using var eleventh = await UploadAsync(proposer.Client, project.Id, LibraryTests.Docx("Elf"), "elf.docx", "Das elfte");
        Assert.Equal(HttpStatusCode.OK, eleventh.StatusCode);
        Assert.Contains("höchstens 10 Dokumente", (await eleventh.ParseAsync()).QuerySelector("#document-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ProjectDocuments.MaxPerProject, await DocumentCountAsync(project.Id));
        Assert.Equal(stored, factory.StoredImages());
    }

    [Fact]
    public async Task Linked_publications_and_events_show_only_to_those_who_may_see_them_and_the_publication_lists_the_project()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var open = await PublicationAsync("Arbeitshilfe Beteiligung " + marker, PublicationVisibility.Public, published: true);
        var internalOne = await PublicationAsync("Interne Auswertung " + marker, PublicationVisibility.Members, published: true);
        var draft = await PublicationAsync("Entwurf Leitfaden " + marker, PublicationVisibility.Public, published: false);
        var openEvent = await factory.CreateEventAsync(title: "Fachtag Beteiligung " + marker);
        var memberEvent = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Arbeitskreis intern " + marker);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Beteiligungswerkstatt");

        // The office enters the links as on the publication form: address, slug or exact title; event address or title.
        await SaveAsync(office, ProposeModel.Path, Fields(title, "Publish",
            publications: $"/bibliothek/{open.Slug}\n{internalOne.Slug}\n{draft.Title}",
            events: $"Fachtag Beteiligung {marker}\r\n/veranstaltungen/{memberEvent}"));
        var project = await ProjectAsync(title);
        Assert.Equal(3, await QueryAsync(db => db.Set<ProjectPublication>().CountAsync(l => l.ProjectId == project.Id, Ct)));
        Assert.Equal(2, await QueryAsync(db => db.Set<ProjectEvent>().CountAsync(l => l.ProjectId == project.Id, Ct)));

        static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent ?? "";

        var publicPage = await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug);
        Assert.Contains(open.Title, Text(publicPage, "#project-publications"), StringComparison.Ordinal);
        Assert.Contains("Fachtag Beteiligung", Text(publicPage, "#project-events"), StringComparison.Ordinal);
        Assert.DoesNotContain(internalOne.Title, publicPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Title, publicPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Arbeitskreis intern", publicPage.Body!.TextContent, StringComparison.Ordinal);

        var memberPage = await member.GetDocumentAsync("/praxisprojekte/" + project.Slug);
        Assert.Contains(internalOne.Title, Text(memberPage, "#project-publications"), StringComparison.Ordinal);
        Assert.Contains("Arbeitskreis intern", Text(memberPage, "#project-events"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Title, memberPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(draft.Title, Text(await office.GetDocumentAsync("/praxisprojekte/" + project.Slug), "#project-publications"), StringComparison.Ordinal);

        // The API gives each caller the same as the page.
        using (var api = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/projects/" + project.Slug, UriKind.Relative), Ct)))
        {
            Assert.Equal([open.Slug], api.RootElement.GetProperty("publications").EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
            Assert.Equal([$"/veranstaltungen/{openEvent}"], api.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("url").GetString()));
        }

        using (var api = JsonDocument.Parse(await member.GetStringAsync(new Uri("/api/v1/projects/" + project.Slug, UriKind.Relative), Ct)))
        {
            Assert.Equal(2, api.RootElement.GetProperty("publications").GetArrayLength());
            Assert.Equal(2, api.RootElement.GetProperty("events").GetArrayLength());
        }

        // The publication's page lists the published project; a proposal naming it stays off the page.
        var (proposer, proposal) = await DraftAsync(Unique("Nicht veröffentlicht"));
        await SaveAsync(proposer.Client, $"/praxisprojekte/{proposal.Id}/bearbeiten", Fields(proposal.Title, "Submit", publications: open.Slug));
        Assert.Equal(1, await QueryAsync(db => db.Set<ProjectPublication>().CountAsync(l => l.ProjectId == proposal.Id, Ct)));
        var publicationPage = await anonymous.GetDocumentAsync("/bibliothek/" + open.Slug);
        Assert.Contains(title, Text(publicationPage, "#publication-projects"), StringComparison.Ordinal);
        Assert.DoesNotContain(proposal.Title, publicationPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, Text(await member.GetDocumentAsync("/bibliothek/" + internalOne.Slug), "#publication-projects"), StringComparison.Ordinal);
        using (var publicationApi = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/publications/" + open.Slug, UriKind.Relative), Ct)))
        {
            Assert.Equal([title], publicationApi.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        }

        // A member cannot link what members may not see: the draft is "not found", as if it did not exist.
        using (var refused = await proposer.Client.SubmitFormAsync($"/praxisprojekte/{proposal.Id}/bearbeiten",
            Fields(proposal.Title, "Save", publications: draft.Slug), "#project-form"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains($"Keine Veröffentlichung „{draft.Slug}“ gefunden", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        // The office links the draft to the proposal; the proposer's form does not show it, and their save keeps it.
        var proposalEdit = $"/praxisprojekte/{proposal.Id}/bearbeiten";
        await SaveAsync(office, proposalEdit, Fields(proposal.Title, "Save", publications: $"{open.Slug}\n{draft.Slug}"));
        var proposerForm = await proposer.Client.GetDocumentAsync(proposalEdit);
        Assert.Equal(open.Slug, proposerForm.QuerySelector("#Input_RelatedPublications")!.TextContent.Trim());
        await SaveAsync(proposer.Client, proposalEdit, Fields(proposal.Title, "Save", publications: proposerForm.QuerySelector("#Input_RelatedPublications")!.TextContent));
        Assert.Equal(2, await QueryAsync(db => db.Set<ProjectPublication>().CountAsync(l => l.ProjectId == proposal.Id, Ct)));
    }
}
