using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>"Meine Veranstaltungen" pages its upcoming and its past list, each on its own.</summary>
public sealed class MyEventsPagingTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Path = "/meine-veranstaltungen";
    private const int PageSize = 20;

    [Fact]
    public async Task More_upcoming_registrations_than_a_page_show_the_first_page_with_a_pager_and_the_second_page_shows_the_rest()
    {
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var upcoming = await RegisterAsync(me.Id, Enumerable.Range(1, PageSize + 3).Select(i => DateTime.UtcNow.AddDays(i)));
        var browser = await factory.SignedInAsAsync(me);

        var first = await browser.GetDocumentAsync(Path);
        var next = first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        var second = await browser.GetDocumentAsync(next!);

        Assert.Equal(upcoming[..PageSize], UpcomingIds(first));
        Assert.Equal($"{Path}?seite-anstehend=2", next);
        Assert.Contains("Seite 1 von 2", first.QuerySelector("nav.pager")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Seitennavigation: anstehende Veranstaltungen", first.QuerySelector("nav.pager")?.GetAttribute("aria-label"));
        Assert.Equal(upcoming[PageSize..], UpcomingIds(second));
        Assert.Equal($"{Path}?seite-anstehend=1", second.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href"));
        // Still one form for the table: one antiforgery token, each button names its event.
        var form = Assert.Single(second.QuerySelectorAll("form#upcoming-actions"));
        Assert.Equal(3, form.QuerySelectorAll("button[name=eventId]").Length);
    }

    [Fact]
    public async Task The_upcoming_and_the_past_list_page_independently_and_each_pager_keeps_the_other_lists_page()
    {
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var upcoming = await RegisterAsync(me.Id, Enumerable.Range(1, PageSize + 1).Select(i => DateTime.UtcNow.AddDays(i)));
        var past = await RegisterAsync(me.Id, Enumerable.Range(1, PageSize + 2).Select(i => DateTime.UtcNow.AddDays(-i)));
        var browser = await factory.SignedInAsAsync(me);

        var page = await browser.GetDocumentAsync($"{Path}?seite-anstehend=2&seite=2");

        Assert.Equal(upcoming[PageSize..], UpcomingIds(page));
        Assert.Equal(past[PageSize..], PastIds(page));
        var pagers = page.QuerySelectorAll("nav.pager").ToList();
        Assert.Equal(2, pagers.Count);
        Assert.Equal($"{Path}?seite=2&seite-anstehend=1", pagers[0].QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal($"{Path}?seite-anstehend=2&seite=1", pagers[1].QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.NotEqual(pagers[0].GetAttribute("aria-label"), pagers[1].GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Cancelling_comes_back_to_the_page_the_person_was_on_or_to_the_new_last_page_when_that_one_is_gone()
    {
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var upcoming = await RegisterAsync(me.Id, Enumerable.Range(1, PageSize + 2).Select(i => DateTime.UtcNow.AddDays(i)));
        var past = await RegisterAsync(me.Id, Enumerable.Range(1, PageSize + 1).Select(i => DateTime.UtcNow.AddDays(-i)));
        var browser = await factory.SignedInAsAsync(me);
        var second = $"{Path}?seite-anstehend=2&seite=2";

        using (var first = await browser.PressButtonAsync(second, $"#upcoming button[name=eventId][value='{upcoming[PageSize]}']"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal(second, first.Headers.Location!.OriginalString);
        }

        var after = await browser.GetDocumentAsync(second);
        Assert.Equal([upcoming[PageSize + 1]], UpcomingIds(after));
        Assert.Equal(past[PageSize..], PastIds(after));

        // The last entry of page 2 goes too: page 2 no longer exists, and the person sees page 1, now the last.
        using (var last = await browser.PressButtonAsync(second, $"#upcoming button[name=eventId][value='{upcoming[PageSize + 1]}']"))
        {
            Assert.Equal(second, last.Headers.Location!.OriginalString);
        }

        var clamped = await browser.GetDocumentAsync(second);
        Assert.Equal(upcoming[..PageSize], UpcomingIds(clamped));
        Assert.Null(clamped.QuerySelector("nav.pager[aria-label='Seitennavigation: anstehende Veranstaltungen']"));
    }

    [Theory]
    [InlineData("?seite-anstehend=-4")]
    [InlineData("?seite-anstehend=abc&seite=0")]
    [InlineData("?seite-anstehend=99999")]
    public async Task Odd_page_numbers_are_corrected_or_show_an_empty_page_not_an_error(string query)
    {
        var me = await factory.CreatePersonAsync([Roles.MemberStaff]);
        await RegisterAsync(me.Id, [DateTime.UtcNow.AddDays(3)]);
        var browser = await factory.SignedInAsAsync(me);

        var page = await browser.GetDocumentAsync(Path + query);

        Assert.Equal("Meine Veranstaltungen", page.QuerySelector("h1")?.TextContent);
    }

    /// <summary>Confirmed registrations of the person for new events starting at the given times, stored in one go; the event ids in start order.</summary>
    private async Task<Guid[]> RegisterAsync(Guid personId, IEnumerable<DateTime> starts)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var events = new List<Event>();
        foreach (var start in starts)
        {
            var ev = new Event
            {
                Type = EventType.Netzwerktreffen, Title = $"Treffen am {start:yyyy-MM-dd}", Description = "Beschreibung", StartUtc = start, EndUtc = start.AddHours(2),
                PlaceMode = PlaceMode.OnSite, VenueName = "Rathaus", Audience = EventAudience.Public, Capacity = 10,
                Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            events.Add(ev);
            db.Add(ev);
            db.Add(new EventRegistration { EventId = ev.Id, PersonId = personId, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        // Upcoming lists soonest first, past lists latest first: both are the order the starts were given in here.
        return [.. events.Select(e => e.Id)];
    }

    private static Guid[] UpcomingIds(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#upcoming tr[data-event-id]").Select(r => Guid.Parse(r.GetAttribute("data-event-id")!))];

    private static Guid[] PastIds(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#past li[data-event-id]").Select(r => Guid.Parse(r.GetAttribute("data-event-id")!))];
}
