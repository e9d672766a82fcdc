using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Minutes;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Minutes;

/// <summary>
/// Minutes of an event: states and who reads them (pages, event page link, API), revisions and restore, the conflict
/// check between two editors, the lock after publication, decisions and follow-ups with their closing, and bad input.
/// </summary>
public sealed class MinutesTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Edit(Guid id) => $"/geschaeftsstelle/veranstaltungen/{id}/protokoll";

    private static string Read(Guid id) => $"/veranstaltungen/{id}/protokoll";

    private static DateTime Past => DateTime.UtcNow.AddDays(-3);

    private static Task<HttpResponseMessage> SaveAsync(HttpClient office, Guid id, string text, int baseRevision, string? note = null) =>
        office.PostFormAsync(Edit(id), "#minutes-form",
            [new("Input.Text", text), new("Input.BaseRevision", baseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Note", note ?? "")]);

    private static async Task<int> RevisionOnPageAsync(HttpClient office, Guid id) =>
        int.Parse((await office.GetDocumentAsync(Edit(id))).QuerySelector("#Input_BaseRevision")!.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ChangeStateAsync(HttpClient office, Guid id, string formSelector)
    {
        var page = await office.GetDocumentAsync(Edit(id));
        var revision = page.QuerySelector($"{formSelector} input[name=baseRevision]")!.GetAttribute("value")!;
        var target = page.QuerySelector($"{formSelector} input[name=target]")!.GetAttribute("value")!;
        using var response = await office.PostFormAsync(Edit(id), formSelector, [new("target", target), new("baseRevision", revision)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<EventMinutes?> MinutesAsync(Guid id) =>
        factory.EventQueryAsync(db => db.Set<EventMinutes>().AsNoTracking().SingleOrDefaultAsync(m => m.EventId == id, Ct));

    private Task<List<MinutesRevision>> RevisionsAsync(Guid id) =>
        factory.EventQueryAsync(db => (from r in db.Set<MinutesRevision>().AsNoTracking()
                                       join m in db.Set<EventMinutes>() on r.MinutesId equals m.Id
                                       where m.EventId == id
                                       orderby r.Number
                                       select r).ToListAsync(Ct));

    private Task<List<MinutesItem>> ItemsAsync(Guid id) =>
        factory.EventQueryAsync(db => db.Set<MinutesItem>().AsNoTracking().Where(i => i.EventId == id).OrderBy(i => i.CreatedAtUtc).ToListAsync(Ct));

    private async Task ConfirmAsync(Guid eventId, Guid personId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new EventRegistration { EventId = eventId, PersonId = personId, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<HttpResponseMessage> AddItemAsync(
        HttpClient office, Guid id, string kind, string text, string? person = null, string? ags = null, string? due = null) =>
        await office.PostFormAsync(Edit(id), "#minutes-item-form",
            [new("Item.Kind", kind), new("Item.Text", text), new("Item.ResponsibleAccountId", person ?? ""), new("Item.ResponsibleAgs", ags ?? ""), new("Item.DueDate", due ?? "")]);

    [Fact]
    public async Task Minutes_move_from_draft_to_review_to_published_and_each_state_has_its_readers()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Protokoll Status");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var participant = await factory.CreatePersonAsync([Roles.MemberStaff]);
        await ConfirmAsync(id, participant.Id);
        var participantClient = await factory.SignedInAsAsync(participant);
        var otherMember = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();

        using (var saved = await SaveAsync(office, id, "## Begrüßung\n\nDie **Sprecherin** eröffnet.", 0))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Draft: the office only; everyone else gets 404 on the page and the API, and no link on the event page.
        Assert.Equal("Sprecherin", (await office.GetDocumentAsync(Read(id))).QuerySelector("#minutes-text strong")?.TextContent);
        await participantClient.GetDocumentAsync(Read(id), HttpStatusCode.NotFound);
        await anonymous.GetDocumentAsync(Read(id), HttpStatusCode.NotFound);
        Assert.Null((await anonymous.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#minutes-link"));
        using (var api = await anonymous.GetAsync($"/api/v1/events/{id}/minutes", Ct))
        {
            await api.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // Under review: the confirmed participant reads it (page and event page link), other members do not; the API stays closed.
        await ChangeStateAsync(office, id, "#minutes-review-form");
        Assert.Equal(MinutesState.InReview, (await MinutesAsync(id))!.State);
        Assert.Contains("zur Abstimmung", (await participantClient.GetDocumentAsync(Read(id))).QuerySelector("#minutes-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await participantClient.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#minutes-link"));
        await otherMember.GetDocumentAsync(Read(id), HttpStatusCode.NotFound);
        using (var api = await participantClient.GetAsync($"/api/v1/events/{id}/minutes", Ct))
        {
            await api.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        // Published (public event): everyone, with the link on the event page and in the API.
        await ChangeStateAsync(office, id, "#minutes-publish-form");
        Assert.Equal("Sprecherin", (await anonymous.GetDocumentAsync(Read(id))).QuerySelector("#minutes-text strong")?.TextContent);
        Assert.NotNull((await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#minutes-link"));
        using (var api = await anonymous.GetAsync($"/api/v1/events/{id}/minutes", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            var json = await api.JsonAsync();
            Assert.Equal("published", json.GetProperty("state").GetString());
            Assert.Contains("<strong>Sprecherin</strong>", json.GetProperty("html").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(
            ["minutes.saved", "minutes.submitted_for_review", "minutes.published"],
            (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action).Where(a => a.StartsWith("minutes.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Published_minutes_of_a_members_event_stay_with_members()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, audience: EventAudience.Members, title: "Mitgliedertreffen Protokoll");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(office, id, "Vertraulicher Stand der Förderung.", 0)).Dispose();
        await ChangeStateAsync(office, id, "#minutes-review-form");
        await ChangeStateAsync(office, id, "#minutes-publish-form");

        var anonymous = factory.CreateBrowserLikeClient();
        await anonymous.GetDocumentAsync(Read(id), HttpStatusCode.NotFound);
        using (var api = await anonymous.GetAsync($"/api/v1/events/{id}/minutes", Ct))
        {
            await api.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        Assert.Contains("Vertraulicher Stand", (await member.GetDocumentAsync(Read(id))).QuerySelector("#minutes-text")!.TextContent, StringComparison.Ordinal);
        using var memberApi = await member.GetAsync($"/api/v1/events/{id}/minutes", Ct);
        Assert.Equal(HttpStatusCode.OK, memberApi.StatusCode);
    }

    [Fact]
    public async Task A_save_on_top_of_a_newer_revision_shows_the_other_text_and_keeps_the_own_without_overwriting()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Konflikt");
        var anna = await factory.CreatePersonAsync([Roles.Office], displayName: "Anna Geschäftsstelle");
        var ben = await factory.CreatePersonAsync([Roles.Office], displayName: "Ben Geschäftsstelle");
        var annaClient = await factory.SignedInAsAsync(anna);
        var benClient = await factory.SignedInAsAsync(ben);
        (await SaveAsync(annaClient, id, "Erste Fassung.", 0)).Dispose();

        // Both opened the form at revision 1; Anna saves first.
        Assert.Equal(1, await RevisionOnPageAsync(benClient, id));
        using (var first = await SaveAsync(annaClient, id, "Annas Fassung mit Beschluss.", 1))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await SaveAsync(benClient, id, "Bens Fassung mit Ergänzung.", 1);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.ParseAsync();
        Assert.Contains("Jemand anderes hat das Protokoll inzwischen geändert", await second.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Contains("Anna Geschäftsstelle", page.QuerySelector("#minutes-conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Annas Fassung mit Beschluss.", page.QuerySelector("#minutes-conflict-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bens Fassung mit Ergänzung.", page.QuerySelector("#Input_Text")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("#Input_BaseRevision")!.GetAttribute("value"));
        Assert.Equal("Annas Fassung mit Beschluss.", (await MinutesAsync(id))!.Text);

        // The autosave of a stale form is refused the same way, as JSON.
        var token = (await benClient.GetDocumentAsync(Edit(id))).QuerySelector("#minutes-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var stale = await benClient.PostAsync(new Uri(Edit(id) + "?handler=Autosave", UriKind.Relative),
            new FormUrlEncodedContent([new("Input.Text", "Bens Autosave."), new("Input.BaseRevision", "1"), new("__RequestVerificationToken", token)]), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal("conflict", (await stale.JsonAsync()).GetProperty("status").GetString());
        }

        Assert.Equal("Annas Fassung mit Beschluss.", (await MinutesAsync(id))!.Text);

        // Having seen Anna's text, Ben saves on top of it knowingly; both versions stay in the history.
        using (var third = await SaveAsync(benClient, id, "Bens Fassung mit Ergänzung und Annas Beschluss.", 2))
        {
            Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        }

        var revisions = await RevisionsAsync(id);
        Assert.Equal([1, 2, 3], revisions.Select(r => r.Number));
        Assert.Equal([anna.Id, anna.Id, ben.Id], revisions.Select(r => r.AuthorId!.Value));
    }

    [Fact]
    public async Task Two_simultaneous_saves_from_the_same_revision_store_exactly_one()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Gleichzeitig");
        var one = await factory.CreateClientSignedInAsync(Roles.Office);
        var two = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(one, id, "Start.", 0)).Dispose();

        var responses = await Task.WhenAll(SaveAsync(one, id, "Fassung eins.", 1), SaveAsync(two, id, "Fassung zwei.", 1));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var minutes = (await MinutesAsync(id))!;
        Assert.Equal(2, minutes.Revision);
        Assert.True(minutes.Text is "Fassung eins." or "Fassung zwei.", minutes.Text);
        Assert.Equal(2, (await RevisionsAsync(id)).Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_old_revision_is_restored_as_a_new_one_and_the_revisions_page_shows_who_and_what()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Wiederherstellen");
        var author = await factory.CreatePersonAsync([Roles.Office], displayName: "Clara Protokoll");
        var office = await factory.SignedInAsAsync(author);
        (await SaveAsync(office, id, "Zeile eins\nZeile zwei", 0)).Dispose();
        (await SaveAsync(office, id, "Zeile eins\nZeile drei", 1)).Dispose();

        var page = await office.GetDocumentAsync(Edit(id) + "/versionen");
        Assert.Contains("Clara Protokoll", page.QuerySelector("#revision-2 h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("+ Zeile drei", page.QuerySelector("#revision-2 ins")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("− Zeile zwei", page.QuerySelector("#revision-2 del")!.TextContent, StringComparison.Ordinal);

        using var restored = await office.PostFormAsync(Edit(id) + "/versionen", "#revision-1 form", [new("number", "1"), new("baseRevision", "2"), new("note", "")]);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var minutes = (await MinutesAsync(id))!;
        Assert.Equal((3, "Zeile eins\nZeile zwei"), (minutes.Revision, minutes.Text));
        var last = (await RevisionsAsync(id))[^1];
        Assert.Equal((RevisionKind.Restored, "Version 1"), (last.Kind, last.Note));
        Assert.Contains("minutes.restored", (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));

        // A restore from a stale page is refused like a stale save.
        using var stale = await office.PostFormAsync(Edit(id) + "/versionen", "#revision-2 form", [new("number", "2"), new("baseRevision", "2"), new("note", "")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Jemand anderes hat das Protokoll inzwischen geändert", await stale.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await MinutesAsync(id))!.Revision);
    }

    [Fact]
    public async Task Published_minutes_change_only_with_a_note_as_a_change_after_publication()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Gesperrt");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(office, id, "Endfassung.", 0)).Dispose();
        await ChangeStateAsync(office, id, "#minutes-review-form");
        await ChangeStateAsync(office, id, "#minutes-publish-form");

        using (var withoutNote = await SaveAsync(office, id, "Nachträglich geändert.", 1))
        {
            Assert.Equal(HttpStatusCode.OK, withoutNote.StatusCode);
            Assert.Contains("Das Protokoll ist veröffentlicht. Bitte begründen Sie die Änderung.", await withoutNote.ErrorSummaryAsync(), StringComparison.Ordinal);
            Assert.Equal("Nachträglich geändert.", (await withoutNote.ParseAsync()).QuerySelector("#Input_Text")!.TextContent.Trim());
        }

        Assert.Equal("Endfassung.", (await MinutesAsync(id))!.Text);
        Assert.Null((await office.GetDocumentAsync(Edit(id))).QuerySelector("#minutes-form[data-minutes-autosave=on]"));
        Assert.Null((await office.GetDocumentAsync(Edit(id))).QuerySelector("#minutes-item-form"));

        using (var withNote = await SaveAsync(office, id, "Nachträglich geändert.", 1, "Tippfehler im Namen korrigiert"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withNote.StatusCode);
        }

        var minutes = (await MinutesAsync(id))!;
        Assert.Equal((MinutesState.Published, "Nachträglich geändert.", 2), (minutes.State, minutes.Text, minutes.Revision));
        var last = (await RevisionsAsync(id))[^1];
        Assert.Equal((RevisionKind.ChangedAfterPublication, "Tippfehler im Namen korrigiert"), (last.Kind, last.Note));
        Assert.Contains("Änderung nach Veröffentlichung", (await office.GetDocumentAsync(Edit(id) + "/versionen")).QuerySelector("#revision-2")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_text_is_refused_and_nothing_is_stored()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Leer");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using var response = await SaveAsync(office, id, "   ", 0);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bitte geben Sie den Text des Protokolls ein.", await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Null(await MinutesAsync(id));
        await office.GetDocumentAsync(Edit(Guid.NewGuid()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Follow_ups_are_recorded_with_checked_input_listed_for_members_and_closed_with_a_note()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Aufgaben");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var responsible = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln, displayName: "Dora Verantwortlich");
        await ConfirmAsync(id, responsible.Id);
        (await SaveAsync(office, id, "Protokoll mit Aufgaben.", 0)).Dispose();

        // Bad input: each refused in German at its field, nothing stored.
        using (var bad = await AddItemAsync(office, id, "FollowUp", "", person: Guid.NewGuid().ToString(), due: "morgen"))
        {
            var summary = await bad.ErrorSummaryAsync();
            Assert.Contains("Bitte geben Sie den Text ein.", summary, StringComparison.Ordinal);
            Assert.Contains("Diese Person gibt es im Verzeichnis nicht.", summary, StringComparison.Ordinal);
            Assert.Contains("Bitte geben Sie das Fälligkeitsdatum als Datum an, z. B. 2027-06-30.", summary, StringComparison.Ordinal);
        }

        using (var noOne = await AddItemAsync(office, id, "FollowUp", "Bericht schreiben", ags: "99999999", due: "2027-01-31"))
        {
            Assert.Contains("Diese Gemeinde gibt es nicht.", await noOne.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        using (var nobody = await AddItemAsync(office, id, "FollowUp", "Bericht schreiben", due: "2027-01-31"))
        {
            Assert.Contains("Bitte wählen Sie, wer die Aufgabe übernimmt", await nobody.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await ItemsAsync(id));

        // The responsible person is offered in the form (a confirmed participant).
        Assert.NotNull((await office.GetDocumentAsync(Edit(id))).QuerySelector($"#Item_ResponsibleAccountId option[value='{responsible.Id}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await AddItemAsync(office, id, "Decision", "Das Netzwerk tagt künftig zweimonatlich.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddItemAsync(office, id, "FollowUp", "Termine für 2027 abstimmen", ags: ApiTestPeople.Duesseldorf, due: "2020-01-31")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddItemAsync(office, id, "FollowUp", "Fotos der Begehung teilen", person: responsible.Id.ToString(), due: "2099-03-31")).StatusCode);
        Assert.Equal(3, (await ItemsAsync(id)).Count);

        // Under review the confirmed participant already sees them; other members once published.
        await ChangeStateAsync(office, id, "#minutes-review-form");
        var dora = await factory.SignedInAsAsync(responsible);
        var tasks = await dora.GetDocumentAsync("/offene-aufgaben");
        var listed = tasks.QuerySelectorAll("#tasks > li").Where(li => li.TextContent.Contains("Netzwerktreffen Aufgaben", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Contains("Fotos der Begehung teilen", listed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Ihre Aufgabe", listed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("überfällig", listed[1].TextContent, StringComparison.Ordinal);
        Assert.Null(listed[1].QuerySelector("form"));

        var stranger = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        Assert.DoesNotContain("Netzwerktreffen Aufgaben", (await stranger.GetDocumentAsync("/offene-aufgaben")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await ChangeStateAsync(office, id, "#minutes-publish-form");
        var strangerPage = await stranger.GetDocumentAsync("/offene-aufgaben");
        Assert.Contains("Termine für 2027 abstimmen", strangerPage.QuerySelector("#tasks")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(strangerPage.QuerySelectorAll("#tasks form"));

        var doraTask = (await ItemsAsync(id)).Single(i => i.ResponsibleAccountId == responsible.Id);
        var doraTaskSelector = $"#task-{doraTask.Id:N} form";

        // Closing needs a note.
        using (var noNote = await dora.PostFormAsync("/offene-aufgaben", doraTaskSelector, [new("note", " ")]))
        {
            Assert.Contains("Bitte schreiben Sie kurz, was erledigt wurde.", await noNote.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await ItemsAsync(id)).Single(i => i.Id == doraTask.Id).ClosedAtUtc);

        using (var closed = await dora.PostFormAsync("/offene-aufgaben", doraTaskSelector, [new("note", "Fotos liegen im Austauschordner.")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        var stored = (await ItemsAsync(id)).Single(i => i.Id == doraTask.Id);
        Assert.Equal((responsible.Id, "Fotos liegen im Austauschordner."), (stored.ClosedById!.Value, stored.ClosingNote));
        Assert.Contains("minutes.follow_up_closed", (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));
        var again = (await dora.GetDocumentAsync("/offene-aufgaben?status=erledigt")).QuerySelector($"#task-{doraTask.Id:N} form");
        Assert.Null(again);
        var closedList = await dora.GetDocumentAsync("/offene-aufgaben?status=erledigt");
        Assert.Contains("Fotos liegen im Austauschordner.", closedList.QuerySelector("#tasks")!.TextContent, StringComparison.Ordinal);

        // The minutes page shows decisions and follow-ups.
        var read = await factory.CreateBrowserLikeClient().GetDocumentAsync(Read(id));
        Assert.Contains("zweimonatlich", read.QuerySelector("#minutes-decisions")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, read.QuerySelectorAll("#minutes-follow-ups > li").Length);
    }

    [Fact]
    public async Task A_member_who_is_not_responsible_cannot_close_a_follow_up()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Fremde Aufgabe");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(office, id, "Text.", 0)).Dispose();
        (await AddItemAsync(office, id, "FollowUp", "Nur Düsseldorf", ags: ApiTestPeople.Duesseldorf, due: "2099-01-31")).Dispose();
        await ChangeStateAsync(office, id, "#minutes-review-form");
        await ChangeStateAsync(office, id, "#minutes-publish-form");
        var task = (await ItemsAsync(id)).Single();

        // A member of another municipality, posting the form by hand with a token from their own page.
        var koeln = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln);
        var client = await factory.SignedInAsAsync(koeln);
        var token = (await client.GetDocumentAsync("/offene-aufgaben")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        using (var refused = await client.PostAsync(new Uri($"/offene-aufgaben?handler=Close&itemId={task.Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("note", "erledigt"), new("__RequestVerificationToken", token)]), Ct))
        {
            Assert.Contains("Diese Aufgabe können nur die Geschäftsstelle und die Verantwortlichen", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await ItemsAsync(id)).Single().ClosedAtUtc);

        // A member of the responsible municipality may.
        var duesseldorf = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Duesseldorf));
        var page = await duesseldorf.GetDocumentAsync("/offene-aufgaben");
        Assert.Contains("Aufgabe Ihrer Gemeinde", page.QuerySelector($"#task-{task.Id:N}")!.TextContent, StringComparison.Ordinal);
        using var closed = await duesseldorf.PostFormAsync("/offene-aufgaben", $"#task-{task.Id:N} form", [new("note", "Abgestimmt.")]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
    }

    [Fact]
    public async Task Two_people_closing_the_same_task_at_once_leave_exactly_one_note()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Doppelt erledigt");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(office, id, "Text.", 0)).Dispose();
        // Bielefeld: no other test gives it tasks, so the list filtered by it stays on one page however many tasks the class made.
        const string bielefeld = "05711000";
        (await AddItemAsync(office, id, "FollowUp", "Gemeinsame Aufgabe", ags: bielefeld, due: "2099-01-31")).Dispose();
        await ChangeStateAsync(office, id, "#minutes-review-form");
        await ChangeStateAsync(office, id, "#minutes-publish-form");
        var task = (await ItemsAsync(id)).Single();

        // Both load the list while the task is open, then post at the same time.
        var first = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff], bielefeld));
        var second = await factory.CreateClientSignedInAsync(Roles.Office);
        async Task<string> TokenAsync(HttpClient client) =>
            (await client.GetDocumentAsync("/offene-aufgaben?gemeinde=" + bielefeld)).QuerySelector($"#task-{task.Id:N} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> CloseAsync(HttpClient client, string token, string note) =>
            client.PostAsync(new Uri($"/offene-aufgaben?handler=Close&itemId={task.Id}", UriKind.Relative),
                new FormUrlEncodedContent([new("note", note), new("__RequestVerificationToken", token)]), Ct);

        // Both pages are loaded first (each shows the open task); only the two posts race.
        var firstToken = await TokenAsync(first);
        var secondToken = await TokenAsync(second);
        var responses = await Task.WhenAll(CloseAsync(first, firstToken, "Erledigt von der Gemeinde."), CloseAsync(second, secondToken, "Erledigt von der Geschäftsstelle."));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Contains("Diese Aufgabe ist bereits erledigt.", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        var stored = (await ItemsAsync(id)).Single();
        Assert.True(stored.ClosingNote is "Erledigt von der Gemeinde." or "Erledigt von der Geschäftsstelle.", stored.ClosingNote);
        Assert.Single(await factory.AuditEntriesAsync(id.ToString()), e => e.Action == "minutes.follow_up_closed");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_follow_up_api_lists_visible_tasks_and_answers_bad_parameters_with_problem_details()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen API");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        (await SaveAsync(office, id, "API-Text.", 0)).Dispose();
        (await AddItemAsync(office, id, "FollowUp", "API-Aufgabe", ags: ApiTestPeople.Duesseldorf, due: "2099-05-31")).Dispose();
        (await AddItemAsync(office, id, "Decision", "API-Beschluss")).Dispose();

        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
        // Draft: not listed.
        var draft = await (await api.GetAsync("/api/v1/follow-ups?pageSize=100", Ct)).JsonAsync();
        Assert.DoesNotContain(draft.GetProperty("items").EnumerateArray(), t => t.GetProperty("eventId").GetGuid() == id);

        await ChangeStateAsync(office, id, "#minutes-review-form");
        await ChangeStateAsync(office, id, "#minutes-publish-form");
        using (var list = await api.GetAsync("/api/v1/follow-ups?pageSize=100", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var task = (await list.JsonAsync()).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("eventId").GetGuid() == id);
            Assert.Equal(("API-Aufgabe", "open", "2099-05-31", ApiTestPeople.Duesseldorf),
                (task.GetProperty("text").GetString(), task.GetProperty("status").GetString(), task.GetProperty("dueDate").GetString(),
                 task.GetProperty("responsibleMunicipalityAgs").GetString()));
        }

        using (var minutes = await api.GetAsync($"/api/v1/events/{id}/minutes", Ct))
        {
            var json = await minutes.JsonAsync();
            Assert.Equal("API-Beschluss", json.GetProperty("decisions")[0].GetProperty("text").GetString());
            Assert.Equal("API-Aufgabe", json.GetProperty("followUps")[0].GetProperty("text").GetString());
        }

        using (var bad = await api.GetAsync("/api/v1/follow-ups?status=fertig&page=0", Ct))
        {
            var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
        }

        using (var anonymous = await factory.CreateClient().GetAsync("/api/v1/follow-ups", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var unknown = await api.GetAsync($"/api/v1/events/{Guid.NewGuid()}/minutes", Ct);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Personal_data_export_lists_revisions_and_tasks_and_erasure_removes_the_name_but_keeps_the_record()
    {
        var id = await factory.CreateEventAsync(startUtc: Past, title: "Netzwerktreffen Daten");
        var author = await factory.CreatePersonAsync([Roles.Office], displayName: "Emil Autor");
        var office = await factory.SignedInAsAsync(author);
        (await SaveAsync(office, id, "Text von Emil.", 0)).Dispose();
        (await AddItemAsync(office, id, "FollowUp", "Emils Aufgabe", ags: ApiTestPeople.Duesseldorf, due: "2099-05-31")).Dispose();

        await using (var scope = factory.CreateScope())
        {
            var contributor = scope.ServiceProvider.GetServices<Quartiersnetz.Platform.Privacy.IPersonalDataContributor>().OfType<MinutesPersonalData>().Single();
            var export = JsonSerializer.Serialize(await contributor.ExportAsync(author.Id, Ct));
            Assert.Contains("Netzwerktreffen Daten", export, StringComparison.Ordinal);
            await contributor.EraseAsync(author.Id, Ct);
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        var revision = (await RevisionsAsync(id)).Single();
        Assert.Equal(("Text von Emil.", (Guid?)null), (revision.Text, revision.AuthorId));
    }
}
