using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>
/// The role × permission matrix of docs/permissions.md, checked against the running app: every page and API
/// endpoint is listed here with the permission it needs, and every kind of visitor is sent to every one of
/// them. An endpoint added without an entry here makes <see cref="Every_endpoint_of_the_app_is_in_the_matrix"/>
/// fail, so nobody adds an address without deciding who may use it.
/// </summary>
public sealed class PermissionMatrixTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    /// <summary>The permissions of docs/permissions.md.</summary>
    public enum Grant
    {
        /// <summary>Everyone, also without signing in.</summary>
        Public,

        /// <summary>Any signed-in account, also without a role (own account pages).</summary>
        SignedIn,

        /// <summary>Any role of the network.</summary>
        Member,

        /// <summary>Office and Kommunale Koordination.</summary>
        InvitePeople,

        /// <summary>Office and Kommunale Koordination.</summary>
        ManageOwnMunicipality,

        /// <summary>The office, signed in with a second factor.</summary>
        Office,
    }

    /// <summary>Route pattern (with the HTTP method for API endpoints) → permission.</summary>
    private static readonly Dictionary<string, Grant> Matrix = new(StringComparer.Ordinal)
    {
        // Public website and shell
        ["/"] = Grant.Public,
        ["/gemeinden"] = Grant.Public,
        ["/gemeinden/{ags:length(8)}"] = Grant.Public,
        ["/datenquellen"] = Grant.Public,
        ["/impressum"] = Grant.Public,
        ["/datenschutz"] = Grant.Public,
        ["/barrierefreiheit"] = Grant.Public,
        ["/barrierefreiheit/barriere-melden"] = Grant.Public,
        ["/api-referenz"] = Grant.Public,
        ["/fehler/{code:int?}"] = Grant.Public,
        ["/health/live"] = Grant.Public,
        ["/health/ready"] = Grant.Public,
        ["/openapi/{documentName}.json"] = Grant.Public,
        ["GET /api/v1/municipalities"] = Grant.Public,
        ["GET /api/v1/municipalities/{ags}"] = Grant.Public,
        ["/themen"] = Grant.Public,
        ["/themen/{slug}"] = Grant.Public,
        ["GET /api/v1/topics"] = Grant.Public,
        ["GET /api/v1/topics/{slug}"] = Grant.Public,
        ["/organisationen"] = Grant.Public,
        ["/organisationen/{id:guid}"] = Grant.Public,
        ["/suche"] = Grant.Public,
        ["GET /api/v1/organisations"] = Grant.Public,
        ["GET /api/v1/organisations/{id:guid}"] = Grant.Public,
        ["POST /api/v1/organisations"] = Grant.Office,
        ["PUT /api/v1/organisations/{id:guid}"] = Grant.Office,
        ["GET /api/v1/search"] = Grant.Public,
        ["/programmgebiete"] = Grant.Public,
        ["/programmgebiete/{id:guid}"] = Grant.Public,
        ["/programmgebiete/{id:guid}/plan"] = Grant.Public,
        ["GET /api/v1/areas"] = Grant.Public,
        ["GET /api/v1/areas/geojson"] = Grant.Public,
        ["GET /api/v1/areas/{id:guid}"] = Grant.Public,
        ["/karte"] = Grant.Public,
        ["/karte/gebiete.geojson"] = Grant.Public,
        ["/karte/gemeinden.geojson"] = Grant.Public,
        ["POST /api/v1/areas"] = Grant.Office,
        ["PUT /api/v1/areas/{id:guid}"] = Grant.Office,
        ["DELETE /api/v1/areas/{id:guid}"] = Grant.Office,
        ["GET /api/v1/people"] = Grant.Public,
        ["GET /api/v1/people/{id:guid}"] = Grant.Public,
        ["POST /api/v1/people"] = Grant.Office,
        ["PUT /api/v1/people/{id:guid}"] = Grant.Office,

        // Events: each list and page shows only what the viewer may see (members-only events for members)
        ["/veranstaltungen"] = Grant.Public,
        ["/veranstaltungen/{id:guid}"] = Grant.Public,
        ["GET /api/v1/events"] = Grant.Public,
        ["GET /api/v1/events/{id:guid}"] = Grant.Public,
        ["POST /api/v1/events"] = Grant.Office,
        ["PUT /api/v1/events/{id:guid}"] = Grant.Office,
        ["POST /api/v1/events/{id:guid}/registrations"] = Grant.SignedIn,
        ["DELETE /api/v1/events/{id:guid}/registrations/me"] = Grant.SignedIn,
        ["GET /api/v1/events/{id:guid}/registrations"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/neu"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/teilnehmende"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/fragen"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/programm"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/dokumente"] = Grant.Office,
        ["/veranstaltungen/{id:guid}/dokumente/{documentId:guid}"] = Grant.Public,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/tagesordnung"] = Grant.Office,
        ["/veranstaltungen/{id:guid}/tagesordnung/material/{materialId:guid}"] = Grant.Public,
        ["/veranstaltungen/{id:guid}/tagesordnung.pdf"] = Grant.Public,
        ["GET /api/v1/events/{id:guid}/agenda"] = Grant.Public,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/protokoll"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/protokoll/versionen"] = Grant.Office,
        ["/veranstaltungen/{id:guid}/protokoll"] = Grant.Public,
        ["/offene-aufgaben"] = Grant.Member,
        ["GET /api/v1/events/{id:guid}/minutes"] = Grant.Public,
        ["GET /api/v1/follow-ups"] = Grant.Member,
        ["GET /api/v1/events/{id:guid}/questions"] = Grant.Public,
        ["/veranstaltungen/{id:guid}/gast"] = Grant.Public,
        ["/veranstaltungen/gast/bestaetigen/{token}"] = Grant.Public,
        ["/veranstaltungen/gast/abmelden/{token}"] = Grant.Public,
        ["/veranstaltungen/gast/platzangebot/{token}"] = Grant.Public,
        ["/veranstaltungen/reihen/{id:guid}.ics"] = Grant.Public,
        ["/veranstaltungen/{id:guid}.ics"] = Grant.Public,
        ["/kalender.ics"] = Grant.Public,
        ["/kalender/{token}.ics"] = Grant.Public,
        ["/meine-veranstaltungen"] = Grant.SignedIn,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/teilnehmende/export"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/warteliste"] = Grant.Office,
        ["/veranstaltungen/{id:guid}/platzangebot"] = Grant.SignedIn,
        ["GET /api/v1/events/{id:guid}/waitlist"] = Grant.Office,
        ["PUT /api/v1/events/{id:guid}/waitlist/{registrationId:guid}"] = Grant.Office,
        ["DELETE /api/v1/events/{id:guid}/waitlist/{registrationId:guid}"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/anwesenheit"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/anwesenheit/scannen"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/anwesenheit/liste.pdf"] = Grant.Office,
        ["/geschaeftsstelle/einchecken/{token}"] = Grant.Office,
        ["/meine-veranstaltungen/{eventId:guid}/einlass"] = Grant.SignedIn,
        ["GET /api/v1/events/{id:guid}/attendance"] = Grant.Office,
        ["POST /api/v1/events/{id:guid}/attendance/check-in"] = Grant.Office,
        ["POST /api/v1/events/{id:guid}/attendance/check-out"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/anwesenheit/{registrationId:guid}/korrektur"] = Grant.Office,
        // Continuing education and certificates: verification is public, the points account one's own, the rest the office's.
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/fortbildung"] = Grant.Office,
        ["/geschaeftsstelle/fortbildungspunkte"] = Grant.Office,
        ["/meine-fortbildungspunkte"] = Grant.SignedIn,
        ["/meine-fortbildungspunkte/bescheinigungen/{id:guid}"] = Grant.SignedIn,
        ["/meine-fortbildungspunkte/{year:int:range(2000,2100)}/uebersicht.pdf"] = Grant.SignedIn,
        ["/bescheinigungen/pruefen/{code?}"] = Grant.Public,
        ["/b/{code}"] = Grant.Public,
        ["GET /api/v1/certificates/{code}"] = Grant.Public,
        ["GET /api/v1/me/certificates"] = Grant.SignedIn,
        ["GET /api/v1/events/{id:guid}/continuing-education"] = Grant.Office,
        ["PUT /api/v1/events/{id:guid}/continuing-education"] = Grant.Office,
        ["PUT /api/v1/events/{id:guid}/continuing-education/overrides/{registrationId:guid}"] = Grant.Office,
        ["POST /api/v1/events/{id:guid}/certificates/runs"] = Grant.Office,
        ["POST /api/v1/events/{id:guid}/registrations/me/offer/accept"] = Grant.SignedIn,
        ["POST /api/v1/events/{id:guid}/registrations/me/offer/decline"] = Grant.SignedIn,
        ["POST /api/v1/events/{id:guid}/participants/mail"] = Grant.Office,
        // Event series: the public sees a series only when it may see one of its dates; the office changes them
        ["/veranstaltungen/monat"] = Grant.Public,
        ["/veranstaltungen/reihen/{id:guid}"] = Grant.Public,
        ["GET /api/v1/event-series"] = Grant.Public,
        ["GET /api/v1/event-series/{id:guid}"] = Grant.Public,
        ["POST /api/v1/event-series"] = Grant.Office,
        ["PUT /api/v1/event-series/{id:guid}"] = Grant.Office,
        ["POST /api/v1/event-series/{id:guid}/occurrences/{eventId:guid}/move"] = Grant.Office,
        ["POST /api/v1/event-series/{id:guid}/occurrences/{eventId:guid}/cancel"] = Grant.Office,
        ["PUT /api/v1/event-series/{id:guid}/occurrences/{eventId:guid}/agenda"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/{id:guid}/kopieren"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen/neu"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen/{id:guid}/bearbeiten"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen/{id:guid}/kopieren"] = Grant.Office,
        ["/geschaeftsstelle/veranstaltungen/reihen/{id:guid}/termine/{eventId:guid}"] = Grant.Office,

        // News (Aktuelles): each list and page shows only what the viewer may read (members' articles for members); feeds are public only
        ["/aktuelles"] = Grant.Public,
        ["/aktuelles/{slug}"] = Grant.Public,
        ["/aktuelles/{slug}/bild"] = Grant.Public,
        ["/aktuelles/feed.rss"] = Grant.Public,
        ["/aktuelles/feed.atom"] = Grant.Public,
        ["/veranstaltungen/feed.rss"] = Grant.Public,
        ["/veranstaltungen/feed.atom"] = Grant.Public,
        ["GET /api/v1/news"] = Grant.Public,
        ["GET /api/v1/news/{slug}"] = Grant.Public,
        ["/geschaeftsstelle/aktuelles"] = Grant.Office,
        ["/geschaeftsstelle/aktuelles/neu"] = Grant.Office,
        ["/geschaeftsstelle/aktuelles/{id:guid}"] = Grant.Office,

        // Library (Bibliothek): list, page, files and metadata show only what the viewer may read (404 otherwise); feeds are public only
        ["/bibliothek"] = Grant.Public,
        ["/bibliothek/{slug}"] = Grant.Public,
        ["/bibliothek/{slug}/dateien/{fileId:guid}"] = Grant.Public,
        ["/bibliothek/{slug}/dublin-core.xml"] = Grant.Public,
        ["/bibliothek/{slug}/datacite.json"] = Grant.Public,
        ["/bibliothek/{slug}/titelbild"] = Grant.Public,
        ["/bibliothek/feed.rss"] = Grant.Public,
        ["/bibliothek/feed.atom"] = Grant.Public,
        ["GET /api/v1/publications"] = Grant.Public,
        ["GET /api/v1/publications/{slug}"] = Grant.Public,
        ["POST /api/v1/publications/import"] = Grant.Office,
        ["/geschaeftsstelle/bibliothek"] = Grant.Office,
        ["/geschaeftsstelle/bibliothek/neu"] = Grant.Office,
        ["/geschaeftsstelle/bibliothek/import"] = Grant.Office,
        ["/geschaeftsstelle/bibliothek/{id:guid}"] = Grant.Office,

        // Praxisdatenbank: published projects are public; members propose and revise their own, the office reviews
        ["/praxisprojekte"] = Grant.Public,
        ["/praxisprojekte/{slug}"] = Grant.Public,
        ["/praxisprojekte/{id:guid}/bilder/{imageId:guid}"] = Grant.Public,
        ["/praxisprojekte/{id:guid}/dokumente/{documentId:guid}"] = Grant.Public,
        ["/karte/praxisprojekte.geojson"] = Grant.Public,
        ["GET /api/v1/projects"] = Grant.Public,
        ["GET /api/v1/projects/{slug}"] = Grant.Public,
        ["/praxisprojekte/vorschlagen"] = Grant.Member,
        ["/praxisprojekte/meine"] = Grant.Member,
        ["/praxisprojekte/{id:guid}/bearbeiten"] = Grant.Member,
        ["/geschaeftsstelle/praxisprojekte"] = Grant.Office,

        // Commissioned studies: published ones for their audience (members' studies 404 for the public), the office records them
        ["/studien"] = Grant.Public,
        ["/studien/{slug}"] = Grant.Public,
        ["GET /api/v1/studies"] = Grant.Public,
        ["GET /api/v1/studies/{slug}"] = Grant.Public,
        ["/geschaeftsstelle/studien"] = Grant.Office,
        ["/geschaeftsstelle/studien/neu"] = Grant.Office,
        ["/geschaeftsstelle/studien/{id:guid}"] = Grant.Office,
        ["/newsletter"] = Grant.Public,
        ["/newsletter/bestaetigen/{token}"] = Grant.Public,
        ["/newsletter/abmelden/{token}"] = Grant.Public,
        ["/newsletter/archiv"] = Grant.Public,
        ["/newsletter/archiv/{id:guid}"] = Grant.Public,
        ["/geschaeftsstelle/newsletter"] = Grant.Office,
        ["/geschaeftsstelle/newsletter/ausgabe/{id:guid?}"] = Grant.Office,
        ["/geschaeftsstelle/newsletter/abonnenten"] = Grant.Office,
        ["/robots.txt"] = Grant.Public,
        ["/sitemap.xml"] = Grant.Public,
        ["/sitemap-{page:int:min(1)}.xml"] = Grant.Public,

        // Der kurze Draht: the expert finder
        ["/kurzer-draht"] = Grant.Member,
        ["GET /api/v1/experts"] = Grant.Member,

        // Sign-in, password reset, onboarding
        ["/anmelden"] = Grant.Public,
        ["/anmelden/zwei-faktor"] = Grant.Public,
        ["/abmelden"] = Grant.Public,
        ["/passwort-vergessen"] = Grant.Public,
        ["/passwort-zuruecksetzen"] = Grant.Public,
        ["/zugang-beantragen"] = Grant.Public,
        ["/einladung/{token}"] = Grant.Public,
        ["POST /api/v1/auth/token"] = Grant.Public,

        // People: each detail shown only to whom its visibility allows
        ["/personen/{id:guid}"] = Grant.Public,
        ["/personen/{id:guid}/foto"] = Grant.Public,

        // Own account
        ["/konto"] = Grant.SignedIn,
        ["/konto/profil"] = Grant.SignedIn,
        ["/konto/profil/foto"] = Grant.SignedIn,
        ["/konto/sicherheit"] = Grant.SignedIn,
        ["/konto/sicherheit/authenticator"] = Grant.SignedIn,
        ["/konto/sicherheit/authenticator-deaktivieren"] = Grant.SignedIn,
        ["/konto/sicherheit/passwort"] = Grant.SignedIn,
        ["/konto/zugangstoken"] = Grant.SignedIn,
        ["/konto/meine-daten"] = Grant.SignedIn,
        ["/konto/meine-daten/download"] = Grant.SignedIn,
        ["/konto/loeschen"] = Grant.SignedIn,
        ["/konto/geloescht"] = Grant.Public,
        ["GET /api/v1/me"] = Grant.SignedIn,
        ["GET /api/v1/me/tokens"] = Grant.SignedIn,
        ["DELETE /api/v1/me/tokens/{id:guid}"] = Grant.SignedIn,

        // Inviting and managing people
        ["/einladungen"] = Grant.InvitePeople,
        ["/einladungen/neu"] = Grant.InvitePeople,
        ["/meine-kommune/personen"] = Grant.ManageOwnMunicipality,
        ["/meine-kommune/personen/export"] = Grant.ManageOwnMunicipality,

        // Office
        ["/geschaeftsstelle"] = Grant.Office,
        ["/geschaeftsstelle/barrierefreiheit"] = Grant.Office,
        ["/geschaeftsstelle/postausgang"] = Grant.Office,
        ["/geschaeftsstelle/personen"] = Grant.Office,
        ["/geschaeftsstelle/personen/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/protokoll"] = Grant.Office,
        ["/geschaeftsstelle/mitgliedskommunen"] = Grant.Office,
        ["/geschaeftsstelle/mitgliedskommunen/{ags:length(8)}"] = Grant.Office,
        ["/geschaeftsstelle/organisationen"] = Grant.Office,
        ["/geschaeftsstelle/organisationen/neu"] = Grant.Office,
        ["/geschaeftsstelle/organisationen/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete/neu"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete/{id:guid}/plan"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete/import"] = Grant.Office,
        ["/geschaeftsstelle/programmgebiete/export"] = Grant.Office,
        ["/geschaeftsstelle/zugangsantraege"] = Grant.Office,
        ["/geschaeftsstelle/zugangsantraege/{id:guid}"] = Grant.Office,
        ["/einladungen/import"] = Grant.Office,
        ["/geschaeftsstelle/themen"] = Grant.Office,
        ["/geschaeftsstelle/themen/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/personen/export"] = Grant.Office,
        ["/geschaeftsstelle/mitgliedskommunen/export"] = Grant.Office,
        ["/geschaeftsstelle/organisationen/export"] = Grant.Office,
        ["/geschaeftsstelle/themen/export"] = Grant.Office,
        ["/geschaeftsstelle/suchindex"] = Grant.Office,

        // Editorial pages: drafts answer 404 to everyone but the office
        ["/seiten/{*path}"] = Grant.Public,
        ["/geschaeftsstelle/seiten"] = Grant.Office,
        ["/geschaeftsstelle/seiten/neu"] = Grant.Office,
        ["/geschaeftsstelle/seiten/{id:guid}"] = Grant.Office,
        ["/geschaeftsstelle/seiten/{id:guid}/versionen"] = Grant.Office,
    };

    /// <summary>Values for route parameters; a missing item answers 404, which still proves access was granted.</summary>
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["ags"] = "05315000",
        ["code"] = "404",
        ["eventId"] = "00000000-0000-0000-0000-000000000002",
        ["documentId"] = "00000000-0000-0000-0000-000000000003",
        ["documentName"] = "v1",
        ["fileId"] = "00000000-0000-0000-0000-000000000005",
        ["materialId"] = "00000000-0000-0000-0000-000000000004",
        ["id"] = "00000000-0000-0000-0000-000000000001",
        ["imageId"] = "00000000-0000-0000-0000-000000000006",
        ["page"] = "1",
        ["*path"] = "ueber-uns/geschichte",
        ["registrationId"] = "00000000-0000-0000-0000-000000000002",
        ["slug"] = "verfuegungsfonds",
        ["token"] = "unbekannt",
        ["year"] = "2026",
    };

    /// <summary>Visitors: the public, a signed-in account without role, and each role.</summary>
    public static TheoryData<string> Visitors()
    {
        var visitors = new TheoryData<string> { "Anonymous", "NoRole" };
        foreach (var role in Roles.All)
        {
            visitors.Add(role);
        }

        return visitors;
    }

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix()
    {
        var keys = EndpointKeys().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        var missing = keys.Where(k => !Matrix.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var stale = Matrix.Keys.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Endpoints without an entry in the permission matrix (add them here and in docs/permissions.md):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Matrix entries without an endpoint:\n" + string.Join("\n", stale));
    }

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Each_visitor_reaches_exactly_the_endpoints_the_matrix_grants(string visitor)
    {
        var roles = visitor is "Anonymous" or "NoRole" ? [] : new[] { visitor };
        var signedIn = visitor != "Anonymous";
        // Pages are used with the sign-in cookie, the API with a bearer token as scripts do.
        HttpClient pages, api;
        if (signedIn)
        {
            var person = await factory.CreatePersonAsync(roles, ApiTestPeople.Koeln, twoFactor: roles.Contains(Roles.Office));
            pages = await factory.SignedInAsAsync(person);
            api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
        }
        else
        {
            pages = api = factory.CreateBrowserLikeClient();
        }

        var wrong = new List<string>();
        // API first: opening the authenticator set-up page creates a key, which renews the security stamp and so
        // (deliberately) ends the person's access tokens.
        foreach (var (key, method, url) in EndpointKeys().OrderBy(e => e.Key.Contains(' ', StringComparison.Ordinal) ? 0 : 1))
        {
            if (!Matrix.TryGetValue(key, out var grant))
            {
                continue; // reported by Every_endpoint_of_the_app_is_in_the_matrix
            }

            var expected = Grants(grant, signedIn, roles);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            var client = key.Contains(' ', StringComparison.Ordinal) ? api : pages;
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location is { } location
                    && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/anmelden", StringComparison.Ordinal)
                    // The sign-in challenge carries the return address; a page's own redirect to /anmelden does not.
                    && location.OriginalString.Contains("ReturnUrl=", StringComparison.Ordinal)
                    && url != "/anmelden");
            if (denied == expected)
            {
                wrong.Add($"{method} {url} ({grant}): expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
        }

        Assert.True(wrong.Count == 0, $"{visitor}:\n" + string.Join("\n", wrong));
    }

    private static bool Grants(Grant grant, bool signedIn, string[] roles) => grant switch
    {
        Grant.Public => true,
        Grant.SignedIn => signedIn,
        Grant.Member => roles.Length > 0,
        Grant.InvitePeople or Grant.ManageOwnMunicipality => roles.Contains(Roles.Office) || roles.Contains(Roles.MunicipalCoordinator),
        Grant.Office => roles.Contains(Roles.Office),
        _ => throw new ArgumentOutOfRangeException(nameof(grant)),
    };

    /// <summary>Each endpoint as matrix key, the method to try, and a concrete URL.</summary>
    [Fact]
    public async Task Static_files_are_public_and_nothing_else_is_served_as_one()
    {
        var files = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            .ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            Assert.NotNull(file.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());
            // Only what the build put there: stylesheets, scripts, fonts, images and KERN's licence, no data or uploads.
            Assert.Matches(@"^(css|js|lib|fonts|favicon)[/.]", file.RoutePattern.RawText ?? "");
        });

        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/favicon.svg", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private IEnumerable<(string Key, string Method, string Url)> EndpointKeys()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (pattern == "/{*path:nonfile}" || endpoint.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) == true)
            {
                continue; // the 404 fallback
            }

            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
            {
                continue; // a file of wwwroot: public by design (docs/permissions.md, "Static files"), checked by Static_files_are_public
            }

            var url = ConcreteUrl(pattern);
            var isApi = pattern.StartsWith("/api/", StringComparison.Ordinal);
            if (isApi)
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    yield return ($"{method} {pattern}", method, url);
                }
            }
            else
            {
                yield return (pattern, "GET", url);
            }
        }
    }

    private static string ConcreteUrl(string pattern)
    {
        var url = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var open = pattern.IndexOf('{', i);
            if (open < 0)
            {
                url.Append(pattern, i, pattern.Length - i);
                break;
            }

            var close = pattern.IndexOf('}', open);
            url.Append(pattern, i, open - i);
            // "{id:guid}", "{code:int?}" → "id", "code"
            var name = pattern[(open + 1)..close].Split(':')[0].TrimEnd('?');
            url.Append(SampleValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No sample value for route parameter {{{name}}} in {pattern}."));
            i = close + 1;
        }

        return url.ToString();
    }
}
