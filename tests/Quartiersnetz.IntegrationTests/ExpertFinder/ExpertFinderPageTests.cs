using System.Net;
using AngleSharp.Dom;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ExpertFinder;

/// <summary>"Der kurze Draht" as a member uses it: topic or text in, people ranked by evidence out, with the reasons.</summary>
public sealed class ExpertFinderPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Dortmund = "05913000";
    private const string Essen = "05113000";

    [Fact]
    public async Task A_member_finds_people_by_topic_ranked_by_evidence_with_ties_by_name_and_the_reasons_why()
    {
        var field = await factory.CreateTopicAsync("Handlungsfeld " + ExpertTestSupport.Word());
        var sub = await factory.CreateTopicAsync("Verfügungsfonds " + ExpertTestSupport.Word(), field.Id);
        var strong = await factory.CreateExpertAsync("Zora Zweifach", [field, sub], u => u.FunctionTitle = "Quartiersmanagement");
        var berta = await factory.CreateExpertAsync("Berta Einfach", [sub]);
        var anton = await factory.CreateExpertAsync("Anton Einfach", [field]);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var page = await member.GetDocumentAsync($"/kurzer-draht?thema={field.Slug}");

        Assert.Equal([strong, anton, berta], PeopleOn(page));
        var first = page.QuerySelector($"[data-person-id='{strong}']")!;
        Assert.Equal($"/personen/{strong}", first.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("Quartiersmanagement", first.QuerySelector(".expert__details")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Themen im Profil: {field.Name}, {sub.Name}", first.QuerySelector(".expert__reasons li")?.TextContent.Trim());
        Assert.Equal($"Thema im Profil: {sub.Name}", page.QuerySelector($"[data-person-id='{berta}'] .expert__reasons li")?.TextContent.Trim());
        Assert.Contains("3 Personen gefunden", page.QuerySelector("#result-count")?.TextContent, StringComparison.Ordinal);

        // A sub-topic alone finds only who has it; equal evidence is ordered by name.
        var narrow = await member.GetDocumentAsync($"/kurzer-draht?thema={sub.Slug}");
        Assert.Equal([berta, strong], PeopleOn(narrow));
    }

    [Fact]
    public async Task Free_text_is_folded_and_matched_against_topic_names()
    {
        var word = ExpertTestSupport.Word();
        var topic = await factory.CreateTopicAsync($"Übergänge {word}");
        var person = await factory.CreateExpertAsync("Ülkü Übergang", [topic]);
        var member = await factory.CreateClientSignedInAsync(Roles.DistrictPartner);

        var page = await member.GetDocumentAsync($"/kurzer-draht?text={Uri.EscapeDataString($"Uebergaenge {word.ToUpperInvariant()}")}");

        Assert.Equal([person], PeopleOn(page));
        Assert.Contains(topic.Name, page.QuerySelector("#matched-topics")?.TextContent, StringComparison.Ordinal);
        var none = await member.GetDocumentAsync($"/kurzer-draht?text={ExpertTestSupport.Word()}");
        Assert.Empty(PeopleOn(none));
        Assert.Contains("0 Personen gefunden", none.QuerySelector("#result-count")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_people_whose_name_the_viewer_may_see_appear_and_each_detail_obeys_its_visibility()
    {
        var topic = await factory.CreateTopicAsync("Sichtbarkeit " + ExpertTestSupport.Word());
        var open = await factory.CreateExpertAsync("Offen Sichtbar", [topic], u =>
        {
            u.FunctionTitle = "Geheime Funktion";
            u.FunctionVisibility = ProfileVisibility.Office;
            u.MunicipalityAgs = Dortmund;
            u.OrganisationVisibility = ProfileVisibility.Office;
        });
        var officeOnly = await factory.CreateExpertAsync("Nur Geschäftsstelle", [topic], u => u.NameVisibility = ProfileVisibility.Office);
        var unlisted = await factory.CreateExpertAsync("Nicht Eingetragen", [topic], listed: false);
        var deactivated = await factory.CreateExpertAsync("Deaktiviert Person", [topic], deactivated: true);
        var external = await factory.CreateExpertAsync("Extern Kontakt", [topic], u => u.IsExternalContact = true, roles: [], listed: false);
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var seenByMember = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");
        var seenByOffice = await office.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");

        Assert.Equal([external, open], PeopleOn(seenByMember));
        Assert.Null(seenByMember.QuerySelector($"[data-person-id='{open}'] .expert__details"));
        Assert.DoesNotContain("Geheime Funktion", seenByMember.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { external, open, unlisted, officeOnly }.Order(), PeopleOn(seenByOffice).Order());
        Assert.DoesNotContain(deactivated, PeopleOn(seenByOffice));
        Assert.Contains("Geheime Funktion", seenByOffice.QuerySelector($"[data-person-id='{open}'] .expert__details")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dortmund", seenByOffice.QuerySelector($"[data-person-id='{open}'] .expert__details")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_by_municipality_kreis_regierungsbezirk_and_role_but_not_by_hidden_places()
    {
        var topic = await factory.CreateTopicAsync("Filter " + ExpertTestSupport.Word());
        var dortmund = await factory.CreateExpertAsync("Dora Dortmund", [topic], u => u.MunicipalityAgs = Dortmund, roles: [Roles.MemberStaff]);
        var essen = await factory.CreateExpertAsync("Emil Essen", [topic], u => u.MunicipalityAgs = Essen, roles: [Roles.Expert]);
        var hidden = await factory.CreateExpertAsync("Hanna Heimlich", [topic], u =>
        {
            u.MunicipalityAgs = Dortmund;
            u.OrganisationVisibility = ProfileVisibility.Office;
        });
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var search = $"/kurzer-draht?thema={topic.Slug}";

        Assert.Equal([dortmund], PeopleOn(await member.GetDocumentAsync($"{search}&gemeinde={Dortmund}")));
        Assert.Equal([dortmund], PeopleOn(await member.GetDocumentAsync($"{search}&kreis=05913")));
        // Arnsberg (059) holds Dortmund, Düsseldorf (051) holds Essen.
        Assert.Equal([dortmund], PeopleOn(await member.GetDocumentAsync($"{search}&bezirk=059")));
        Assert.Equal([essen], PeopleOn(await member.GetDocumentAsync($"{search}&bezirk=051")));
        Assert.Equal([essen], PeopleOn(await member.GetDocumentAsync($"{search}&rolle={Roles.Expert}&bezirk=051")));
        Assert.Equal([dortmund], PeopleOn(await member.GetDocumentAsync($"{search}&rolle={Roles.MemberStaff}")));
        Assert.Equal([dortmund, hidden], PeopleOn(await office.GetDocumentAsync($"{search}&gemeinde={Dortmund}")));
        // The field takes a name too, in any case.
        Assert.Equal([dortmund], PeopleOn(await member.GetDocumentAsync($"{search}&gemeinde=DORTMUND")));
    }

    [Fact]
    public async Task An_unknown_or_ambiguous_municipality_name_is_named_with_the_candidates()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var unknown = await member.GetDocumentAsync("/kurzer-draht?text=Leerstand&gemeinde=Atlantis");
        // Neuenkirchen (Kreis Steinfurt) and Neunkirchen (Siegen-Wittgenstein) fold alike; neither is written so.
        var ambiguous = await member.GetDocumentAsync("/kurzer-draht?text=Leerstand&gemeinde=Ne%C3%BCnkirchen");
        var narrowed = await member.GetDocumentAsync("/kurzer-draht?text=Leerstand&gemeinde=Ne%C3%BCnkirchen&kreis=05566");

        Assert.Contains("Eine Gemeinde „Atlantis“ gibt es in NRW nicht.", unknown.QuerySelector("#gemeinde-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", unknown.QuerySelector("#gemeinde")?.GetAttribute("aria-invalid"));
        var message = ambiguous.QuerySelector("#gemeinde-error")?.TextContent;
        Assert.Contains("Mehrere Gemeinden heißen „Neünkirchen“", message, StringComparison.Ordinal);
        Assert.Contains("Neuenkirchen (", message, StringComparison.Ordinal);
        Assert.Contains("Neunkirchen (", message, StringComparison.Ordinal);
        Assert.Null(narrowed.QuerySelector("#gemeinde-error"));
        Assert.Equal("Neünkirchen", narrowed.QuerySelector("#gemeinde")?.GetAttribute("value"));
    }

    [Fact]
    public async Task An_empty_search_gets_a_friendly_hint_and_bad_values_German_messages()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.Funder);

        var first = await member.GetDocumentAsync("/kurzer-draht");
        var empty = await member.GetDocumentAsync("/kurzer-draht?thema=&text=+");
        var unknown = await member.GetDocumentAsync("/kurzer-draht?thema=gibt-es-nicht");
        var tooLong = await member.GetDocumentAsync($"/kurzer-draht?text={new string('a', 101)}");
        var badPlace = await member.GetDocumentAsync("/kurzer-draht?text=Leerstand&gemeinde=99999999&rolle=Kaiser");

        Assert.Null(first.QuerySelector("#search-hint"));
        Assert.Null(first.QuerySelector("[role=alert]"));
        Assert.Contains("Bitte wählen Sie ein Thema", empty.QuerySelector("#search-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Das Thema „gibt-es-nicht“ gibt es nicht", unknown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("höchstens 100 Zeichen", tooLong.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var alert = badPlace.QuerySelector("[role=alert]")?.TextContent;
        Assert.Contains("Die Gemeinde mit dem Schlüssel „99999999“ gibt es nicht.", alert, StringComparison.Ordinal);
        Assert.Contains("Unbekannte Rolle", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_result_is_paged()
    {
        var topic = await factory.CreateTopicAsync("Seiten " + ExpertTestSupport.Word());
        var people = new List<Guid>();
        for (var i = 0; i < 22; i++)
        {
            people.Add(await factory.CreateExpertAsync($"Person {i:00}", [topic]));
        }

        var member = await factory.CreateClientSignedInAsync(Roles.Jury);
        var first = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");
        var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href");
        Assert.NotNull(next);
        var second = await member.GetDocumentAsync(next);

        Assert.Equal(people[..20], PeopleOn(first));
        Assert.Equal(people[20..], PeopleOn(second));
    }

    [Fact]
    public async Task The_public_and_people_without_a_role_cannot_open_the_finder()
    {
        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/kurzer-draht", UriKind.Relative), TestContext.Current.CancellationToken);
        var noRole = await factory.CreateClientSignedInAsync();
        using var denied = await noRole.GetAsync(new Uri("/kurzer-draht", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/anmelden", anonymous.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private static List<Guid> PeopleOn(IParentNode page) =>
        [.. page.QuerySelectorAll("#experts [data-person-id]").Select(e => Guid.Parse(e.GetAttribute("data-person-id")!))];
}
