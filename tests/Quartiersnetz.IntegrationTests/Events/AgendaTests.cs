using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The app with its files in a folder of its own and a material limit of 1 MB.</summary>
public sealed class AgendaFactory : QuartiersnetzFactory
{
    public AgendaFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
        WithSetting(EventDocuments.MaxMegabytesKey, "1");
    }

    public string FilesFolder { get; }

    public int StoredFiles() => Directory.Exists(Path.Combine(FilesFolder, "agenda")) ? Directory.GetFiles(Path.Combine(FilesFolder, "agenda")).Length : 0;

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
/// The timed agenda: the office builds it (items, speakers, materials), bad input is refused in German with nothing
/// stored, and the event page, the PDF, the .ics and the API show it with the event's and the profiles' visibility.
/// </summary>
public sealed class AgendaTests(AgendaFactory factory) : IClassFixture<AgendaFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>12 May 2027, 10:00–13:00 in Berlin (summer time).</summary>
    private static readonly DateTime EventStart = new(2027, 5, 12, 8, 0, 0, DateTimeKind.Utc);

    private static string Page(Guid id) => $"/geschaeftsstelle/veranstaltungen/{id}/tagesordnung";

    private static KeyValuePair<string, string>[] Item(string start, string end, string title, string type = "Vortrag", string description = "") =>
        [new("Input.Start", start), new("Input.End", end), new("Input.Title", title), new("Input.Type", type), new("Input.Description", description)];

    private async Task<(Guid EventId, HttpClient Office)> EventWithOfficeAsync(EventAudience audience = EventAudience.Public, string title = "Fachtag Tagesordnung")
    {
        var id = await factory.CreateEventAsync(startUtc: EventStart, audience: audience, title: title);
        return (id, await factory.CreateClientSignedInAsync(Roles.Office));
    }

    private Task<List<AgendaItem>> ItemsAsync(Guid eventId) =>
        factory.EventQueryAsync(db => db.Set<AgendaItem>().AsNoTracking().Where(i => i.EventId == eventId).OrderBy(i => i.StartUtc).ThenBy(i => i.SortOrder).ToListAsync(Ct));

    private async Task<Guid> AddItemAsync(HttpClient office, Guid eventId, string start, string end, string title, string type = "Vortrag", string description = "")
    {
        using var response = await office.PostFormAsync(Page(eventId), "#item-form", Item(start, end, title, type, description));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await ItemsAsync(eventId)).Single(i => i.Title == title).Id;
    }

    private async Task<Guid> CreateDirectoryPersonAsync(string name, ProfileVisibility nameVisibility, string organisation = "Stadt Gelsenkirchen")
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var email = $"redner-{Guid.NewGuid():N}@quartiersnetz.test";
        var user = new UserAccount
        {
            Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
            NameVisibility = nameVisibility, Organisation = organisation, OrganisationVisibility = nameVisibility,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes("%PDF-1.7\n% " + text + "\n%%EOF\n");

    [Fact]
    public async Task The_office_builds_an_agenda_which_the_event_page_shows_in_time_order_with_rendered_descriptions()
    {
        var (id, office) = await EventWithOfficeAsync();

        await AddItemAsync(office, id, "11:00", "11:45", "Bericht der Fördergeber", "BerichtFoerdergeber");
        var welcome = await AddItemAsync(office, id, "10:00", "10:45", "Begrüßung", "Vortrag", "**Überblick** über die Städtebauförderung");

        var items = await ItemsAsync(id);
        Assert.Equal(["Begrüßung", "Bericht der Fördergeber"], items.Select(i => i.Title));
        Assert.Equal((EventStart, EventStart.AddMinutes(45)), (items[0].StartUtc, items[0].EndUtc));
        Assert.Equal(AgendaItemType.BerichtFoerdergeber, items[1].Type);

        // Editing loads the item into the form and saves the change in place.
        var form = await office.GetDocumentAsync($"{Page(id)}?edit={welcome}");
        Assert.Equal("Begrüßung", form.QuerySelector("#Input_Title")?.GetAttribute("value"));
        using var changed = await office.PostFormAsync($"{Page(id)}?edit={welcome}", "#item-form",
            [.. Item("10:00", "10:30", "Begrüßung und Einführung", "Vortrag", "**Überblick** über die Städtebauförderung"), new("Input.ItemId", welcome.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(2, (await ItemsAsync(id)).Count);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/veranstaltungen/{id}");
        var agenda = page.QuerySelector("#agenda-list")!;
        Assert.Equal(["10:00–10:30 Begrüßung und Einführung", "11:00–11:45 Bericht der Fördergeber"],
            agenda.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()));
        Assert.Equal("Überblick", agenda.QuerySelector("strong")?.TextContent);
        Assert.Contains("Bericht der Fördergeber", agenda.QuerySelectorAll(".agenda__type")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["event.agenda_item_added", "event.agenda_item_added", "event.agenda_item_changed"],
            (await factory.AuditEntriesAsync(id.ToString())).Select(e => e.Action).Where(a => a.StartsWith("event.agenda", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string, string, string, string> BadItems => new()
    {
        { "09:00", "09:30", "Zu früh", "Vortrag", "in der Zeit der Veranstaltung liegen: 12.05.2027, 10:00 Uhr bis 12.05.2027, 13:00 Uhr" },
        { "12:30", "13:30", "Zu lang", "Vortrag", "in der Zeit der Veranstaltung" },
        { "11:00", "10:30", "Rückwärts", "Vortrag", "Das Ende muss nach dem Beginn liegen." },
        { "10:00", "10:30", "", "Vortrag", "Bitte geben Sie einen Titel ein." },
        { "10:00", "10:30", "Ohne Art", "Lesung", "Bitte wählen Sie die Art des Punkts." },
        { "zehn", "10:30", "Ohne Zeit", "Vortrag", "Bitte geben Sie die Beginnzeit an" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task An_item_outside_the_event_ending_before_it_starts_without_title_or_type_is_refused_in_German_and_nothing_is_stored(
        string start, string end, string title, string type, string message)
    {
        var (id, office) = await EventWithOfficeAsync();

        using var response = await office.PostFormAsync(Page(id), "#item-form", Item(start, end, title, type));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Empty(await ItemsAsync(id));
    }

    [Fact]
    public async Task Overlapping_items_are_allowed_and_pointed_out_and_only_items_starting_together_can_be_reordered()
    {
        var (id, office) = await EventWithOfficeAsync();
        var first = await AddItemAsync(office, id, "10:00", "11:00", "Werkstatt A", "Austausch");
        await AddItemAsync(office, id, "10:00", "11:00", "Werkstatt B", "Austausch");
        var later = await AddItemAsync(office, id, "11:00", "11:30", "Abschluss", "Diskussion");

        var page = await office.GetDocumentAsync(Page(id));
        Assert.Contains("Werkstatt B", page.QuerySelector($"#item-{first:N} .agenda-overlap")?.TextContent, StringComparison.Ordinal);

        using var moved = await office.PostFormAsync(Page(id), $"#item-{first:N} form.agenda-move-down", [new("direction", "down")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(["Werkstatt B", "Werkstatt A", "Abschluss"], (await ItemsAsync(id)).Select(i => i.Title));

        using var refused = await office.PostFormAsync(Page(id), $"#item-{later:N} form.agenda-move-up", [new("direction", "up")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Die Reihenfolge folgt den Uhrzeiten", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(["Werkstatt B", "Werkstatt A", "Abschluss"], (await ItemsAsync(id)).Select(i => i.Title));
    }

    [Fact]
    public async Task A_members_only_profile_name_is_not_shown_to_anonymous_readers_but_external_and_public_speakers_are()
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Podium Quartiersarbeit", "Diskussion");
        var hidden = await CreateDirectoryPersonAsync("Henrike Verborgen-Müller", ProfileVisibility.Members, "Amt für Geheimes");
        var open = await CreateDirectoryPersonAsync("Özlem Offen", ProfileVisibility.Public, "Quartiersbüro Nord");

        // The office finds directory people by name and picks one.
        foreach (var (person, search) in new[] { (hidden, "Verborgen"), (open, "Özlem") })
        {
            var url = $"{Page(id)}?searchItem={item}&q={Uri.EscapeDataString(search)}";
            var results = await office.GetDocumentAsync(url);
            Assert.Single(results.QuerySelectorAll($"#person-form-{item:N} input[name=accountId]"));
            using var picked = await office.PostFormAsync(url, $"#person-form-{item:N}", [new("accountId", person.ToString())]);
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        }

        using var external = await office.PostFormAsync(Page(id), $"#external-form-{item:N}",
            [new("name", "Prof. Jürgen Gast"), new("organisation", "Hochschule Bochum"), new("bio", "Forscht zu Quartieren.")]);
        Assert.Equal(HttpStatusCode.Redirect, external.StatusCode);
        using var duplicate = await office.PostFormAsync($"{Page(id)}?searchItem={item}&q=Offen", $"#person-form-{item:N}", [new("accountId", open.ToString())]);
        Assert.Contains("schon eingetragen", await duplicate.ErrorSummaryAsync(), StringComparison.Ordinal);
        using var nameless = await office.PostFormAsync(Page(id), $"#external-form-{item:N}", [new("name", " "), new("organisation", "Nur Organisation")]);
        Assert.Contains("Bitte geben Sie den Namen", await nameless.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await factory.EventQueryAsync(db => db.Set<AgendaSpeaker>().CountAsync(s => s.AgendaItemId == item, Ct)));

        var anonymous = factory.CreateBrowserLikeClient();
        var publicPage = (await anonymous.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#agenda")!.TextContent;
        Assert.DoesNotContain("Verborgen", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Amt für Geheimes", publicPage, StringComparison.Ordinal);
        Assert.Contains("Person aus dem Netzwerk", publicPage, StringComparison.Ordinal);
        Assert.Contains("Özlem Offen", publicPage, StringComparison.Ordinal);
        Assert.Contains("Prof. Jürgen Gast (Hochschule Bochum)", publicPage, StringComparison.Ordinal);
        Assert.Contains("Forscht zu Quartieren.", publicPage, StringComparison.Ordinal);

        using var api = await anonymous.GetAsync(new Uri($"/api/v1/events/{id}/agenda", UriKind.Relative), Ct);
        var apiText = await api.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Verborgen", apiText, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.ToString(), apiText, StringComparison.Ordinal);
        Assert.Contains("Özlem Offen", apiText, StringComparison.Ordinal);

        var ics = await anonymous.GetStringAsync(new Uri($"/veranstaltungen/{id}.ics", UriKind.Relative), Ct);
        Assert.DoesNotContain("Verborgen", ics, StringComparison.Ordinal);

        // A member sees the members-only name; the page's kept agenda is the stored one, so a signed-in visitor who is
        // not a member, reading after the member, still does not.
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var withoutRole = await factory.CreateClientSignedInAsync();
        Assert.Contains("Henrike Verborgen-Müller", (await member.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#agenda")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Verborgen", (await withoutRole.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelector("#agenda")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> RefusedMaterials => new()
    {
        { "pdf-as-pptx", "folien.pptx", "kein PowerPoint-Dokument" },
        { "executable", "folien.pptx", "kein PDF-, Word-" },
        { "too-large", "folien.pdf", "höchstens 1 MB" },
        { "empty", "folien.pdf", "Bitte wählen Sie eine Datei aus." },
    };

    [Theory]
    [MemberData(nameof(RefusedMaterials))]
    public async Task Slides_that_are_not_what_their_name_says_or_too_large_are_refused_in_German_and_nothing_is_stored(string kind, string fileName, string message)
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Vortrag mit Folien");
        byte[] content = kind switch
        {
            "pdf-as-pptx" => Pdf("eigentlich PDF"),
            "executable" => [.. "MZ"u8, .. new byte[500]],
            "too-large" => Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', (1024 * 1024) + 10)),
            _ => [],
        };
        var before = factory.StoredFiles();

        using var response = await office.PostMultipartAsync(Page(id), $"#material-form-{item:N}", [new("materialTitle", "Folien")], "material", content, fileName, "application/octet-stream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(message, page.QuerySelector($"#material-{item:N}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Folien", page.QuerySelector($"#material-{item:N}-title")?.GetAttribute("value"));
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<AgendaMaterial>().CountAsync(m => m.EventId == id, Ct)));
        Assert.Equal(before, factory.StoredFiles());
        Assert.Single(await ItemsAsync(id));
    }

    [Fact]
    public async Task A_200_MB_upload_gets_413_and_the_German_page_and_the_agenda_is_kept()
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Vortrag mit riesigen Folien");
        var page = await office.GetDocumentAsync(Page(id));
        var form = page.QuerySelector($"#material-form-{item:N}")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(new ZeroStream(200L * 1024 * 1024)), "material", "riesig.pptx" },
        };

        using var response = await office.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Die Anfrage ist zu groß", (await response.ParseAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<AgendaMaterial>().CountAsync(m => m.EventId == id, Ct)));
        Assert.Single(await ItemsAsync(id));
    }

    [Fact]
    public async Task Materials_follow_the_rules_of_event_documents_and_removing_an_item_deletes_its_files()
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Vortrag Förderung");
        using (var slides = await office.PostMultipartAsync(Page(id), $"#material-form-{item:N}", [new("materialTitle", "Folien Förderung")], "material", Pdf("Folien"), "folien.pdf", "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.Redirect, slides.StatusCode);
        }

        using (var list = await office.PostMultipartAsync(Page(id), $"#material-form-{item:N}", [new("participantsOnly", "true")], "material", Pdf("Liste"), "Teilnehmende_Liste.pdf", "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        }

        var materials = await factory.EventQueryAsync(db => db.Set<AgendaMaterial>().AsNoTracking().Where(m => m.EventId == id).OrderBy(m => m.Title).ToListAsync(Ct));
        Assert.Equal(["Folien Förderung", "Teilnehmende Liste"], materials.Select(m => m.Title));
        var (slidesId, listId) = (materials[0].Id, materials[1].Id);

        var anonymous = factory.CreateBrowserLikeClient();
        var links = (await anonymous.GetDocumentAsync($"/veranstaltungen/{id}")).QuerySelectorAll(".agenda__materials a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Folien Förderung"], links);
        using (var download = await anonymous.GetAsync(new Uri($"/veranstaltungen/{id}/tagesordnung/material/{slidesId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        }

        using (var hidden = await anonymous.GetAsync(new Uri($"/veranstaltungen/{id}/tagesordnung/material/{listId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var asOffice = await office.GetAsync(new Uri($"/veranstaltungen/{id}/tagesordnung/material/{listId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, asOffice.StatusCode);
        }

        var filesBefore = factory.StoredFiles();
        using var removed = await office.PostFormAsync(Page(id), $"#item-{item:N} form.agenda-delete", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await ItemsAsync(id));
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<AgendaMaterial>().CountAsync(m => m.EventId == id, Ct)));
        Assert.Equal(filesBefore - 2, factory.StoredFiles());
        using var gone = await office.GetAsync(new Uri($"/veranstaltungen/{id}/tagesordnung/material/{slidesId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_agenda_of_a_members_only_event_is_hidden_from_anonymous_readers_everywhere()
    {
        var (id, office) = await EventWithOfficeAsync(EventAudience.Members, "Internes Arbeitstreffen");
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Interner Punkt");
        using (var upload = await office.PostMultipartAsync(Page(id), $"#material-form-{item:N}", [], "material", Pdf("intern"), "intern.pdf", "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var material = await factory.EventQueryAsync(db => db.Set<AgendaMaterial>().Where(m => m.EventId == id).Select(m => m.Id).SingleAsync(Ct));
        var anonymous = factory.CreateBrowserLikeClient();
        foreach (var url in new[] { $"/veranstaltungen/{id}", $"/veranstaltungen/{id}/tagesordnung.pdf", $"/veranstaltungen/{id}/tagesordnung/material/{material}", $"/api/v1/events/{id}/agenda" })
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        using var memberApi = await member.GetAsync(new Uri($"/api/v1/events/{id}/agenda", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, memberApi.StatusCode);
    }

    [Fact]
    public async Task The_printable_PDF_and_the_ics_carry_the_agenda_with_umlauts()
    {
        var (id, office) = await EventWithOfficeAsync(title: "Fachtag Grünflächen");
        var item = await AddItemAsync(office, id, "10:00", "10:45", "Begrüßung durch die Bürgermeisterin", "Vortrag", "Einführung in **Förderprogramme** für Grünflächen");
        await AddItemAsync(office, id, "10:45", "11:00", "Kaffeepause", "Pause");
        using (var speaker = await office.PostFormAsync(Page(id), $"#external-form-{item:N}", [new("name", "Jörg Weiß"), new("organisation", "Straßen.NRW")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, speaker.StatusCode);
        }

        var text = await PdfTextAsync(factory.CreateBrowserLikeClient(), $"/veranstaltungen/{id}/tagesordnung.pdf");
        Assert.Contains("Fachtag Grünflächen", text, StringComparison.Ordinal);
        Assert.Contains("Tagesordnung", text, StringComparison.Ordinal);
        Assert.Contains("10:00–10:45", text, StringComparison.Ordinal);
        Assert.Contains("Begrüßung durch die Bürgermeisterin", text, StringComparison.Ordinal);
        Assert.Contains("Jörg Weiß (Straßen.NRW)", text, StringComparison.Ordinal);
        Assert.Contains("Pause", text, StringComparison.Ordinal);

        var ics = await factory.CreateBrowserLikeClient().GetStringAsync(new Uri($"/veranstaltungen/{id}.ics", UriKind.Relative), Ct);
        var description = (await ICalendarParser.ParseAsync(ics)).GetProperty("events")[0].GetProperty("description").GetString();
        Assert.Contains("Tagesordnung:\n10:00–10:45 Begrüßung durch die Bürgermeisterin (Vortrag)\n  Jörg Weiß (Straßen.NRW)\n10:45–11:00 Kaffeepause (Pause)", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_returns_items_speakers_and_material_links_and_problems_for_unknown_events()
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Austausch der Kommunen", "Austausch");
        using (var speaker = await office.PostFormAsync(Page(id), $"#external-form-{item:N}", [new("name", "Ada Extern")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, speaker.StatusCode);
        }

        using (var upload = await office.PostMultipartAsync(Page(id), $"#material-form-{item:N}", [], "material", Pdf("Ergebnisse"), "ergebnisse.pdf", "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri($"/api/v1/events/{id}/agenda", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agenda = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var first = agenda.GetProperty("items")[0];
        Assert.Equal("Austausch der Kommunen", first.GetProperty("title").GetString());
        Assert.Equal("Austausch", first.GetProperty("type").GetString());
        Assert.Equal(EventStart, first.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("Ada Extern", first.GetProperty("speakers")[0].GetProperty("name").GetString());
        var material = first.GetProperty("materials")[0];
        Assert.Equal("pdf", material.GetProperty("format").GetString());
        var link = new Uri(material.GetProperty("downloadUrl").GetString()!);
        using (var download = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        var unknown = Guid.NewGuid();
        using var missing = await client.GetAsync(new Uri($"/api/v1/events/{unknown}/agenda", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains(unknown.ToString(), (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var malformed = await client.GetAsync(new Uri("/api/v1/events/keine-kennung/agenda", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_directory_speaker_finds_the_agenda_lines_in_their_data_and_account_deletion_removes_them()
    {
        var (id, office) = await EventWithOfficeAsync();
        var item = await AddItemAsync(office, id, "10:00", "11:00", "Impuls Wohnumfeld");
        var person = await CreateDirectoryPersonAsync("Rita Rednerin", ProfileVisibility.Public);
        using (var picked = await office.PostFormAsync($"{Page(id)}?searchItem={item}&q=Rednerin", $"#person-form-{item:N}", [new("accountId", person.ToString())]))
        {
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        }

        await using var scope = factory.CreateScope();
        var contributor = scope.ServiceProvider.GetServices<Quartiersnetz.Platform.Privacy.IPersonalDataContributor>().OfType<AgendaPersonalData>().Single();
        Assert.Contains("Impuls Wohnumfeld", JsonSerializer.Serialize(await contributor.ExportAsync(person, Ct)), StringComparison.Ordinal);

        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        await contributor.EraseAsync(person, Ct);
        await db.SaveChangesAsync(Ct);
        Assert.Equal(0, await factory.EventQueryAsync(d => d.Set<AgendaSpeaker>().CountAsync(s => s.AgendaItemId == item, Ct)));
        Assert.Null(await contributor.ExportAsync(person, Ct));
    }

    private static async Task<string> PdfTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A body of zeros of the given length that is never held in memory: a 200 MB upload without 200 MB.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
