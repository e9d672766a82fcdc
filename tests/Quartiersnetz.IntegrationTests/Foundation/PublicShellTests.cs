using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Foundation;

public sealed class PublicShellTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(SiteRoutes.PublicTheory), MemberType = typeof(SiteRoutes))]
    public async Task Public_pages_are_German_with_skip_link_landmarks_and_footer_links(string url)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(url);

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#inhalt", page.QuerySelector("body > a.skip-link")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#inhalt"));
        Assert.NotNull(page.QuerySelector("header nav"));
        Assert.Single(page.QuerySelectorAll("h1"));
        foreach (var link in new[] { "/impressum", "/datenschutz", "/barrierefreiheit", "/barrierefreiheit/barriere-melden", "/datenquellen" })
        {
            Assert.NotNull(page.QuerySelector($"footer a[href='{link}']"));
        }

        Assert.NotNull(page.QuerySelector("header a[href='/anmelden']"));
        // Exactly one canonical address, absolute (a second, conflicting one would make it worthless to search engines).
        Assert.StartsWith("http", Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"), StringComparison.Ordinal);
        // Inline code is forbidden (CSP without 'unsafe-inline'); JSON-LD is data that browsers never run.
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/ld+json']), [style], style"));
    }

    [Fact]
    public async Task The_header_names_the_signed_in_person_by_name_not_by_address()
    {
        var client = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var page = await client.GetDocumentAsync("/");

        var account = page.QuerySelector(".site-account__name")?.TextContent ?? "";
        Assert.Equal("Angemeldet als Test Person", account.Trim());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_with_a_strict_CSP()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/", UriKind.Relative), Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_responses_outside_development_send_HSTS()
    {
        var client = factory.CreateBrowserLikeClient();
        client.BaseAddress = new Uri("https://quartiersnetz.example/");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_without_an_address_of_its_own_is_canonical_as_requested_and_an_error_page_names_none()
    {
        var client = factory.CreateBrowserLikeClient();

        var list = await client.GetDocumentAsync("/gemeinden?seite=2");
        Assert.Equal("http://localhost/gemeinden?seite=2", Assert.Single(list.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));

        var missing = await client.GetDocumentAsync("/gibt-es-nicht", HttpStatusCode.NotFound);
        Assert.Empty(missing.QuerySelectorAll("link[rel=canonical]"));
    }

    [Fact]
    public async Task Stylesheets_are_named_by_their_content_hash_sent_compressed_and_kept_for_a_year()
    {
        var client = factory.CreateClient();
        var home = await factory.CreateBrowserLikeClient().GetDocumentAsync("/");
        var href = home.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.StartsWith("/lib/kern/kern.min.", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        // KERN's stylesheet is 340 KB; compressed at build time it is about a tenth of that.
        Assert.InRange((await response.Content.ReadAsByteArrayAsync(Ct)).Length, 1_000, 60_000);
        Assert.Matches(@"^/lib/kern/kern\.min\.[a-z0-9]+\.css$", href);
        Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, href);
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Unknown_addresses_get_the_German_404_page()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/gibt-es-nicht", HttpStatusCode.NotFound);

        Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Office_pages_send_anonymous_visitors_to_sign_in()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/geschaeftsstelle", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Office_pages_give_members_the_German_403_page()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var page = await member.GetDocumentAsync("/geschaeftsstelle", HttpStatusCode.Forbidden);

        Assert.Equal("Kein Zugriff", page.QuerySelector("h1")?.TextContent);
        Assert.Null(page.QuerySelector("nav a[href='/geschaeftsstelle']"));
    }

    [Fact]
    public async Task The_office_sees_its_navigation_entry_and_area()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync("/geschaeftsstelle");

        Assert.NotNull(page.QuerySelector("nav a[href='/geschaeftsstelle']"));
        Assert.Contains("Abmelden", page.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_administrator_can_sign_in_with_the_configured_password()
    {
        var client = factory.CreateBrowserLikeClient();

        await client.SignInAsync(QuartiersnetzFactory.AdminEmail, QuartiersnetzFactory.AdminPassword);

        var page = await client.GetDocumentAsync("/geschaeftsstelle");
        Assert.Equal("Geschäftsstelle", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_German_message_and_no_session()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SubmitFormAsync("/anmelden", new Dictionary<string, string>
        {
            ["Input.Email"] = QuartiersnetzFactory.AdminEmail,
            ["Input.Password"] = "falsches-passwort",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Die Anmeldung ist fehlgeschlagen", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        using var office = await client.GetAsync(new Uri("/geschaeftsstelle", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, office.StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_antiforgery_token_is_rejected()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Message"] = "Test" });

        using var response = await factory.CreateBrowserLikeClient().PostAsync(new Uri("/barrierefreiheit/barriere-melden", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
