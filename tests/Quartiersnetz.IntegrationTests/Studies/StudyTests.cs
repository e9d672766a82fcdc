using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Studies;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Studies;

/// <summary>
/// Commissioned studies: the office records a research contract, names the reports it owes, makes a draft publication
/// from a report and publishes it in the library; the study's page, list, topic page, search, sitemap and API show what
/// each viewer may see. Budget and steering group are for members. Bad input gets German messages and stores nothing.
/// </summary>
public sealed class StudyTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Office = "/geschaeftsstelle/studien";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string title) => title + " " + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string visibility = "Public", bool published = true) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = "",
        ["Input.Question"] = "Wie wirkt das **Quartiersmanagement** auf die Nachbarschaftshilfe in Großwohnsiedlungen?",
        ["Input.Status"] = "InProgress",
        ["Input.Contractor"] = "Institut für Stadtforschung Dortmund",
        ["Input.Budget"] = "80.000",
        ["Input.AwardedOn"] = "2026-01-15",
        ["Input.StartOn"] = "2026-02-01",
        ["Input.EndOn"] = "15.12.2027",
        ["Input.SteeringGroup"] = "Anna Lenkerin, Stadt Gelsenkirchen\r\nBernd Steuer, Stadt Hamm",
        ["Input.Topics"] = "verfuegungsfonds",
        ["Input.Visibility"] = visibility,
        ["Input.Published"] = published ? "true" : "false",
    };

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<Study?> StudyAsync(string title) => QueryAsync(db => db.Set<Study>().AsNoTracking().SingleOrDefaultAsync(s => s.Title == title, Ct));

    private async Task<Study> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync(Office + "/neu", fields, "#study-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        return (await StudyAsync(fields["Input.Title"]))!;
    }

    private static async Task AddDeliverableAsync(HttpClient office, Guid studyId, string type, string title, string dueOn = "")
    {
        using var response = await office.SubmitFormAsync($"{Office}/{studyId}",
            new Dictionary<string, string> { ["deliverableType"] = type, ["deliverableTitle"] = title, ["deliverableDueOn"] = dueOn }, "#add-deliverable");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
    }

    private Task<List<StudyDeliverable>> DeliverablesAsync(Guid studyId) =>
        QueryAsync(db => db.Set<StudyDeliverable>().AsNoTracking().Where(d => d.StudyId == studyId).OrderBy(d => d.Position).ToListAsync(Ct));

    private static Task<HttpResponseMessage> PostDeliverableFormAsync(HttpClient office, Guid studyId, Guid deliverableId, string handler, string? publication = null)
    {
        var fields = new Dictionary<string, string> { ["deliverableId"] = deliverableId.ToString() };
        if (publication is not null)
        {
            fields["publication"] = publication;
        }

        return office.SubmitFormAsync($"{Office}/{studyId}", fields, $"#deliverable-{deliverableId:N} form[action*='handler={handler}']");
    }

    /// <summary>A published publication made through the library's own form.</summary>
    private async Task<Publication> PublicationAsync(HttpClient office, string title, string visibility = "Public")
    {
        using var response = await office.SubmitFormAsync("/geschaeftsstelle/bibliothek/neu", new Dictionary<string, string>
        {
            ["Input.Type"] = "Fachstudie", ["Input.Title"] = title, ["Input.Year"] = "2026", ["Input.Abstract"] = "Eine Studie.", ["Input.Authors"] = "Dr. Jana Beispiel",
            ["Input.Language"] = "de", ["Input.Visibility"] = visibility, ["Input.Published"] = "true",
        }, "#publication-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        return await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Title == title, Ct));
    }

    [Fact]
    public async Task The_office_follows_a_study_to_its_report_which_appears_on_the_study_page_once_published()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var title = Unique("Begleitforschung Nachbarschaftshilfe");
        var study = await CreateAsync(office, Fields(title));
        Assert.Equal(StudyStatus.InProgress, study.Status);
        Assert.Equal(80_000m, study.BudgetEuro);
        Assert.Equal(new DateOnly(2027, 12, 15), study.EndOn);
        Assert.Equal("Anna Lenkerin, Stadt Gelsenkirchen\nBernd Steuer, Stadt Hamm", study.SteeringGroup);

        await AddDeliverableAsync(office, study.Id, "Zwischenbericht", "Zwischenbericht Nachbarschaftshilfe " + title[^6..], "2026-09-30");
        await AddDeliverableAsync(office, study.Id, "Abschlussbericht", "Abschlussbericht Nachbarschaftshilfe " + title[^6..]);
        var deliverables = await DeliverablesAsync(study.Id);
        Assert.Equal([PublicationType.Zwischenbericht, PublicationType.Abschlussbericht], deliverables.Select(d => d.Type));

        // The first report becomes a draft publication: type, title, the contractor as author, the study's topic.
        using (var created = await PostDeliverableFormAsync(office, study.Id, deliverables[0].Id, "CreatePublication"))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.StartsWith("/geschaeftsstelle/bibliothek/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var publicationId = (await DeliverablesAsync(study.Id))[0].PublicationId!.Value;
        var publication = await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Id == publicationId, Ct));
        Assert.Equal((PublicationType.Zwischenbericht, deliverables[0].Title, 2026), (publication.Type, publication.Title, publication.Year));
        Assert.Null(publication.PublishedAtUtc);
        Assert.Equal([("Institut für Stadtforschung Dortmund", false), ("AG Soziale Stadt NRW", true)],
            (await QueryAsync(db => db.Set<PublicationContributor>().Where(c => c.PublicationId == publicationId).OrderBy(c => c.IsEditor)
                .Select(c => new { c.Name, c.IsEditor }).ToListAsync(Ct))).Select(c => (c.Name, c.IsEditor)));
        Assert.Contains("Institut für Stadtforschung", (await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{publicationId}")).QuerySelector("#Input_Authors")!.TextContent, StringComparison.Ordinal);

        // While the report is a draft, the study page names it without a link.
        var page = await anonymous.GetDocumentAsync("/studien/" + study.Slug);
        Assert.Contains("vorgesehen für September 2026", page.QuerySelector("#study-reports")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#study-reports a"));
        Assert.Null(page.QuerySelector("#study-budget"));
        Assert.Null(page.QuerySelector("#study-steering-group"));
        Assert.Contains("Institut für Stadtforschung Dortmund", page.QuerySelector("#study-contractor")!.TextContent, StringComparison.Ordinal);

        // Published in the library: linked from the study, and the publication names its study.
        using (var published = await office.SubmitFormAsync($"/geschaeftsstelle/bibliothek/{publicationId}",
                   new Dictionary<string, string>
                   {
                       ["Input.Published"] = "true", ["Input.Abstract"] = "Erste Ergebnisse.", ["Input.Type"] = "Zwischenbericht",
                       ["Input.Authors"] = "Institut für Stadtforschung Dortmund", ["Input.Editors"] = "AG Soziale Stadt NRW",
                   }, "#publication-form"))
        {
            Assert.True(published.StatusCode == HttpStatusCode.Redirect, await published.ErrorSummaryAsync());
        }

        page = await anonymous.GetDocumentAsync("/studien/" + study.Slug);
        Assert.Equal("/bibliothek/" + publication.Slug, page.QuerySelector("#study-reports a")!.GetAttribute("href"));
        var publicationPage = await anonymous.GetDocumentAsync("/bibliothek/" + publication.Slug);
        Assert.Equal("/studien/" + study.Slug, publicationPage.QuerySelector("#publication-study a")!.GetAttribute("href"));

        // Members see budget and steering group.
        var memberPage = await member.GetDocumentAsync("/studien/" + study.Slug);
        Assert.Equal("80.000 €", memberPage.QuerySelector("#study-budget")!.TextContent);
        Assert.Equal(["Anna Lenkerin, Stadt Gelsenkirchen", "Bernd Steuer, Stadt Hamm"],
            memberPage.QuerySelectorAll("#study-steering-group li").Select(li => li.TextContent));

        // List (with its filters), topic page, search, sitemap.
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/studien?stand=InProgress&thema=verfuegungsfonds")).QuerySelector("#studies")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 von 2 Berichten erschienen", (await anonymous.GetDocumentAsync("/studien?stand=InProgress")).QuerySelector("#studies")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await anonymous.GetDocumentAsync("/studien?stand=Completed&thema=verfuegungsfonds")).QuerySelector("#studies"));
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/studien?stand=Unsinn&thema=gibt-es-nicht")).QuerySelector("#studies")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(title, (await anonymous.GetDocumentAsync("/themen/verfuegungsfonds")).Body!.TextContent, StringComparison.Ordinal);
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Contains(title, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Nachbarschaftshilfe Großwohnsiedlungen&kind=study")));
        Assert.Contains("/studien/" + study.Slug + "</loc>", await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct), StringComparison.Ordinal);

        // The API: the reports with their addresses; no budget for the public.
        var detail = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/studies/{study.Slug}", Ct);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("budgetEuro").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("steeringGroup").ValueKind);
        Assert.Equal("/bibliothek/" + publication.Slug, detail.GetProperty("deliverables")[0].GetProperty("publicationUrl").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("deliverables")[1].GetProperty("publicationUrl").ValueKind);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/studies?status=InProgress&topic=verfuegungsfonds&pageSize=100", Ct);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == title);
        var memberDetail = await member.GetFromJsonAsync<JsonElement>($"/api/v1/studies/{study.Slug}", Ct);
        Assert.Equal(80_000m, memberDetail.GetProperty("budgetEuro").GetDecimal());

        // Every step is audited.
        var actions = await QueryAsync(db => db.Set<Quartiersnetz.Platform.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.SubjectId == study.Id.ToString()).Select(a => a.Action).ToListAsync(Ct));
        Assert.Contains("study.created", actions);
        Assert.Equal(2, actions.Count(a => a == "study.deliverable-added"));
        Assert.Contains("study.deliverable-linked", actions);
    }

    [Fact]
    public async Task Drafts_and_members_studies_are_hidden_from_those_who_may_not_see_them_and_so_are_unread_reports()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var draft = await CreateAsync(office, Fields("Entwurfsstudie Kältehilfe " + marker, published: false));
        var internalStudy = await CreateAsync(office, Fields("Interne Studie Kältehilfe " + marker, visibility: "Members"));
        var open = await CreateAsync(office, Fields("Offene Studie Kältehilfe " + marker));

        await anonymous.GetDocumentAsync("/studien/" + draft.Slug, HttpStatusCode.NotFound);
        await member.GetDocumentAsync("/studien/" + draft.Slug, HttpStatusCode.NotFound);
        Assert.NotNull((await office.GetDocumentAsync("/studien/" + draft.Slug)).QuerySelector("#study-edit-link"));
        await anonymous.GetDocumentAsync("/studien/" + internalStudy.Slug, HttpStatusCode.NotFound);
        await member.GetDocumentAsync("/studien/" + internalStudy.Slug);
        using (var api = await anonymous.GetAsync(new Uri("/api/v1/studies/" + internalStudy.Slug, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        }

        using (var api = await office.GetAsync(new Uri("/api/v1/studies/" + draft.Slug, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }

        var publicList = (await anonymous.GetDocumentAsync("/studien")).Body!.TextContent;
        Assert.Contains("Offene Studie Kältehilfe " + marker, publicList, StringComparison.Ordinal);
        Assert.DoesNotContain("Interne Studie Kältehilfe " + marker, publicList, StringComparison.Ordinal);
        Assert.DoesNotContain("Entwurfsstudie Kältehilfe " + marker, publicList, StringComparison.Ordinal);
        Assert.Contains("Interne Studie Kältehilfe " + marker, (await member.GetDocumentAsync("/studien")).Body!.TextContent, StringComparison.Ordinal);
        var apiList = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/studies?pageSize=100", Ct);
        Assert.DoesNotContain(apiList.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString()!.Contains(marker, StringComparison.Ordinal)
            && !i.GetProperty("title").GetString()!.StartsWith("Offene", StringComparison.Ordinal));

        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Equal(["Offene Studie Kältehilfe " + marker], SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, $"q={marker}&kind=study")));
        Assert.Equal(2, SearchFixture.Titles(await SearchFixture.SearchAsync(member, $"q={marker}&kind=study")).Count);
        Assert.Equal(3, SearchFixture.Titles(await SearchFixture.SearchAsync(office, $"q={marker}&kind=study")).Count);

        // A public study's report that is a members' publication: the public sees the report, not its address.
        await AddDeliverableAsync(office, open.Id, "Fachstudie", "Vertiefung " + marker);
        var internalReport = await PublicationAsync(office, "Interner Bericht " + marker, visibility: "Members");
        var deliverable = (await DeliverablesAsync(open.Id)).Single();
        using (var linked = await PostDeliverableFormAsync(office, open.Id, deliverable.Id, "Link", "/bibliothek/" + internalReport.Slug))
        {
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        var publicPage = await anonymous.GetDocumentAsync("/studien/" + open.Slug);
        Assert.Empty(publicPage.QuerySelectorAll("#study-reports a"));
        Assert.DoesNotContain(internalReport.Slug, publicPage.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("/bibliothek/" + internalReport.Slug, (await member.GetDocumentAsync("/studien/" + open.Slug)).QuerySelector("#study-reports a")!.GetAttribute("href"));
        var apiDetail = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/studies/" + open.Slug, Ct);
        Assert.Equal(JsonValueKind.Null, apiDetail.GetProperty("deliverables")[0].GetProperty("publicationSlug").ValueKind);
        // And the members' publication does not name the study to the public (it answers 404 anyway).
        await anonymous.GetDocumentAsync("/bibliothek/" + internalReport.Slug, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_gets_German_messages_and_stores_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var title = Unique("Fehlerhafte Studie");
        var bad = Fields(title);
        bad["Input.Question"] = "";
        bad["Input.Budget"] = "sehr viel";
        bad["Input.StartOn"] = "2027-01-01";
        bad["Input.EndOn"] = "2026-01-01";
        bad["Input.AwardedOn"] = "32.13.2026";
        bad["Input.Slug"] = "Keine Adresse!";
        using (var refused = await office.SubmitFormAsync(Office + "/neu", bad, "#study-form"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var errors = await refused.ErrorSummaryAsync();
            Assert.Contains("Bitte beschreiben Sie die Fragestellung.", errors, StringComparison.Ordinal);
            Assert.Contains("Bitte geben Sie das Budget als Betrag in Euro an", errors, StringComparison.Ordinal);
            Assert.Contains("Das Ende (01.01.2026) liegt vor dem Beginn (01.01.2027).", errors, StringComparison.Ordinal);
            Assert.Contains("Bitte geben Sie ein Datum an, z. B. 15.03.2026.", errors, StringComparison.Ordinal);
            Assert.Contains("Die Adresse darf nur Kleinbuchstaben", errors, StringComparison.Ordinal);
        }

        var awardedWithoutContractor = Fields(title);
        awardedWithoutContractor["Input.Contractor"] = "";
        awardedWithoutContractor["Input.Status"] = "Awarded";
        using (var refused = await office.SubmitFormAsync(Office + "/neu", awardedWithoutContractor, "#study-form"))
        {
            Assert.Contains("Ein vergebener Auftrag hat einen Auftragnehmer.", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        var unknownStatus = Fields(title);
        unknownStatus["Input.Status"] = "7";
        unknownStatus["Input.Topics"] = "gibt-es-nicht";
        using (var refused = await office.SubmitFormAsync(Office + "/neu", unknownStatus, "#study-form"))
        {
            Assert.Contains("Bitte wählen Sie den Stand des Auftrags.", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await StudyAsync(title));

        // A taken address is refused by name.
        var first = await CreateAsync(office, Fields(Unique("Adressstudie")));
        var taken = Fields(title);
        taken["Input.Slug"] = first.Slug;
        using (var refused = await office.SubmitFormAsync(Office + "/neu", taken, "#study-form"))
        {
            Assert.Contains($"Die Adresse „{first.Slug}“ hat schon ein anderer Forschungsauftrag.", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await StudyAsync(title));

        // Deliverables: no title, an unknown type, a bad date, an unknown publication, one already fulfilling another report.
        foreach (var (type, reportTitle, due, message) in new[]
        {
            ("Abschlussbericht", "", "", "Bitte geben Sie den Titel des Berichts ein."),
            ("Arbeitsmappe", "Bericht", "", "Bitte wählen Sie die Art des Berichts."),
            ("Abschlussbericht", "Bericht", "morgen", "Bitte geben Sie ein Datum an"),
        })
        {
            using var refused = await office.SubmitFormAsync($"{Office}/{first.Id}",
                new Dictionary<string, string> { ["deliverableType"] = type, ["deliverableTitle"] = reportTitle, ["deliverableDueOn"] = due }, "#add-deliverable");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var document = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Contains(message, document, StringComparison.Ordinal);
        }

        Assert.Empty(await DeliverablesAsync(first.Id));
        await AddDeliverableAsync(office, first.Id, "Abschlussbericht", "Bericht A");
        await AddDeliverableAsync(office, first.Id, "Dokumentation", "Bericht B");
        var reports = await DeliverablesAsync(first.Id);
        using (var unknown = await PostDeliverableFormAsync(office, first.Id, reports[0].Id, "Link", "/bibliothek/gibt-es-nicht-" + Guid.NewGuid().ToString("N")[..6]))
        {
            Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
            Assert.Contains("Keine Veröffentlichung „/bibliothek/gibt-es-nicht-", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var publication = await PublicationAsync(office, Unique("Doppelt zugeordnet"));
        using (var linked = await PostDeliverableFormAsync(office, first.Id, reports[0].Id, "Link", publication.Slug))
        {
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        using (var twice = await PostDeliverableFormAsync(office, first.Id, reports[1].Id, "Link", publication.Slug))
        {
            Assert.Contains("Diese Veröffentlichung ist schon einem anderen Bericht zugeordnet.", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Null((await DeliverablesAsync(first.Id))[1].PublicationId);

        // The API: unknown filter values and paging answer 400 naming the field; an unknown study 404, both as ProblemDetails.
        var anonymous = factory.CreateBrowserLikeClient();
        using (var response = await anonymous.GetAsync(new Uri("/api/v1/studies?status=Fertig&topic=" + new string('x', 2000) + "&page=0&pageSize=500", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
            Assert.Equal(["page", "pageSize", "status", "topic"], fields);
            Assert.Contains("Erlaubt: Planned", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        }

        using (var missing = await anonymous.GetAsync(new Uri("/api/v1/studies/" + new string('a', 300), UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        }

        await anonymous.GetDocumentAsync("/studien/" + new string('a', 300), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_study_keeps_its_publications_and_deleting_a_publication_leaves_its_report_owed()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var study = await CreateAsync(office, Fields(Unique("Löschstudie")));
        await AddDeliverableAsync(office, study.Id, "Abschlussbericht", "Endbericht");
        var report = (await DeliverablesAsync(study.Id)).Single();
        var publication = await PublicationAsync(office, Unique("Endbericht der Löschstudie"));
        using (var linked = await PostDeliverableFormAsync(office, study.Id, report.Id, "Link", "https://quartiersnetz.example/bibliothek/" + publication.Slug))
        {
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        Assert.Equal(publication.Id, (await DeliverablesAsync(study.Id)).Single().PublicationId);
        using (var deleted = await office.PressButtonAsync($"/geschaeftsstelle/bibliothek/{publication.Id}", "#delete-button"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Null((await DeliverablesAsync(study.Id)).Single().PublicationId);

        var second = await PublicationAsync(office, Unique("Neuer Endbericht"));
        using (var linked = await PostDeliverableFormAsync(office, study.Id, report.Id, "Link", second.Slug))
        {
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        }

        using (var deleted = await office.PressButtonAsync($"{Office}/{study.Id}", "#delete-study"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Null(await QueryAsync(db => db.Set<Study>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == study.Id, Ct)));
        Assert.Empty(await DeliverablesAsync(study.Id));
        Assert.True(await QueryAsync(db => db.Set<Publication>().AnyAsync(p => p.Id == second.Id, Ct)));
        await office.GetDocumentAsync($"{Office}/{study.Id}", HttpStatusCode.NotFound);
    }
}
