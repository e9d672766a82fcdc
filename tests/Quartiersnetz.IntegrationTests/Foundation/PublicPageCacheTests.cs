using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// The public page cache: anonymous visitors get a kept copy (the middleware marks it with an Age header), every saved
/// change drops the copies, and nobody with an identity ever gets or fills one.
/// </summary>
public sealed class PublicPageCacheTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_gets_the_kept_page_until_a_change_is_saved_then_the_new_content()
    {
        var name = "Cache-Verein " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateOrganisationAsync(name);
        var visitor = factory.CreateBrowserLikeClient();
        var url = $"/organisationen/{id}";

        using var first = await visitor.GetAsync(url, Ct);
        using var second = await visitor.GetAsync(url, Ct);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);

        await RenameOrganisationAsync(id, name + " umbenannt");
        using var afterChange = await visitor.GetAsync(url, Ct);

        Assert.Null(afterChange.Headers.Age);
        Assert.Equal(name + " umbenannt", (await afterChange.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_newsletter_subscription_keeps_the_kept_pages_because_no_public_page_shows_it()
    {
        var id = await CreateOrganisationAsync("Abo-Verein " + Guid.NewGuid().ToString("N")[..8]);
        var visitor = factory.CreateBrowserLikeClient();
        var url = $"/organisationen/{id}";
        await visitor.GetAsync(url, Ct);

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var email = $"abo-{Guid.NewGuid():N}@beispiel.de";
            db.Add(new NewsletterSubscription { Email = email, EmailKey = email.ToUpperInvariant(), CreatedAtUtc = DateTime.UtcNow, ConsentGivenAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        using var afterSubscription = await visitor.GetAsync(url, Ct);
        Assert.NotNull(afterSubscription.Headers.Age);
    }

    [Fact]
    public async Task A_change_inside_a_transaction_drops_the_kept_pages_when_it_commits()
    {
        var name = "Transaktion " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateOrganisationAsync(name);
        var visitor = factory.CreateBrowserLikeClient();
        var url = $"/organisationen/{id}";
        await visitor.GetAsync(url, Ct);

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var organisation = await db.Set<Organisation>().SingleAsync(o => o.Id == id, Ct);
            organisation.Name = name + " neu";
            await db.SaveChangesAsync(Ct);
            // A visitor between the save and the commit sees the old row and may keep that page again …
            using var between = await visitor.GetAsync(url, Ct);
            Assert.Equal(name, (await between.ParseAsync()).QuerySelector("h1")?.TextContent);
            await transaction.CommitAsync(Ct);
        }

        // … so the commit drops the copies once more.
        using var afterCommit = await visitor.GetAsync(url, Ct);
        Assert.Null(afterCommit.Headers.Age);
        Assert.Equal(name + " neu", (await afterCommit.ParseAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Members_never_get_or_fill_the_kept_page_so_member_only_details_stay_with_them()
    {
        var function = "Nur-für-Mitglieder-Funktion " + Guid.NewGuid().ToString("N")[..8];
        var person = await ProfileTestSupport.CreatePersonAsync(factory, [Roles.Expert], u =>
        {
            u.DisplayName = "Cache Person";
            u.NameVisibility = ProfileVisibility.Public;
            u.FunctionTitle = function;
            u.FunctionVisibility = ProfileVisibility.Members;
        });
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        var visitor = factory.CreateBrowserLikeClient();
        var url = $"/personen/{person.Id}";

        using var memberFirst = await member.GetAsync(url, Ct);
        using var visitorFirst = await visitor.GetAsync(url, Ct);
        using var visitorSecond = await visitor.GetAsync(url, Ct);
        using var memberAfterVisitor = await member.GetAsync(url, Ct);

        Assert.Equal(function, (await memberFirst.ParseAsync()).QuerySelector("#person-function")?.TextContent);
        Assert.Null((await visitorFirst.ParseAsync()).QuerySelector("#person-function"));
        Assert.NotNull(visitorSecond.Headers.Age);
        Assert.Null((await visitorSecond.ParseAsync()).QuerySelector("#person-function"));
        Assert.Null(memberAfterVisitor.Headers.Age);
        Assert.Equal(function, (await memberAfterVisitor.ParseAsync()).QuerySelector("#person-function")?.TextContent);
    }

    [Fact]
    public async Task An_api_call_with_a_token_is_answered_afresh_and_an_anonymous_one_from_the_cache()
    {
        var member = await ApiTestPeople.CreatePersonAsync(factory, [Roles.Expert]);
        var anonymous = factory.CreateClient();
        var withToken = factory.CreateBearerClient(await factory.AccessTokenAsync(member));

        await anonymous.GetAsync("/api/v1/topics", Ct);
        using var anonymousAgain = await anonymous.GetAsync("/api/v1/topics", Ct);
        using var tokenCall = await withToken.GetAsync("/api/v1/topics", Ct);

        Assert.NotNull(anonymousAgain.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, tokenCall.StatusCode);
        Assert.Null(tokenCall.Headers.Age);
    }

    [Theory]
    [InlineData("/api/v1/topics", "Bearer kein-gueltiges-token")]
    [InlineData("/api/v1/topics", "Bearer qnp_unbekannt")]
    [InlineData("/themen", "Bearer kein-gueltiges-token")]
    [InlineData("/themen", "Basic YWJjOmRlZg==")]
    public async Task A_header_that_authenticates_nobody_gets_the_kept_visitors_answer(string path, string header)
    {
        var anonymous = factory.CreateClient();
        (await anonymous.GetAsync(path, Ct)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        // Building a fresh answer for each such request would be a cheap way to load the server.
        using var response = await anonymous.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.Age);
    }

    [Fact]
    public async Task Errors_are_never_kept()
    {
        var visitor = factory.CreateClient();

        await visitor.GetAsync("/api/v1/people?page=0", Ct);
        using var again = await visitor.GetAsync("/api/v1/people?page=0", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }

    [Fact]
    public async Task Zero_seconds_switches_the_cache_off()
    {
        await using var off = new QuartiersnetzFactory().WithSetting("Caching:PublicPageSeconds", "0");
        var visitor = off.CreateBrowserLikeClient();

        await visitor.GetAsync("/themen", Ct);
        using var again = await visitor.GetAsync("/themen", Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }

    [Fact]
    public async Task A_change_to_an_event_shows_at_once_on_its_kept_public_pages_and_feeds()
    {
        var title = "Cache-Veranstaltung " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateEventAsync(title);
        var visitor = factory.CreateBrowserLikeClient();
        string[] urls = [$"/veranstaltungen/{id}", $"/api/v1/events/{id}", $"/veranstaltungen/{id}.ics", "/kalender.ics"];
        foreach (var url in urls)
        {
            using var first = await visitor.GetAsync(url, Ct);
            using var second = await visitor.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.True(second.Headers.Age is not null, $"{url} was not kept for the visitor.");
            Assert.Contains(title, await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<Event>().SingleAsync(e => e.Id == id, Ct)).Title = title + " verlegt";
            await db.SaveChangesAsync(Ct);
        }

        foreach (var url in urls)
        {
            using var afterChange = await visitor.GetAsync(url, Ct);
            Assert.True(afterChange.Headers.Age is null, $"{url} still came from the cache after the change.");
            Assert.Contains(title + " verlegt", await afterChange.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_kept_search_answer_is_dropped_when_the_indexer_has_written_a_change()
    {
        var word = "Suchcache" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateOrganisationAsync(word + " Verein");
        var visitor = factory.CreateBrowserLikeClient();
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        // The new organisation and the member's account are indexed in the background; that would drop kept answers.
        await Search.SearchFixture.WaitForIndexAsync(factory);
        string[] urls = [$"/suche?q={word}", $"/api/v1/search?q={word}"];
        foreach (var url in urls)
        {
            await visitor.GetAsync(url, Ct);
            using var kept = await visitor.GetAsync(url, Ct);
            Assert.True(kept.Headers.Age is not null, $"{url} was not kept for the visitor.");
            using var forMember = await member.GetAsync(url, Ct);
            Assert.True(forMember.Headers.Age is null, $"{url} came from the cache for a member.");
        }

        // Renamed behind the app's back (no saved change drops the pages), and only the index is told: the kept search
        // answers still show the old name until the indexer has written the new document.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await visitor.GetAsync(urls[1], Ct);
            await db.Set<Organisation>().Where(o => o.Id == id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, word + " Stiftung"), Ct);
            using var stale = await visitor.GetAsync(urls[1], Ct);
            Assert.NotNull(stale.Headers.Age);
            db.Add(new Platform.Search.SearchIndexPending { Kind = "organisation", Key = id.ToString(), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await Search.SearchFixture.WaitForIndexAsync(factory);

        foreach (var url in urls)
        {
            using var afterIndexing = await visitor.GetAsync(url, Ct);
            Assert.True(afterIndexing.Headers.Age is null, $"{url} still came from the cache after the index changed.");
            Assert.Contains(word + " Stiftung", await afterIndexing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_answer_whose_tags_were_evicted_after_the_last_check_is_not_stored()
    {
        // The middleware stores an answer after the policy's last check; the indexer's eviction can fall in between.
        // Played here step by step on the app's own store: the answer began, then the index changed, then it is stored.
        var store = factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>();
        var eviction = factory.Services.GetRequiredService<Platform.Caching.PublicPageCacheEviction>();
        var accessor = factory.Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        string[] tags = [Platform.Caching.PublicPageCache.Tag, Platform.Caching.PublicPageCache.SearchTag];
        var body = "{\"hits\":[]}"u8.ToArray();

        var raced = Guid.NewGuid().ToString("N");
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = factory.Services };
        Platform.Caching.PublicPageCache.RememberGeneration(accessor.HttpContext, tags);
        eviction.EvictSearch();
        await store.SetAsync(raced, body, tags, TimeSpan.FromMinutes(1), Ct);
        Assert.Null(await store.GetAsync(raced, Ct));

        // An answer begun after the eviction is kept, and the next eviction of one of its tags drops it.
        var kept = Guid.NewGuid().ToString("N");
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = factory.Services };
        Platform.Caching.PublicPageCache.RememberGeneration(accessor.HttpContext, tags);
        await store.SetAsync(kept, body, tags, TimeSpan.FromMinutes(1), Ct);
        Assert.NotNull(await store.GetAsync(kept, Ct));
        accessor.HttpContext = null;
        eviction.EvictSearch();
        Assert.Null(await store.GetAsync(kept, Ct));
    }

    [Fact]
    public async Task The_offices_kept_lists_and_the_signed_in_municipality_list_follow_each_saved_change()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var word = "Listencache" + Guid.NewGuid().ToString("N")[..8];
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], u => u.DisplayName = word + " Person");
        var area = await Map.MapTestData.AddAreaAsync(factory, word + " Gebiet", "05315000", Features.ProgrammeAreas.UrbanDevelopmentProgramme.SozialerZusammenhalt, Features.ProgrammeAreas.ProgrammeAreaStatus.Laufend, 2020, null);
        var eventId = await CreateEventAsync(word + " Treffen");
        string[] lists =
        [
            $"/geschaeftsstelle/personen?suche={word}", $"/geschaeftsstelle/programmgebiete?name={word}", "/geschaeftsstelle/veranstaltungen?seite=1",
            "/gemeinden?name=M%C3%BCnster",
        ];
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<Data.Reference.Municipality>().SingleAsync(m => m.Ags == "05515000", Ct)).Name = "Münster " + word;
            await db.SaveChangesAsync(Ct);
        }


        // Asked twice, so that the second answer is the kept one.
        foreach (var list in lists)
        {
            await office.GetStringAsync(new Uri(list, UriKind.Relative), Ct);
            Assert.Contains(word, await office.GetStringAsync(new Uri(list, UriKind.Relative), Ct), StringComparison.Ordinal);
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Users.SingleAsync(u => u.Id == person.Id, Ct)).DisplayName = word + " Umbenannt";
            (await db.Set<Features.ProgrammeAreas.ProgrammeArea>().SingleAsync(a => a.Id == area.Id, Ct)).Name = word + " Quartier";
            (await db.Set<Event>().SingleAsync(e => e.Id == eventId, Ct)).Title = word + " Werkstatt";
            (await db.Set<Data.Reference.Municipality>().SingleAsync(m => m.Ags == "05515000", Ct)).Name = "Münster, Stadt " + word;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Contains(word + " Umbenannt", await office.GetStringAsync(new Uri(lists[0], UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Contains(word + " Quartier", await office.GetStringAsync(new Uri(lists[1], UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.Contains(word + " Werkstatt", await office.GetStringAsync(new Uri(lists[2], UriKind.Relative), Ct), StringComparison.Ordinal);
        // The municipality list is the same for everyone; signed-in viewers get the kept list, which follows too.
        Assert.Contains("Münster, Stadt " + word, await office.GetStringAsync(new Uri(lists[3], UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    private async Task<Guid> CreateEventAsync(string title)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(9);
        var ev = new Event
        {
            Type = EventType.Werkstatt, Title = title, Description = "Beschreibung", StartUtc = start, EndUtc = start.AddHours(2),
            PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerzentrum", Audience = EventAudience.Public, Status = EventStatus.Published,
            Capacity = 10, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Add(ev);
        await db.SaveChangesAsync(Ct);
        return ev.Id;
    }

    [Fact]
    public async Task A_members_search_is_shared_per_audience_and_dropped_when_the_indexer_has_written_a_change()
    {
        var word = "Mitgliedercache" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateOrganisationAsync(word + " Verein");
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        var other = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        await Search.SearchFixture.WaitForIndexAsync(factory);
        var url = $"/suche?q={word}";
        Assert.Contains(word + " Verein", await member.GetStringAsync(url, Ct), StringComparison.Ordinal);

        // Renamed behind the app's back: nothing drops the kept answer, so another member gets the shared one.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<Organisation>().Where(o => o.Id == id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, word + " Stiftung"), Ct);
            Assert.Contains(word + " Verein", await other.GetStringAsync(url, Ct), StringComparison.Ordinal);
            db.Add(new Platform.Search.SearchIndexPending { Kind = "organisation", Key = id.ToString(), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await Search.SearchFixture.WaitForIndexAsync(factory);

        var after = await other.GetStringAsync(url, Ct);
        Assert.Contains(word + " Stiftung", after, StringComparison.Ordinal);
        Assert.DoesNotContain(word + " Verein", after, StringComparison.Ordinal);
    }

    private async Task<Guid> CreateOrganisationAsync(string name)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var organisation = new Organisation { Name = name, Type = OrganisationType.Traeger };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation.Id;
    }

    private async Task RenameOrganisationAsync(Guid id, string name)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        (await db.Set<Organisation>().SingleAsync(o => o.Id == id, Ct)).Name = name;
        await db.SaveChangesAsync(Ct);
    }
}
