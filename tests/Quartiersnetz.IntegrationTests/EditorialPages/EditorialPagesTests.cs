using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Data;
using Quartiersnetz.Features.EditorialPages;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Search;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.IntegrationTests.EditorialPages;

/// <summary>The app with a clock that stands still, so the time a refusal names is known.</summary>
public sealed class EditorialPagesFactory : QuartiersnetzFactory
{
    public EditorialPagesFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>
/// Editorial pages: the seeded tree, public pages with navigation, breadcrumbs and SEO tags, drafts hidden from the
/// public, the office's edits with revisions, restore, concurrency, moves, order, deletion, the accessibility
/// statement's text, search and sitemap — and bad input refused with German messages and nothing changed.
/// </summary>
public sealed class EditorialPagesTests(EditorialPagesFactory factory) : IClassFixture<EditorialPagesFactory>
{
    private const string CreatePage = "/geschaeftsstelle/seiten/neu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string slug) => slug + "-" + Guid.NewGuid().ToString("N")[..6];

    private static string EditUrl(Guid id) => "/geschaeftsstelle/seiten/" + id;

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private Task<EditorialPage> PageAsync(Guid id) => QueryAsync(db => db.Set<EditorialPage>().AsNoTracking().SingleAsync(p => p.Id == id, Ct));

    private Task<Guid> IdOfAsync(string slug) => QueryAsync(db => db.Set<EditorialPage>().Where(p => p.Slug == slug && p.SystemKey == null).Select(p => p.Id).SingleAsync(Ct));

