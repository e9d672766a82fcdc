using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Exports;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>Per-event questions ("nur anzeigen, wenn") and accessibility needs, on the event page and through the API.</summary>
public sealed class EventRegistrationFormTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static readonly string[] ChosenWorkshops = ["Grünflächen", "Verfügungsfonds"];
    private static readonly string[] ChosenNeeds = ["sonstiges", "gebaerdensprache"];
    private static readonly string[] UnknownWorkshop = ["Beteiligung", "Tanzen"];
    private static readonly string[] UnknownNeed = ["sonstiges", "fahrdienst"];
    private static readonly string[] NotAnObject = ["x"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_defines_a_conditional_question_and_a_member_answers_it_on_the_event_page()
    {
        var id = await factory.CreateEventAsync(title: "Fachgespräch Fragen");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var path = $"/geschaeftsstelle/veranstaltungen/{id}/fragen";

        using (var added = await office.SubmitFormAsync(path, new Dictionary<string, string>
        {
            ["Question.Text"] = "Kommen Sie mit dem Auto?", ["Question.Kind"] = "YesNo", ["Question.Required"] = "true",
        }, "#question-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var page = await office.GetDocumentAsync(path);
        var car = Guid.Parse(page.QuerySelector("#questions tbody tr")!.GetAttribute("data-question-id")!);
        using (var added = await office.SubmitFormAsync(path, new Dictionary<string, string>
        {
            ["Question.Text"] = "Welchen Parkplatz brauchen Sie?", ["Question.Kind"] = "SingleChoice", ["Question.Required"] = "true",
            ["Question.Options"] = "Normal\r\nBehindertenparkplatz", ["Question.ShowIf"] = $"{car}|Ja",
        }, "#question-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        // Bad input on the office form: choices without options, in German, nothing added.
        using (var refused = await office.SubmitFormAsync(path, new Dictionary<string, string>
        {
            ["Question.Text"] = "Welche Werkstatt?", ["Question.Kind"] = "SingleChoice", ["Question.Options"] = "nur eine",
        }, "#question-form"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("mindestens zwei Antwortmöglichkeiten", (await refused.ParseAsync()).QuerySelector("#fehler")!.TextContent, StringComparison.Ordinal);
        }

        var questions = await factory.EventQueryAsync(db => db.Set<EventQuestion>().Where(q => q.EventId == id).OrderBy(q => q.Position).ToListAsync(Ct));
        Assert.Equal(2, questions.Count);
        Assert.Equal(car, questions[1].ShowIfQuestionId);
        Assert.Equal(["event.question.added", "event.question.added"], (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action));

        // "Nein" hides the parking question: its (required) answer is not needed and a sent one is ignored.
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var eventPage = await member.GetDocumentAsync($"/veranstaltungen/{id}");
        Assert.Equal("answer-" + car, eventPage.QuerySelector($"#answer-{questions[1].Id}")!.GetAttribute("data-show-if"));
        Assert.Equal("Nur wenn Sie bei „Kommen Sie mit dem Auto?“ mit „Ja“ geantwortet haben.", eventPage.QuerySelector($"#answer-{questions[1].Id}-hint")!.TextContent);
        using (var registered = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string>
        {
            ["answer-" + car] = "Nein", ["answer-" + questions[1].Id] = "Normal", ["needs"] = "rollstuhl",
        }, "#register-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        var answers = await factory.AnswersAsync(id);
        var answer = Assert.Single(answers);
        Assert.Equal(("Kommen Sie mit dem Auto?", "Nein"), (answer.QuestionText, answer.Value));
        var registration = Assert.Single(await factory.RegistrationsAsync(id));
        Assert.Equal("rollstuhl", registration.AccessibilityNeedCodes);

        var participants = await office.GetDocumentAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende");
        var cell = participants.QuerySelector(".participant-answers")!.TextContent;
        Assert.Contains("Kommen Sie mit dem Auto?: Nein", cell, StringComparison.Ordinal);
        Assert.Contains("Rollstuhlgerechter Zugang", cell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_page_refuses_a_missing_required_answer_in_German_and_keeps_the_input()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        using var response = await member.SubmitFormAsync($"/veranstaltungen/{id}", new Dictionary<string, string>
        {
            ["answer-" + q.Car] = "Ja", ["answer-" + q.Diet] = "vegetarisch",
        }, "#register-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Bitte beantworten Sie die Frage „Welchen Parkplatz brauchen Sie?“.", page.QuerySelector($"#answer-{q.Parking}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("vegetarisch", page.QuerySelector($"#answer-{q.Diet}")!.TextContent);
        Assert.Empty(await factory.RegistrationsAsync(id));
        Assert.Empty(await factory.AnswersAsync(id));
    }

    [Fact]
    public async Task The_api_stores_answers_and_needs_and_lists_them_for_the_office()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var (person, api) = await MemberApiAsync();

        var listed = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}/questions", Ct);
        Assert.Equal(5, listed.GetArrayLength());
        Assert.Equal(q.Car, listed[1].GetProperty("showIfQuestionId").GetGuid());
        Assert.Equal("YesNo", listed[0].GetProperty("kind").GetString());

        using var created = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object>
            {
                [q.Car.ToString()] = true,
                [q.Parking.ToString()] = "Behindertenparkplatz",
                [q.Workshops.ToString()] = ChosenWorkshops,
                [q.Lunch.ToString()] = "nein",
            },
            accessibilityNeeds = ChosenNeeds,
            accessibilityNote = "Assistenzhund",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("confirmed", (await created.JsonAsync()).GetProperty("status").GetString());
        var office = await OfficeApiAsync();
        var list = await office.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}/registrations", Ct);
        var row = list.GetProperty("items")[0];
        Assert.Equal(person.Id, row.GetProperty("personId").GetGuid());
        Assert.False(row.GetProperty("isGuest").GetBoolean());
        var answers = row.GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(["Kommen Sie mit dem Auto?", "Welchen Parkplatz brauchen Sie?", "Welche Werkstätten besuchen Sie?", "Nehmen Sie am Mittagessen teil?"],
            answers.Select(a => a.GetProperty("question").GetString()));
        Assert.Equal(["Verfügungsfonds", "Grünflächen"], answers[2].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Nein", answers[3].GetProperty("values")[0].GetString());
        Assert.Equal(["Gebärdensprachdolmetschung", "Sonstiges: Assistenzhund"], row.GetProperty("accessibilityNeeds").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task The_participant_export_has_a_column_per_question_and_one_for_the_accessibility_needs()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var (person, api) = await MemberApiAsync();
        using (var created = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object>
            {
                [q.Car.ToString()] = true,
                [q.Parking.ToString()] = "Behindertenparkplatz",
                [q.Workshops.ToString()] = ChosenWorkshops,
                [q.Diet.ToString()] = "vegan",
            },
            accessibilityNeeds = ChosenNeeds,
            accessibilityNote = "Assistenzhund",
        }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A question deleted after it was answered keeps its column (answers keep the text); a question whose text
        // repeats a fixed header gets a number, so the XLSX columns stay apart.
        await factory.EventQueryAsync(async db =>
        {
            db.Remove(await db.Set<EventQuestion>().SingleAsync(x => x.Id == q.Diet, Ct));
            db.Add(new EventQuestion { EventId = id, Position = 9, Kind = QuestionKind.FreeText, Text = "Status" });
            return await db.SaveChangesAsync(Ct);
        });
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var file = await office.DownloadAsync($"/geschaeftsstelle/veranstaltungen/{id}/teilnehmende/export?format={format}");

            Assert.Equal(
                ["Kommen Sie mit dem Auto?", "Welchen Parkplatz brauchen Sie?", "Welche Werkstätten besuchen Sie?", "Nehmen Sie am Mittagessen teil?", "Status (2)", "Hinweise zur Verpflegung", "Unterstützungsbedarf"],
                file.Headers.SkipWhile(h => h != "Kommen Sie mit dem Auto?"));
            var row = Assert.Single(file.Rows);
            Assert.Equal(person.Email, row["E-Mail"]);
            Assert.Equal("Ja", row["Kommen Sie mit dem Auto?"]);
            Assert.Equal("Behindertenparkplatz", row["Welchen Parkplatz brauchen Sie?"]);
            Assert.Equal("Verfügungsfonds, Grünflächen", row["Welche Werkstätten besuchen Sie?"]);
            Assert.Equal("vegan", row["Hinweise zur Verpflegung"]);
            Assert.Equal("", row["Status (2)"]);
            Assert.Equal("Gebärdensprachdolmetschung; Sonstiges: Assistenzhund", row["Unterstützungsbedarf"]);
        }
    }

    [Fact]
    public async Task The_api_refuses_a_missing_required_answer_an_unknown_option_and_an_unknown_question_storing_nothing()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var (_, api) = await MemberApiAsync();
        var stranger = Guid.NewGuid();

        using var missing = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { answers = new Dictionary<string, object> { [q.Car.ToString()] = "Ja" } }, Ct);
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Bitte beantworten Sie die Frage „Welchen Parkplatz brauchen Sie?“.", problem.GetProperty("errors").GetProperty($"answers.{q.Parking}")[0].GetString());

        using var unknownOption = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object> { [q.Car.ToString()] = "Nein", [q.Workshops.ToString()] = UnknownWorkshop },
        }, Ct);
        problem = await unknownOption.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("„Tanzen“ ist keine Antwortmöglichkeit", problem.GetProperty("errors").GetProperty($"answers.{q.Workshops}")[0].GetString(), StringComparison.Ordinal);

        using var unknownQuestion = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object> { [q.Car.ToString()] = "Nein", [stranger.ToString()] = "Hallo" },
        }, Ct);
        problem = await unknownQuestion.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Diese Frage gibt es bei dieser Veranstaltung nicht.", problem.GetProperty("errors").GetProperty($"answers.{stranger}")[0].GetString());

        using var unknownNeed = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object> { [q.Car.ToString()] = "Nein" }, accessibilityNeeds = UnknownNeed,
        }, Ct);
        problem = await unknownNeed.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("„fahrdienst“ ist kein Eintrag der Liste", problem.GetProperty("errors").GetProperty("accessibilityNeeds")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Bitte beschreiben Sie bei „Sonstiges“, was Sie brauchen.", problem.GetProperty("errors").GetProperty("accessibilityNote")[0].GetString());

        using var wrongShape = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { answers = new Dictionary<string, object> { [q.Car.ToString()] = 42 } }, Ct);
        await wrongShape.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var notAnObject = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { answers = NotAnObject }, Ct);
        problem = await notAnObject.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Fragen-ID als Schlüssel", problem.GetProperty("errors").GetProperty("answers")[0].GetString(), StringComparison.Ordinal);

        Assert.Empty(await factory.RegistrationsAsync(id));
        Assert.Empty(await factory.AnswersAsync(id));
        Assert.Equal(0, (await factory.EventAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task A_hidden_questions_answer_is_ignored_and_deleting_a_question_keeps_given_answers()
    {
        var id = await factory.CreateEventAsync();
        var q = await factory.AddQuestionsAsync(id);
        var (_, api) = await MemberApiAsync();

        using var created = await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new
        {
            answers = new Dictionary<string, object> { [q.Car.ToString()] = "Nein", [q.Parking.ToString()] = "kein gültiger Wert", [q.Diet.ToString()] = "vegan" },
            accessibilityNote = "ohne Sonstiges verworfen",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["Nein", "vegan"], (await factory.AnswersAsync(id)).Select(a => a.Value));
        Assert.Null(Assert.Single(await factory.RegistrationsAsync(id)).AccessibilityNote);

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var path = $"/geschaeftsstelle/veranstaltungen/{id}/fragen";
        // The condition's question cannot go while another depends on it.
        using (var refused = await office.SubmitFormAsync(path, new Dictionary<string, string>(), $"#questions tr[data-question-id='{q.Car}'] form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        Assert.Contains("hängt von dieser Frage ab", (await office.GetDocumentAsync(path)).QuerySelector("#questions-message")!.TextContent, StringComparison.Ordinal);
        using (var deleted = await office.SubmitFormAsync(path, new Dictionary<string, string>(), $"#questions tr[data-question-id='{q.Diet}'] form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        var answers = await factory.AnswersAsync(id);
        Assert.Equal(2, answers.Count);
        Assert.Null(answers[1].QuestionId);
        Assert.Equal(("Hinweise zur Verpflegung", "vegan"), (answers[1].QuestionText, answers[1].Value));
        var list = await (await OfficeApiAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}/registrations", Ct);
        Assert.Equal("vegan", list.GetProperty("items")[0].GetProperty("answers")[1].GetProperty("values")[0].GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_registration_body_with_answers()
    {
        var doc = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var post = doc.GetProperty("paths").GetProperty("/api/v1/events/{id}/registrations").GetProperty("post");
        var body = post.GetProperty("requestBody");
        Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
        var text = doc.GetRawText();
        Assert.Contains("accessibilityNeeds", text, StringComparison.Ordinal);
        Assert.Contains("\"answers\"", text, StringComparison.Ordinal);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/events/{id}/questions", out _));
    }

    private async Task<HttpClient> OfficeApiAsync() =>
        factory.CreateBearerClient(await factory.AccessTokenAsync(await factory.CreatePersonAsync([Roles.Office], twoFactor: true)));

    private async Task<(TestPerson Person, HttpClient Api)> MemberApiAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        return (person, factory.CreateBearerClient(await factory.AccessTokenAsync(person)));
    }
}
