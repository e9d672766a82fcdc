using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// The app over its own database with a fixed set of German texts (areas, events, organisations, a topic, people, and
/// publications whose files' extracted text holds words found nowhere else),
/// stored through EF so the change interceptor queues them, then waited for until the index has them.
/// </summary>
public sealed class SearchFixture : IAsyncLifetime
{
    public const string TopicSlug = "quartiersarbeit-testfeld";

    public const string PublicGuide = "Arbeitshilfe Aktivierende Befragung";
    public const string PublicReport = "Abschlussbericht Programmbegleitung Gelsenkirchen-Ückendorf";
    public const string MembersStudy = "Fachstudie Seidenreiher im Revier";
    public const string DraftDocumentation = "Dokumentation Uhutreffen";

    public QuartiersnetzFactory Factory { get; } = new();

    /// <summary>Ids of the fixture's items, for pages and similar items.</summary>
    public Dictionary<string, Guid> Ids { get; } = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var topic = Topic.Create("Quartiersarbeit Testfeld", null, "Gemeinsame Arbeit im Stadtteil.");
            var mobility = Topic.Create("Nachhaltige Mobilität im Testquartier", null, "Radverkehr, Carsharing und sichere Fußwege.");
            db.AddRange(topic, mobility);

            var nordstadt = Area("Dortmund Nordstadt", "05913000", 2008,
                "Quartiersmanagement und Bürgerbeteiligung in der Nordstadt. Neue Wohnungen für Familien entstehen an der Münsterstraße.");
            var chorweiler = Area("Köln-Chorweiler", "05315000", 2015,
                "Die Quartiere im Norden: Aufwertung des Wohnumfelds, neue Spielplätze und Grünflächen. Mieterberatung gegen Leerstand.");
            var sennestadt = Area("Bielefeld Sennestadt", "05711000", 2019,
                "Stadtumbau mit Klimaanpassung: Begrünung von Fassaden und Dächern, Schutz vor Hitze.");
            db.AddRange(nordstadt, chorweiler, sennestadt);
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.ProgrammeArea, ItemKey = nordstadt.Id.ToString() });

            db.Add(Event("Fachtagung Soziale Stadt: Gemeinwesenarbeit im Quartier", EventAudience.Public, new DateTime(2025, 5, 14, 8, 0, 0, DateTimeKind.Utc), "05111000",
                "Vorträge zu Stadtteilarbeit, Nachbarschaftshilfe und Jugendarbeit. Ort: Straße der Einheit 5."));
            db.Add(Event("Mitgliederversammlung Zwergflusspferd", EventAudience.Members, new DateTime(2026, 3, 3, 16, 0, 0, DateTimeKind.Utc), "05515000",
                "Haushaltsplanung und Vorstandswahl für das Quartier, nur für Mitglieder."));
            db.Add(Event("Steuerungsrunde Lenkungskreis", EventAudience.Invited, new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc), null,
                "Vertrauliche Abstimmung der Förderung."));

            db.Add(new Organisation { Name = "Stadtteilbüro Hagen-Altenhagen", SortKey = "stadtteilburo hagen", Type = OrganisationType.Traeger, City = "Hagen",
                MunicipalityAgs = "05914000", AddressLine1 = "Beratung für Alleinerziehende und Sprachkurse" });
            db.Add(new Organisation { Name = "Institut für Landes- und Stadtentwicklungsforschung", SortKey = "institut", Type = OrganisationType.Hochschule,
                City = "Dortmund", MunicipalityAgs = "05913000" });

            var quellwasser = Person(db, "Friederike Quellwasser", ProfileVisibility.Public, listed: true, function: "Quartiersmanagerin", municipality: "05315000");
            Person(db, "Bartholomäus Nebelkrähe", ProfileVisibility.Members, listed: true, function: "Quartierskoordinator", municipality: "05711000");
            var deactivated = Person(db, "Deaktivierte Wüstenspringmaus", ProfileVisibility.Public, listed: true, function: null, municipality: null);
            deactivated.LockoutEnabled = true;
            deactivated.LockoutEnd = Features.People.AccountActivation.DeactivatedUntil;
            Person(db, "Ungelistete Feldlerche", ProfileVisibility.Public, listed: false, function: null, municipality: null);
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.Person, ItemKey = quellwasser.Id.ToString() });

            // Publications: each file's words appear in no title or abstract, so a hit on them comes from the full text.
            // "Stadterneuerung" is in every file, for the type facet.
            var guide = Publication(db, PublicGuide, PublicationType.Arbeitshilfe, PublicationVisibility.Public, published: true, 2024,
                "Wie man Nachbarinnen und Nachbarn an der Haustür anspricht.",
                "Kapitel 3: Ein Verfügungsfonds finanziert kleine Vorhaben. Ehrenamtliche führten Haustürgespräche in den Hochhaussiedlungen. Stadterneuerung beginnt im Gespräch.");
            var report = Publication(db, PublicReport, PublicationType.Abschlussbericht, PublicationVisibility.Public, published: true, 2023,
                "Ergebnisse aus acht Jahren Programmbegleitung.",
                "Die Stadtteilkonferenz tagte monatlich. Eine Zwischennutzung leerstehender Ladenlokale und drei Gemeinschaftsgärten belebten die Stadterneuerung.");
            var study = Publication(db, MembersStudy, PublicationType.Fachstudie, PublicationVisibility.Members, published: true, 2025,
                "Eine vertrauliche Untersuchung für die Mitglieder.",
                "Am Moorfroschteich zeigte die Kartierung, wie Stadterneuerung und Artenschutz zusammengehen.");
            var draft = Publication(db, DraftDocumentation, PublicationType.Dokumentation, PublicationVisibility.Public, published: false, 2025,
                "Noch nicht veröffentlicht.",
                "Am Kormoranweiher wurde über die nächste Stadterneuerung beraten.");
            // The order of hits: a searched word in the title first (shorter title first), then the newest year.
            Publication(db, "Lurchbrücke am Mühlbach", PublicationType.Arbeitshilfe, PublicationVisibility.Public, published: true, 2019,
                "Eine Anleitung für Ehrenamtliche.", "Bauanleitung mit Skizzen.");
            Publication(db, "Die große Lurchbrücke im Auenpark und ihre Pflege", PublicationType.Dokumentation, PublicationVisibility.Public, published: true, 2018,
                "Pflegehinweise für Bauhöfe.", "Sommerpflege und Winterpflege.");
            Publication(db, "Amphibienschutz im Auenpark", PublicationType.Dokumentation, PublicationVisibility.Public, published: true, 2021,
                "Kröten wandern im Frühjahr.", "Eine Lurchbrücke führt unter dem Radweg hindurch.");
            Publication(db, "Krötenzaun am Mühlbach", PublicationType.Arbeitshilfe, PublicationVisibility.Public, published: true, 2026,
                "Helferinnen tragen Eimer.", "Seit die Lurchbrücke steht, bleibt der Zaun im Lager.");

            foreach (var publication in new[] { guide, study, draft })
            {
                db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = Features.Library.Publication.TopicKind, ItemKey = publication.Id.ToString() });
            }

            Ids["nordstadt"] = nordstadt.Id;
            Ids["guide"] = guide.Id;
            Ids["report"] = report.Id;
            Ids["study"] = study.Id;
            Ids["draft"] = draft.Id;
            await db.SaveChangesAsync(ct);
        }

        await WaitForIndexAsync(Factory);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Waits (bounded, polling) until the background indexer has worked off every queued change.</summary>
    public static async Task WaitForIndexAsync(QuartiersnetzFactory factory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            if (!await db.Set<SearchIndexPending>().AnyAsync(TestContext.Current.CancellationToken))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The search index did not catch up within 30 seconds.");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri("/api/v1/search?pageSize=100&" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public static List<string> Titles(JsonElement answer) => [.. answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()!)];

    public static long FacetCount(JsonElement answer, string facet, string value) =>
        answer.GetProperty("facets").GetProperty(facet).EnumerateArray().Where(v => v.GetProperty("value").GetString() == value).Select(v => v.GetProperty("count").GetInt64()).FirstOrDefault();

    /// <summary>A publication with one file whose text was extracted, stored the way the text job stores it.</summary>
    internal static Publication Publication(QuartiersnetzDbContext db, string title, PublicationType type, PublicationVisibility visibility, bool published, int year, string summary, string fileText)
    {
        var publication = new Publication
        {
            Slug = Quartiersnetz.Platform.Text.Slugs.Fold(title, Features.Library.Publication.SlugMaxLength), Type = type, Title = title, Year = year, Abstract = summary, Visibility = visibility,
            PublishedAtUtc = published ? DateTime.UtcNow.AddDays(-1) : null, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Add(publication);
        db.Add(new PublicationFile
        {
            PublicationId = publication.Id, Title = "Volltext", FileKey = $"publications/{Guid.NewGuid():N}.pdf", Extension = "pdf", SizeBytes = 1000, PageCount = 1,
            TextStatus = DocumentTextStatus.Extracted, Text = fileText, UploadedAtUtc = DateTime.UtcNow,
        });
        return publication;
    }

    private static ProgrammeArea Area(string name, string ags, int year, string description) => new()
    {
        Name = name, SortKey = name.ToLowerInvariant(), MunicipalityAgs = ags, AdmissionYear = year, Description = description,
        Latitude = 51.5, Longitude = 7.4, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static Event Event(string title, EventAudience audience, DateTime start, string? ags, string description) => new()
    {
        Type = EventType.Tagung, Title = title, Description = description, StartUtc = start, EndUtc = start.AddHours(6),
        PlaceMode = PlaceMode.OnSite, VenueName = "Rathaus", Audience = audience, Status = EventStatus.Published, MunicipalityAgs = ags,
        CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static UserAccount Person(QuartiersnetzDbContext db, string name, ProfileVisibility nameVisibility, bool listed, string? function, string? municipality)
    {
        var email = $"suche-{Guid.NewGuid():N}@quartiersnetz.test";
        var user = new UserAccount
        {
            Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
            NameVisibility = nameVisibility, FunctionTitle = function, FunctionVisibility = ProfileVisibility.Public,
            MunicipalityAgs = municipality, OrganisationVisibility = ProfileVisibility.Public,
        };
        db.Users.Add(user);
        if (listed)
        {
            db.Add(new ConsentRecord { UserId = user.Id, Kind = ConsentKinds.DirectoryListing, TextVersion = PrivacyNotice.Version, GivenAtUtc = DateTime.UtcNow });
        }

        return user;
    }
}