    private static async Task<Guid> CreateAsync(HttpClient office, string slug, Guid? parent = null, string? body = null, bool navigation = false, bool publish = true)
    {
        using var response = await office.SubmitFormAsync(CreatePage, new Dictionary<string, string>
        {
            ["Input.ParentId"] = parent?.ToString() ?? "",
            ["Input.Title"] = "Titel " + slug,
            ["Input.Slug"] = slug,
            ["Input.Description"] = "",
            ["Input.Body"] = body ?? "Text der Seite " + slug,
            ["Input.ShowInNavigation"] = navigation ? "true" : "false",
        }, "#page-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        if (publish)
        {
            using var published = await office.SubmitFormAsync(EditUrl(id), new Dictionary<string, string>(), "#publish-form");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        return id;
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient office, Guid id, string title, string body, string? note = null) =>
        office.SubmitFormAsync(EditUrl(id), new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Description"] = "",
            ["Input.Body"] = body,
            ["Input.Note"] = note ?? "",
        }, "#page-form");

    /// <summary>Posts a form captured earlier (with its antiforgery token) to <paramref name="action"/> or, when null, to its own action.</summary>
    private static async Task<HttpResponseMessage> PostCapturedAsync(HttpClient client, IHtmlFormElement form, string? action, Dictionary<string, string> fields)
    {
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .Where(i => !fields.ContainsKey(i.Name!))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields).ToList();
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action ?? form.GetAttribute("action")!, UriKind.Relative), content, Ct);
    }

    [Fact]
    public async Task The_seeded_pages_are_public_with_navigation_breadcrumbs_canonical_link_and_description()
    {
        var anonymous = factory.CreateBrowserLikeClient();

        var home = await anonymous.GetDocumentAsync("/");
        var nav = home.QuerySelector("nav.site-nav")!;
        Assert.NotNull(nav.QuerySelector("a[href='/seiten/ueber-uns']"));
        Assert.NotNull(nav.QuerySelector("a[href='/seiten/leichte-sprache']"));
        Assert.NotNull(nav.QuerySelector("a[href='/seiten/gebaerdensprache']"));
        Assert.NotNull(nav.QuerySelector("a[href='/veranstaltungen']"));
        Assert.Null(nav.QuerySelector("a[href='/seiten/erstberatung']"));

        var about = await anonymous.GetDocumentAsync("/seiten/ueber-uns");
        Assert.Equal("Über uns", about.QuerySelector("h1")!.TextContent);
        Assert.Single(about.QuerySelectorAll("h1"));
        var subPages = about.QuerySelector("#page-subpages")!.TextContent;
        foreach (var title in new[] { "Ziele und Aufgaben", "Geschichte und Auszeichnungen", "Mitgliedschaft", "Kontakt" })
        {
            Assert.Contains(title, subPages, StringComparison.Ordinal);
        }

        Assert.Equal("page", about.QuerySelector("nav.site-nav a[href='/seiten/ueber-uns']")!.GetAttribute("aria-current"));

        var history = await anonymous.GetDocumentAsync("/seiten/ueber-uns/geschichte");
        Assert.Equal("Geschichte und Auszeichnungen", history.QuerySelector("h1")!.TextContent);
        Assert.NotNull(history.QuerySelector("#page-breadcrumbs a[href='/seiten/ueber-uns']"));
        Assert.EndsWith("/seiten/ueber-uns/geschichte", history.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(history.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        Assert.Equal("de", history.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Halsenbergpreis", history.QuerySelector("#page-body")!.TextContent, StringComparison.Ordinal);

        var easy = await anonymous.GetDocumentAsync("/seiten/leichte-sprache");
        Assert.Contains("Arbeits-Gemeinschaft", easy.QuerySelector("#page-body")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/seiten/gibt-es-nicht")]
    [InlineData("/seiten/ueber-uns/gibt-es-nicht")]
    [InlineData("/seiten/geschichte")]
    [InlineData("/seiten/barrierefreiheit")]
    [InlineData("/seiten")]
    public async Task An_unknown_path_answers_404(string path) =>
        await factory.CreateBrowserLikeClient().GetDocumentAsync(path, HttpStatusCode.NotFound);

    [Fact]
    public async Task A_draft_is_404_for_the_public_and_members_and_marked_for_the_office_everywhere()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var anonymous = factory.CreateBrowserLikeClient();
        var slug = Unique("entwurf-zaunkoenig");
        var draft = await CreateAsync(office, slug, publish: false, body: "Geheimer Entwurf über Zaunkönigquartiere.");
        var child = await CreateAsync(office, "unterseite", parent: draft, publish: true);

        await anonymous.GetDocumentAsync("/seiten/" + slug, HttpStatusCode.NotFound);
        await member.GetDocumentAsync("/seiten/" + slug, HttpStatusCode.NotFound);
        // Published itself, but under a draft: not public either.
        await anonymous.GetDocumentAsync($"/seiten/{slug}/unterseite", HttpStatusCode.NotFound);
        var seen = await office.GetDocumentAsync("/seiten/" + slug);
        Assert.NotNull(seen.QuerySelector("#page-draft"));
        Assert.Contains("Entwurf", seen.QuerySelector("#page-draft")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await office.GetDocumentAsync($"/seiten/{slug}/unterseite")).QuerySelector("#page-draft"));

        await SearchFixture.WaitForIndexAsync(factory);
        Assert.DoesNotContain("Titel " + slug, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Zaunk%C3%B6nigquartiere")));
        Assert.Contains("Titel " + slug, SearchFixture.Titles(await SearchFixture.SearchAsync(office, "q=Zaunk%C3%B6nigquartiere")));
        var sitemap = await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct);
        Assert.DoesNotContain(slug, sitemap, StringComparison.Ordinal);
        Assert.Contains("/seiten/ueber-uns/geschichte</loc>", sitemap, StringComparison.Ordinal);

        using var publish = await office.SubmitFormAsync(EditUrl(draft), new Dictionary<string, string>(), "#publish-form");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Null((await anonymous.GetDocumentAsync($"/seiten/{slug}/unterseite")).QuerySelector("#page-draft"));
        await SearchFixture.WaitForIndexAsync(factory);
        Assert.Contains("Titel " + slug, SearchFixture.Titles(await SearchFixture.SearchAsync(anonymous, "q=Zaunk%C3%B6nigquartiere")));
        Assert.Contains($"/seiten/{slug}/unterseite</loc>", await anonymous.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.True(child != Guid.Empty);
    }

    [Fact]
    public async Task A_change_is_visible_to_visitors_at_once_although_the_page_is_cached()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var visitor = factory.CreateBrowserLikeClient();
        var slug = Unique("zwischengespeichert");
        var id = await CreateAsync(office, slug, body: "Alte Fassung.");
        var url = "/seiten/" + slug;

        using (var first = await visitor.GetAsync(new Uri(url, UriKind.Relative), Ct))
        using (var second = await visitor.GetAsync(new Uri(url, UriKind.Relative), Ct))
        {
            Assert.NotNull(second.Headers.Age);
        }

        using (var saved = await SaveAsync(office, id, "Titel " + slug, "Neue Fassung."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var after = await visitor.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Null(after.Headers.Age);
        Assert.Equal("Neue Fassung.", (await after.ParseAsync()).QuerySelector("#page-body")!.TextContent.Trim());

        // A new top-level page for the navigation shows on the (cached) home page at once, and goes when withdrawn.
        var navSlug = Unique("im-menue");
        await visitor.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var navPage = await CreateAsync(office, navSlug, navigation: true);
        Assert.NotNull((await visitor.GetDocumentAsync("/")).QuerySelector($"nav.site-nav a[href='/seiten/{navSlug}']"));
        using (var withdrawn = await office.SubmitFormAsync(EditUrl(navPage), new Dictionary<string, string>(), "#publish-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        Assert.Null((await visitor.GetDocumentAsync("/")).QuerySelector($"nav.site-nav a[href='/seiten/{navSlug}']"));
        await visitor.GetDocumentAsync("/seiten/" + navSlug, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Script_tags_and_javascript_links_never_reach_the_page_and_the_text_is_kept_as_written()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var slug = Unique("unsicher");
        var id = await CreateAsync(office, slug);
        const string Body = "Hallo <script>alert('x')</script> und [Klick mich](javascript:alert(1)) und <img src=x onerror=alert(2)> sowie [sicher](https://example.org).";

        var form = (IHtmlFormElement)(await office.GetDocumentAsync(EditUrl(id))).QuerySelector("#page-form")!;
        using var preview = await PostCapturedAsync(office, form, EditUrl(id) + "?handler=preview", new Dictionary<string, string>
        {
            ["Input.Title"] = "Titel " + slug, ["Input.Description"] = "", ["Input.Body"] = Body,
        });
        var previewPage = await preview.ParseAsync();
        Assert.NotNull(previewPage.QuerySelector("#page-unsafe-hint"));
        var previewHtml = previewPage.QuerySelector("#page-preview")!.InnerHtml;
        Assert.DoesNotContain("<script", previewHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", previewHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Body, previewPage.QuerySelector("#Input_Body")!.TextContent);

        using (var saved = await SaveAsync(office, id, "Titel " + slug, Body))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(Body, (await PageAsync(id)).Body);
        var page = await anonymous.GetDocumentAsync("/seiten/" + slug);
        var html = page.QuerySelector("#page-body")!.InnerHtml;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", page.QuerySelector("#page-body")!.QuerySelectorAll("*").SelectMany(e => e.Attributes).Select(a => a.Name));
        Assert.NotNull(page.QuerySelector("#page-body a[href='https://example.org']"));
        Assert.Contains("Klick mich", page.QuerySelector("#page-body")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await office.GetDocumentAsync(EditUrl(id))).QuerySelector("#page-unsafe-hint"));
    }

    [Fact]
    public async Task Moving_a_page_under_itself_or_one_of_its_descendants_is_refused_and_changes_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var top = await CreateAsync(office, Unique("oben"));
        var middle = await CreateAsync(office, "mitte", parent: top);
        var bottom = await CreateAsync(office, "unten", parent: middle);

        foreach (var target in new[] { top, middle, bottom })
        {
            using var refused = await office.SubmitFormAsync(EditUrl(top), new Dictionary<string, string> { ["NewParentId"] = target.ToString() }, "#move-form");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("nicht unter sich selbst oder unter eine ihrer eigenen Unterseiten", (await refused.ParseAsync()).QuerySelector("#page-error")!.TextContent, StringComparison.Ordinal);
            Assert.Null((await PageAsync(top)).ParentId);
        }

        // The form offers neither the page itself nor its sub-pages.
        var options = (await office.GetDocumentAsync(EditUrl(top))).QuerySelectorAll("#NewParentId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.DoesNotContain(middle.ToString(), options);
        Assert.DoesNotContain(top.ToString(), options);

        // A legal move takes the sub-pages along.
        var other = await CreateAsync(office, Unique("anderswo"));
        using var moved = await office.SubmitFormAsync(EditUrl(middle), new Dictionary<string, string> { ["NewParentId"] = other.ToString() }, "#move-form");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(other, (await PageAsync(middle)).ParentId);
        var otherSlug = (await PageAsync(other)).Slug;
        Assert.Equal("Titel unten", (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/seiten/{otherSlug}/mitte/unten")).QuerySelector("h1")!.TextContent);
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "page.moved" && a.SubjectId == middle.ToString(), Ct)));
    }

    [Fact]
    public async Task An_address_used_by_a_sibling_is_refused_but_may_be_used_elsewhere()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var about = await IdOfAsync("ueber-uns");
        var before = await QueryAsync(db => db.Set<EditorialPage>().CountAsync(Ct));

        using var refused = await office.SubmitFormAsync(CreatePage, new Dictionary<string, string>
        {
            ["Input.ParentId"] = about.ToString(), ["Input.Title"] = "Noch ein Kontakt", ["Input.Slug"] = "kontakt", ["Input.Description"] = "", ["Input.Body"] = "Mein Text bleibt.",
        }, "#page-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var document = await refused.ParseAsync();
        Assert.Contains("Auf dieser Ebene gibt es schon eine Seite mit der Adresse „kontakt“", await refused.ErrorSummaryAsync(), StringComparison.Ordinal);
        Assert.Equal("Mein Text bleibt.", document.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal(before, await QueryAsync(db => db.Set<EditorialPage>().CountAsync(Ct)));

        using var bad = await office.SubmitFormAsync(CreatePage, new Dictionary<string, string>
        {
            ["Input.Title"] = "Schlecht", ["Input.Slug"] = "Über Uns!", ["Input.Description"] = "", ["Input.Body"] = "x",
        }, "#page-form");
        Assert.Contains("Die Adresse darf nur Kleinbuchstaben", await bad.ErrorSummaryAsync(), StringComparison.Ordinal);

        var elsewhere = await CreateAsync(office, Unique("kontakt"));
        Assert.NotEqual(Guid.Empty, elsewhere);
        var child = await CreateAsync(office, "kontakt", parent: elsewhere);
        Assert.Equal("kontakt", (await PageAsync(child)).Slug);
    }

    [Fact]
    public async Task A_save_over_a_newer_revision_is_refused_naming_who_saved_when_and_keeps_the_typed_text()
    {
        var first = await factory.CreateClientSignedInAsync(Roles.Office);
        var second = await factory.CreateClientSignedInAsync(Roles.Office);
        var slug = Unique("gleichzeitig");
        var id = await CreateAsync(first, slug, body: "Ausgangstext.");
        var secondForm = (IHtmlFormElement)(await second.GetDocumentAsync(EditUrl(id))).QuerySelector("#page-form")!;

        using (var saved = await SaveAsync(first, id, "Titel " + slug, "Fassung der ersten Person."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var refused = await PostCapturedAsync(second, secondForm, null, new Dictionary<string, string>
        {
            ["Input.Title"] = "Titel " + slug, ["Input.Description"] = "", ["Input.Body"] = "Fassung der zweiten Person.", ["Input.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var message = await refused.ErrorSummaryAsync();
        Assert.Contains($"wurde inzwischen von Test Person am {BerlinTime.FormatDateTime(factory.Clock.GetUtcNow().UtcDateTime)} gespeichert", message, StringComparison.Ordinal);
        Assert.Contains("Version 2", message, StringComparison.Ordinal);
        var document = await refused.ParseAsync();
        Assert.Equal("Fassung der zweiten Person.", document.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal("Fassung der ersten Person.", (await PageAsync(id)).Body);

        // Saving again after the warning is deliberate: it wins, and the first person's text stays a revision.
        var retry = (IHtmlFormElement)document.QuerySelector("#page-form")!;
        using var again = await PostCapturedAsync(second, retry, null, new Dictionary<string, string>
        {
            ["Input.Title"] = "Titel " + slug, ["Input.Description"] = "", ["Input.Body"] = "Fassung der zweiten Person.", ["Input.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Fassung der zweiten Person.", (await PageAsync(id)).Body);
        Assert.Contains("Fassung der ersten Person.", await QueryAsync(db => db.Set<EditorialPageRevision>().Where(r => r.PageId == id).Select(r => r.Body).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Restoring_an_old_revision_writes_a_new_revision_with_the_old_content_and_keeps_the_history()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var slug = Unique("versionen");
        var id = await CreateAsync(office, slug, body: "Erste Fassung.");
        using (var saved = await SaveAsync(office, id, "Neuer Titel " + slug, "Zweite Fassung.", note: "Überarbeitet"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var list = await office.GetDocumentAsync(EditUrl(id) + "/versionen");
        Assert.Contains("Überarbeitet", list.QuerySelector("#revisions")!.TextContent, StringComparison.Ordinal);
        var shown = await office.GetDocumentAsync(EditUrl(id) + "/versionen?nummer=1");
        Assert.Equal("Erste Fassung.", shown.QuerySelector("#revision-source")!.TextContent);

        using var restored = await office.SubmitFormAsync(EditUrl(id) + "/versionen?nummer=1", new Dictionary<string, string>(), "#restore-form");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        var page = await PageAsync(id);
        Assert.Equal(3, page.Revision);
        Assert.Equal("Erste Fassung.", page.Body);
        Assert.Equal("Titel " + slug, page.Title);
        var revisions = await QueryAsync(db => db.Set<EditorialPageRevision>().AsNoTracking().Where(r => r.PageId == id).OrderBy(r => r.Number).ToListAsync(Ct));
        Assert.Equal("1,2,3", string.Join(",", revisions.Select(r => r.Number)));
        Assert.Equal("Erste Fassung.|Zweite Fassung.|Erste Fassung.", string.Join("|", revisions.Select(r => r.Body)));
        Assert.Equal("Wiederhergestellt aus Version 1", revisions[2].Note);
        Assert.Equal("Erste Fassung.", (await factory.CreateBrowserLikeClient().GetDocumentAsync("/seiten/" + slug)).QuerySelector("#page-body")!.TextContent.Trim());
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "page.restored" && a.SubjectId == id.ToString(), Ct)));

        using var missing = await office.SubmitFormAsync(EditUrl(id) + "/versionen?nummer=1", new Dictionary<string, string> { ["number"] = "99" }, "#restore-form");
        Assert.Contains("Diese Version gibt es nicht.", (await missing.ParseAsync()).QuerySelector("#page-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, (await PageAsync(id)).Revision);
    }

    [Fact]
    public async Task A_page_with_sub_pages_cannot_be_deleted_a_leaf_can()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var parent = await CreateAsync(office, Unique("eltern"));
        var child = await CreateAsync(office, "kind", parent: parent);

        using var refused = await office.SubmitFormAsync(EditUrl(parent), new Dictionary<string, string>(), "#delete-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("hat 1 Unterseite(n)", (await refused.ParseAsync()).QuerySelector("#page-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await QueryAsync(db => db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == parent, Ct)));

        using var deleted = await office.SubmitFormAsync(EditUrl(child), new Dictionary<string, string>(), "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await QueryAsync(db => db.Set<EditorialPage>().AnyAsync(p => p.Id == child, Ct)));
        Assert.False(await QueryAsync(db => db.Set<EditorialPageRevision>().AnyAsync(r => r.PageId == child, Ct)));
        Assert.True(await QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "page.deleted" && a.SubjectId == child.ToString(), Ct)));
    }

    [Fact]
    public async Task The_office_tree_lists_pages_as_nested_lists_and_reorders_siblings()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var parent = await CreateAsync(office, Unique("reihe"));
        var a = await CreateAsync(office, "a", parent: parent);
        var b = await CreateAsync(office, "b", parent: parent);

        var tree = await office.GetDocumentAsync("/geschaeftsstelle/seiten");
        Assert.NotNull(tree.QuerySelector("#page-tree > li[data-page='ueber-uns'] > ul > li[data-page='geschichte']"));
        Assert.NotNull(tree.QuerySelector("#system-pages a"));

        var downForm = tree.QuerySelectorAll("form[action$='handler=down']").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=id]")!.GetAttribute("value") == a.ToString());
        using var moved = await PostCapturedAsync(office, downForm, null, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.True((await PageAsync(b)).SortOrder < (await PageAsync(a)).SortOrder);
        var parentSlug = (await PageAsync(parent)).Slug;
        var subPages = (await factory.CreateBrowserLikeClient().GetDocumentAsync("/seiten/" + parentSlug)).QuerySelectorAll("#page-subpages a").Select(x => x.TextContent).ToList();
        Assert.Equal("Titel b|Titel a", string.Join("|", subPages));
    }

    [Fact]
    public async Task The_accessibility_statement_shows_the_office_text_inside_its_fixed_frame()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var statement = await anonymous.GetDocumentAsync("/barrierefreiheit");
        Assert.Contains("Leichte Sprache", statement.QuerySelector("#statement-text")!.TextContent, StringComparison.Ordinal);

        var id = await QueryAsync(db => db.Set<EditorialPage>().Where(p => p.SystemKey == SystemPages.AccessibilityStatement).Select(p => p.Id).SingleAsync(Ct));
        var edit = await office.GetDocumentAsync(EditUrl(id));
        Assert.Null(edit.QuerySelector("#delete-form"));
        Assert.Null(edit.QuerySelector("#move-form"));
        using (var saved = await SaveAsync(office, id, "Erklärung zur Barrierefreiheit (veränderlicher Teil)", "## Stand der Vereinbarkeit mit den Anforderungen\n\nGeprüft am 01.12.2026: vollständig vereinbar."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        statement = await anonymous.GetDocumentAsync("/barrierefreiheit");
        Assert.Contains("Geprüft am 01.12.2026", statement.QuerySelector("#statement-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Erklärung zur Barrierefreiheit", statement.QuerySelector("h1")!.TextContent);
        Assert.NotNull(statement.QuerySelector("main a[href='/barrierefreiheit/barriere-melden']"));
        Assert.Contains("Ombudsstelle", statement.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A fixed page's text cannot be withdrawn or deleted (forged posts are refused, nothing changes).
        foreach (var handler in new[] { "unpublish", "delete" })
        {
            var form = (await office.GetDocumentAsync(EditUrl(id))).QuerySelector("#page-form")!;
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
            using var forged = await office.PostAsync(new Uri(EditUrl(id) + "?handler=" + handler, UriKind.Relative), content, Ct);
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
            Assert.Contains("feste Seite der Website", (await forged.ParseAsync()).QuerySelector("#page-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.True((await PageAsync(id)).Published);
        Assert.NotNull(await QueryAsync(db => db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == id, Ct)));
    }

    [Theory]
    [InlineData("/impressum", SystemPages.Imprint, "Haftung für Links", "Anbieterin")]
    [InlineData("/datenschutz", SystemPages.Privacy, "Zählpixel", "Verantwortliche Stelle")]
    public async Task The_imprint_and_the_privacy_notice_show_the_office_text_below_the_fixed_operator_details(string path, string key, string seeded, string fixedHeading)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var anonymous = factory.CreateBrowserLikeClient();
        var page = await anonymous.GetDocumentAsync(path);
        Assert.Contains(seeded, page.QuerySelector("#legal-text")!.TextContent, StringComparison.Ordinal);

        var id = await QueryAsync(db => db.Set<EditorialPage>().Where(p => p.SystemKey == key).Select(p => p.Id).SingleAsync(Ct));
        Assert.Contains(path, (await office.GetDocumentAsync("/geschaeftsstelle/seiten")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var title = SystemPages.All.Single(p => p.Key == key).Title;
        using (var saved = await SaveAsync(office, id, title, "## Hinweis\n\nNeu gefasst am 04.12.2026 <script>alert(1)</script>."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        page = await anonymous.GetDocumentAsync(path);
        var text = page.QuerySelector("#legal-text")!;
        Assert.Contains("Neu gefasst am 04.12.2026", text.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded, text.TextContent, StringComparison.Ordinal);
        Assert.Empty(text.QuerySelectorAll("script"));
        // The details the law asks for stay above the office's text, from the settings.
        Assert.Contains(fixedHeading, page.QuerySelector("main h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main .operator-contact"));
    }

    [Fact]
    public async Task A_page_created_meanwhile_with_the_same_address_is_refused_with_the_message_not_a_500()
    {
        var slug = Unique("gleichzeitig");
        await using var scope = factory.CreateScope();
        var registered = scope.ServiceProvider.GetRequiredService<DbContextOptions<QuartiersnetzDbContext>>();
        var competitor = new CompetingCreate(factory, slug);
        var options = new DbContextOptionsBuilder<QuartiersnetzDbContext>(registered).AddInterceptors(competitor).Options;
        await using var db = new QuartiersnetzDbContext(options);

        var outcome = await EditPages.CreateAsync(db, new AuditLog(db, factory.Clock), AuditActor.System, factory.Clock, null,
            new EditPages.Content { Title = "Gleichzeitig angelegt", Slug = slug, Body = "Unser Text." }, Ct);

        Assert.True(competitor.Inserted);
        Assert.False(outcome.Succeeded);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal("Slug", refusal.Field);
        Assert.Contains("schon eine Seite mit der Adresse", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["Text des anderen"], await QueryAsync(d => d.Set<EditorialPage>().Where(p => p.Slug == slug).Select(p => p.Body).ToListAsync(Ct)));
        Assert.Equal(0, await QueryAsync(d => d.Set<EditorialPageRevision>().CountAsync(r => r.Title == "Gleichzeitig angelegt", Ct)));
    }

    /// <summary>Creates a page with the same address through another context just before the tested save writes.</summary>
    private sealed class CompetingCreate(EditorialPagesFactory factory, string slug) : SaveChangesInterceptor
    {
        public bool Inserted { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Inserted)
            {
                Inserted = true;
                await using var scope = factory.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                var now = factory.Clock.GetUtcNow().UtcDateTime;
                other.Add(new EditorialPage { Slug = slug, Title = "Der andere", Body = "Text des anderen", Revision = 1, CreatedUtc = now, UpdatedUtc = now, UpdatedBy = "Test" });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
