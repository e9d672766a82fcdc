using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Auth;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.Projects;

/// <summary>The app with its files in a folder of its own, so a test can count the photos and documents stored.</summary>
public sealed class ProjectsFactory : QuartiersnetzFactory
{
    public ProjectsFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
        // Small, so that a too-large document is cheap to send.
        WithSetting("Projects:MaxDocumentMegabytes", "1");
    }

    public string FilesFolder { get; }

    public int StoredImages() => Directory.Exists(Path.Combine(FilesFolder, "projects"))
        ? Directory.GetFiles(Path.Combine(FilesFolder, "projects"), "*", SearchOption.AllDirectories).Length : 0;

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
/// The Praxisdatenbank: a member proposes a project, the office returns it with a note and later publishes it; only then
/// does it appear for others — list, page, its area's, municipality's and topic's pages, the map data, the search, the API
/// and the sitemap. Bad input gets German messages and stores nothing.
/// </summary>
public sealed class ProjectTests(ProjectsFactory factory) : IClassFixture<ProjectsFactory>
{
    private const string Gelsenkirchen = "05513000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string intent = "Submit", string? area = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Summary"] = "Ein leerstehendes Ladenlokal wird zum Treffpunkt der Nachbarschaft.",
        ["Input.Municipality"] = "Gelsenkirchen",
        ["Input.ProgrammeArea"] = area ?? "",
        ["Input.Programme"] = "SozialerZusammenhalt",
        ["Input.Status"] = "Laufend",
        ["Input.StartYear"] = "2021",
        ["Input.EndYear"] = "",
        ["Input.Costs"] = "250.000",
        ["Input.FundingSources"] = "Städtebauförderung (Bund und Land), Eigenanteil der Stadt",
        ["Input.Partners"] = "Quartiersbüro\r\nWohnungsgenossenschaft Beispiel eG",
        ["Input.ContactName"] = "Petra Beispiel",
        ["Input.ContactOrganisation"] = "Stadt Gelsenkirchen",
        ["Input.ContactEmail"] = "petra.beispiel@gelsenkirchen.test",
        ["Input.Goals"] = "Die **Ladenzeile** wieder beleben und Begegnung im Quartier schaffen.",
        ["Input.Approach"] = "Zwischennutzung mit einem Trägerverein.",
        ["Input.Results"] = "",
        ["Input.LessonsLearned"] = "Früh mit den Eigentümern sprechen.",
        ["Input.WebsiteUrl"] = "https://www.example.org/ladenzeile",
        ["Input.VideoUrl"] = "",
        ["Input.Location"] = "",
        ["Input.Topics"] = "verfuegungsfonds",
        ["intent"] = intent,
    };

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.SeaGreen);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<Project?> ProjectAsync(string title) =>
        QueryAsync(db => db.Set<Project>().AsNoTracking().SingleOrDefaultAsync(p => p.Title == title, Ct));

    private Task<TestPerson> MemberOfGelsenkirchenAsync() =>
        factory.CreatePersonAsync([Roles.MemberStaff], u => u.MunicipalityAgs = Gelsenkirchen);

    private static async Task<HttpResponseMessage> ProposeAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync(ProposeModel.Path, fields, "#project-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        return response;
    }

    [Fact]
    public async Task A_members_proposal_is_returned_with_a_note_then_published_and_appears_everywhere_only_then()
    {
        var proposer = await MemberOfGelsenkirchenAsync();
        var otherMember = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var areaName = "Schalke-Nord " + PublicAreaTestSupport.Marker();
        var area = await factory.CreateAreaAsync(areaName, Gelsenkirchen);
        var title = Unique("Ladenzeile Kirschallee");

        // The form proposes the member's municipality and offers its areas.
        var form = await proposer.Client.GetDocumentAsync(ProposeModel.Path);
        Assert.Equal("Gelsenkirchen, Stadt", form.QuerySelector("#Input_Municipality")!.GetAttribute("value"));
        Assert.Contains(areaName, form.QuerySelectorAll("#area-names option").Select(o => o.GetAttribute("value")));

        using (await ProposeAsync(proposer.Client, Fields(title, area: areaName.ToUpperInvariant())))
        {
        }

        var project = (await ProjectAsync(title))!;
        Assert.Equal(ProjectReviewState.Submitted, project.ReviewState);
        Assert.Equal(area.Id, project.ProgrammeAreaId);
        Assert.Equal(250_000m, project.CostsEuro);
        Assert.Equal(proposer.Id, project.ProposedByAccountId);
        await SearchFixture.WaitForIndexAsync(factory);

        // Under review it is the proposer's and the office's only.
        Assert.Contains(title, (await proposer.Client.GetDocumentAsync(MineModel.Path)).QuerySelector("#my-projects")!.TextContent, StringComparison.Ordinal);
        await otherMember.GetDocumentAsync($"/praxisprojekte/{project.Id}/bearbeiten", HttpStatusCode.NotFound);
        await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug, HttpStatusCode.NotFound);
        await proposer.Client.GetDocumentAsync("/praxisprojekte/" + project.Slug, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Kirschallee", (await anonymous.GetDocumentAsync("/praxisprojekte")).Body!.TextContent, StringComparison.Ordinal);
        // A signed-in member's list is kept too (AudienceDataCache), so it must follow the review like the public one.
        Assert.DoesNotContain("Kirschallee", (await otherMember.GetDocumentAsync("/praxisprojekte")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kirschallee", await anonymous.GetStringAsync(new Uri(ProjectsApi.MapDataPath, UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(otherMember, "q=Kirschallee")));
        Assert.Equal([title], SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=Kirschallee")));
        var queue = await office.GetDocumentAsync(OfficeListModel.Path);
        var rows = queue.QuerySelectorAll("#office-projects tbody tr").Select(r => r.TextContent).ToList();
        var row = rows.FindIndex(r => r.Contains(title, StringComparison.Ordinal));
        Assert.Contains("Zur Prüfung eingereicht", rows[row], StringComparison.Ordinal);
        // Proposals waiting for review come before everything else.
        Assert.All(rows.Take(row), r => Assert.Contains("Zur Prüfung eingereicht", r, StringComparison.Ordinal));

        // The office returns it with a note; the proposer gets it by mail and sees it above the form.
        using (var returned = await office.SubmitFormAsync($"/praxisprojekte/{project.Id}/bearbeiten", new Dictionary<string, string> { ["note"] = "Bitte ergänzen Sie die Ergebnisse." }, "#return-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        var returnMail = await factory.Mailbox.WaitForMailAsync(proposer.Email, m => m.Subject.Contains("überarbeiten", StringComparison.Ordinal));
        Assert.Contains("Bitte ergänzen Sie die Ergebnisse.", returnMail.TextBody, StringComparison.Ordinal);
        var editPath = returnMail.LinkPath("/bearbeiten");
        var edit = await proposer.Client.GetDocumentAsync(editPath);
        Assert.Contains("Bitte ergänzen Sie die Ergebnisse.", edit.QuerySelector("#review-note")!.TextContent, StringComparison.Ordinal);
        Assert.Null(edit.QuerySelector("#publish-button"));

        var revised = Fields(title, area: areaName);
        revised["Input.Featured"] = "true";
        revised["Input.Results"] = "Der Treffpunkt hat wöchentlich 120 Besuchende.";
        using (var resubmitted = await proposer.Client.SubmitFormAsync(editPath, revised, "#project-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);
        }

        Assert.Equal(ProjectReviewState.Submitted, (await ProjectAsync(title))!.ReviewState);
        Assert.False((await ProjectAsync(title))!.IsFeatured);

        // The office publishes it; the proposer is told, and from now on it is the office's to change.
        var publish = Fields(title, "Publish", areaName);
        publish["Input.Featured"] = "true";
        using (var published = await office.SubmitFormAsync($"/praxisprojekte/{project.Id}/bearbeiten", publish, "#project-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var publishedMail = await factory.Mailbox.WaitForMailAsync(proposer.Email, m => m.Subject.Contains("veröffentlicht", StringComparison.Ordinal));
        Assert.Equal("/praxisprojekte/" + project.Slug, publishedMail.LinkPath("/praxisprojekte/"));
        await proposer.Client.GetDocumentAsync(editPath, HttpStatusCode.NotFound);
        await SearchFixture.WaitForIndexAsync(factory);

        var page = await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ladenzeile", page.QuerySelector("#project-goals strong")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("250.000 €", page.QuerySelector("#project-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Petra Beispiel", page.QuerySelector("#project-contact")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("petra.beispiel@", page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("petra.beispiel@", (await otherMember.GetDocumentAsync("/praxisprojekte/" + project.Slug)).QuerySelector("#project-contact")!.TextContent, StringComparison.Ordinal);
        using (var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            Assert.Equal("Project", jsonLd.RootElement.GetProperty("@type").GetString());
        }

        Assert.Contains(title, (await anonymous.GetDocumentAsync("/praxisprojekte")).QuerySelector("#projects")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, (await otherMember.GetDocumentAsync("/praxisprojekte")).QuerySelector("#projects")!.TextContent, StringComparison.Ordinal);
        // Featured by the office, it leads the home page's projects.
        Assert.Equal(title, (await anonymous.GetDocumentAsync("/")).QuerySelector("#home-projects h3")!.TextContent);
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/praxisprojekte?thema=verfuegungsfonds&stand=Laufend")).QuerySelector("#projects")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await anonymous.GetDocumentAsync("/praxisprojekte?stand=Abgeschlossen&gebiet=" + area.Id)).QuerySelector("#projects"));
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/programmgebiete/" + area.Id)).QuerySelector("#place-projects")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/gemeinden/" + Gelsenkirchen)).QuerySelector("#place-projects")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/themen/verfuegungsfonds")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([title], SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Kirschallee")));
        Assert.Equal([title], SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Trägerverein&kind=project")));
        Assert.DoesNotContain("petra.beispiel", (await SearchFixture.SearchAsync(anonymous, "q=Kirschallee")).GetRawText(), StringComparison.Ordinal);
        Assert.Contains("/praxisprojekte/" + project.Slug + "</loc>", await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct), StringComparison.Ordinal);

        using (var map = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri(ProjectsApi.MapDataPath, UriKind.Relative), Ct)))
        {
            var feature = map.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("title").GetString() == title);
            // No point of its own: the area's.
            Assert.Equal(7.11, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        }

        using (var api = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/projects/" + project.Slug, UriKind.Relative), Ct)))
        {
            Assert.Equal(title, api.RootElement.GetProperty("title").GetString());
            Assert.Equal(JsonValueKind.Null, api.RootElement.GetProperty("contactEmail").ValueKind);
            Assert.Equal(["Quartiersbüro", "Wohnungsgenossenschaft Beispiel eG"], api.RootElement.GetProperty("partners").EnumerateArray().Select(p => p.GetString()));
        }

        using (var list = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/projects?municipality=" + Gelsenkirchen, UriKind.Relative), Ct)))
        {
            Assert.Contains(title, list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        }

        // Taken off the website, it is gone for the public again.
        using (await office.PressButtonAsync($"/praxisprojekte/{project.Id}/bearbeiten", "#unpublish-button"))
        {
        }

        await SearchFixture.WaitForIndexAsync(factory);
        await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug, HttpStatusCode.NotFound);
        Assert.Empty(SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Kirschallee")));
        Assert.DoesNotContain("Kirschallee", (await otherMember.GetDocumentAsync("/praxisprojekte")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_need_an_alt_text_are_checked_by_content_and_follow_the_projects_visibility()
    {
        var proposer = await MemberOfGelsenkirchenAsync();
        var anonymous = factory.CreateBrowserLikeClient();
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Spielplatz Rosenhügel");
        using (await ProposeAsync(proposer.Client, Fields(title, intent: "Save")))
        {
        }

        var project = (await ProjectAsync(title))!;
        Assert.Equal(ProjectReviewState.Draft, project.ReviewState);
        var editPath = $"/praxisprojekte/{project.Id}/bearbeiten";
        var stored = factory.StoredImages();

        using (var noAlt = await proposer.Client.PostMultipartAsync(editPath, "#image-form", [new("altText", " "), new("credit", "")], "image", Png(), "foto.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.OK, noAlt.StatusCode);
            Assert.Contains("Alternativtext", (await noAlt.ParseAsync()).QuerySelector("#image-error")!.TextContent, StringComparison.Ordinal);
        }

        var program = "MZ\u0090\0\u0003\0\0\0"u8.ToArray().Concat(new byte[200]).ToArray();
        using (var notImage = await proposer.Client.PostMultipartAsync(editPath, "#image-form", [new("altText", "Ein Bild")], "image", program, "foto.png", "image/png"))
        {
            Assert.Contains("kein Bild", (await notImage.ParseAsync()).QuerySelector("#image-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(stored, factory.StoredImages());
        Assert.Equal(0, await QueryAsync(db => db.Set<ProjectImage>().CountAsync(i => i.ProjectId == project.Id, Ct)));

        using (var added = await proposer.Client.PostMultipartAsync(editPath, "#image-form", [new("altText", "Kinder auf dem neuen Spielplatz"), new("credit", "Stadt Gelsenkirchen")], "image", Png(), "foto.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Equal(stored + 1, factory.StoredImages());
        var imageUrl = (await proposer.Client.GetDocumentAsync(editPath)).QuerySelector("#edit-images img")!.GetAttribute("src")!;
        using (var own = await proposer.Client.GetAsync(new Uri(imageUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("image/jpeg", own.Content.Headers.ContentType?.MediaType);
            Assert.Contains("private", own.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        await anonymous.GetDocumentAsync(imageUrl, HttpStatusCode.NotFound);

        using (await office.SubmitFormAsync(editPath, Fields(title, "Publish"), "#project-form"))
        {
        }

        var page = await anonymous.GetDocumentAsync("/praxisprojekte/" + project.Slug);
        Assert.Equal("Kinder auf dem neuen Spielplatz", page.QuerySelector("#project-images img")!.GetAttribute("alt"));
        Assert.Contains("Bild: Stadt Gelsenkirchen", page.QuerySelector("#project-images figcaption")!.TextContent, StringComparison.Ordinal);
        using (var shown = await anonymous.GetAsync(new Uri(imageUrl, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        // Deleting the project takes its photo files with it.
        using (var deleted = await office.PressButtonAsync(editPath, "#delete-button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Equal(stored, factory.StoredImages());
        Assert.Null(await ProjectAsync(title));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.Municipality", "Atlantis", "Keine Gemeinde „Atlantis“ gefunden." },
        { "Input.ProgrammeArea", "Gibt es nicht", "Kein Programmgebiet „Gibt es nicht“ in dieser Gemeinde." },
        { "Input.EndYear", "2019", "Das Ende (2019) liegt vor dem Beginn (2021)." },
        { "Input.StartYear", "zwanzig", "Bitte geben Sie ein Jahr zwischen" },
        { "Input.Costs", "viel Geld", "Bitte geben Sie die Kosten als Betrag in Euro an" },
        { "Input.WebsiteUrl", "javascript:alert(1)", "Bitte geben Sie eine vollständige Webadresse an" },
        { "Input.Location", "48.1, 11.5", "Bitte geben Sie den Ort als Breite und Länge in Nordrhein-Westfalen an" },
        { "Input.ContactEmail", "keine-adresse", "Bitte geben Sie eine gültige E-Mail-Adresse an" },
        { "Input.Status", "Erfunden", "Bitte wählen Sie den Stand des Projekts." },
        { "Input.Goals", "", "Bitte beschreiben Sie die Ziele des Projekts." },
        { "Input.Topics", "kein-thema", "Bitte wählen Sie nur Themen aus der Liste." },
        { "Input.RelatedPublications", "gibt-es-nicht", "Keine Veröffentlichung „gibt-es-nicht“ gefunden." },
        { "Input.RelatedEvents", "Tagung auf dem Mond", "Keine Veranstaltung „Tagung auf dem Mond“ gefunden." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_German_message_and_stores_nothing(string field, string value, string message)
    {
        var proposer = await MemberOfGelsenkirchenAsync();
        await factory.CreateAreaAsync("Bismarck " + PublicAreaTestSupport.Marker(), Gelsenkirchen);
        var title = Unique("Fehlerhafter Vorschlag");
        var fields = Fields(title);
        fields[field] = value;
        using var response = await proposer.Client.SubmitFormAsync(ProposeModel.Path, fields, "#project-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null(await ProjectAsync(title));
    }

    [Fact]
    public async Task The_API_refuses_unknown_filter_values_with_a_problem_naming_them()
    {
        var anonymous = factory.CreateBrowserLikeClient();
        using var response = await anonymous.GetAsync(new Uri("/api/v1/projects?status=Erfunden&municipality=Köln&area=x&topic=" + new string('a', 2000), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("Erfunden", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Gemeindeschlüssel", errors.GetProperty("municipality")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("area", out _));
        Assert.True(errors.GetProperty("topic")[0].GetString()!.Length < 200);
        using var missing = await anonymous.GetAsync(new Uri("/api/v1/projects/gibt-es-nicht", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_proposers_account_keeps_the_project_for_the_office_and_lists_it_in_their_data_before()
    {
        var proposer = await MemberOfGelsenkirchenAsync();
        var title = Unique("Stadtteilgarten Lindenhof");
        using (await ProposeAsync(proposer.Client, Fields(title)))
        {
        }

        Assert.Contains(title, (await proposer.Client.GetDocumentAsync("/konto/meine-daten")).Body!.TextContent, StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var erase = scope.ServiceProvider.GetServices<Platform.Privacy.IPersonalDataContributor>().OfType<ProjectPersonalData>().Single();
            await erase.EraseAsync(proposer.Id, Ct);
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        var project = (await ProjectAsync(title))!;
        Assert.Null(project.ProposedByAccountId);
        Assert.Equal(ProjectReviewState.Submitted, project.ReviewState);
    }
}
