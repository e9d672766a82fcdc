using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class MunicipalityPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Muenster = "05515000";
    private const string Bielefeld = "05711000";
    private const string Wuppertal = "05124000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shows_reference_data_and_membership_of_a_municipality()
    {
        await AddMembershipAsync(factory, Muenster, new DateOnly(2020, 4, 1));

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/gemeinden/{Muenster}");

        Assert.Contains("Münster", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        var facts = page.QuerySelector("dl")!.TextContent;
        Assert.Contains("Münster", facts, StringComparison.Ordinal); // Regierungsbezirk
        Assert.Contains("Mitglied seit 01.04.2020", page.QuerySelector("#membership-status")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_municipality_is_not_found()
    {
        await factory.CreateBrowserLikeClient().GetDocumentAsync("/gemeinden/05999999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_viewer_sees_only_the_people_their_visibility_allows()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var open = await CreateListedPersonAsync(factory, Bielefeld, $"Offen {marker}", ProfileVisibility.Public, consent: true, Roles.MunicipalCoordinator);
        var membersOnly = await CreateListedPersonAsync(factory, Bielefeld, $"Intern {marker}", ProfileVisibility.Members, consent: true);
        var noConsent = await CreateListedPersonAsync(factory, Bielefeld, $"Ohne {marker}", ProfileVisibility.Public, consent: false);
        var withdrawn = await CreateListedPersonAsync(factory, Bielefeld, $"Zurück {marker}", ProfileVisibility.Public, consent: true);
        await WithdrawAsync(factory, withdrawn.Id);
        var url = $"/gemeinden/{Bielefeld}";

        var anonymous = await factory.CreateBrowserLikeClient().GetDocumentAsync(url);
        var member = await (await factory.CreateClientSignedInAsync(Roles.Expert)).GetDocumentAsync(url);
        var office = await (await factory.CreateClientSignedInAsync(Roles.Office)).GetDocumentAsync(url);

        Assert.Equal([open.Id], PeopleOn(anonymous));
        Assert.DoesNotContain($"Intern {marker}", anonymous.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([membersOnly.Id, open.Id], PeopleOn(member));
        Assert.Equal(new[] { open.Id, membersOnly.Id, noConsent.Id, withdrawn.Id }.Order(), PeopleOn(office).Order());
        Assert.Contains("Kommunale Koordination", anonymous.QuerySelector($"[data-person-id='{open.Id}']")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kommunale Koordination", member.QuerySelector($"[data-person-id='{membersOnly.Id}']")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_links_each_municipality_and_filters_members_only()
    {
        await AddMembershipAsync(factory, Wuppertal, new DateOnly(2015, 1, 1));
        var client = factory.CreateBrowserLikeClient();

        var members = await client.GetDocumentAsync("/gemeinden?mitglied=true&name=Wuppertal");
        var all = await client.GetDocumentAsync("/gemeinden?name=Solingen");
        var onlyMembersSolingen = await client.GetDocumentAsync("/gemeinden?mitglied=true&name=Solingen");

        var row = Assert.Single(members.QuerySelectorAll("tbody tr"));
        Assert.Equal($"/gemeinden/{Wuppertal}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("01.01.2015", row.TextContent, StringComparison.Ordinal);
        Assert.Single(all.QuerySelectorAll("tbody tr"));
        Assert.Empty(onlyMembersSolingen.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task The_api_names_the_membership_or_null()
    {
        const string Krefeld = "05114000";
        await AddMembershipAsync(factory, Krefeld, new DateOnly(2016, 9, 15));
        var client = factory.CreateBrowserLikeClient();

        using var member = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/municipalities/{Krefeld}", UriKind.Relative), Ct));
        using var other = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/municipalities/05122000", UriKind.Relative), Ct));
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/municipalities?membersOnly=true&name=Krefeld", UriKind.Relative), Ct));

        Assert.Equal("2016-09-15", member.RootElement.GetProperty("membership").GetProperty("memberSince").GetString());
        Assert.Equal(JsonValueKind.Null, other.RootElement.GetProperty("membership").ValueKind);
        var item = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(Krefeld, item.GetProperty("ags").GetString());
    }

    [Fact]
    public async Task The_number_of_queries_does_not_grow_with_the_number_of_people()
    {
        var counter = new CommandCounter();
        // Counts what building the page costs; the public page cache would answer a repeat without any query.
        await using var counted = new QuartiersnetzFactory()
            .WithSetting("Caching:PublicPageSeconds", "0")
            .WithSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(counter));
        const string Few = "05512000"; // Bottrop
        const string Many = "05513000"; // Gelsenkirchen
        for (var i = 0; i < 2; i++)
        {
            await CreateListedPersonAsync(counted, Few, $"Wenige {i}", ProfileVisibility.Public, consent: true);
        }

        for (var i = 0; i < 15; i++)
        {
            await CreateListedPersonAsync(counted, Many, $"Viele {i}", ProfileVisibility.Public, consent: true, i % 3 == 0 ? Roles.MunicipalCoordinator : Roles.MemberStaff);
        }

        var client = counted.CreateBrowserLikeClient();
        await client.GetDocumentAsync($"/gemeinden/{Few}"); // warm-up: compiled queries, role cache

        var few = await CountAsync(counter, client, Few);
        var many = await CountAsync(counter, client, Many);

        Assert.Equal(2, (await client.GetDocumentAsync($"/gemeinden/{Few}")).QuerySelectorAll("[data-person-id]").Length);
        Assert.Equal(15, (await client.GetDocumentAsync($"/gemeinden/{Many}")).QuerySelectorAll("[data-person-id]").Length);
        Assert.True(few > 0);
        Assert.Equal(few, many);
    }

    private static async Task<int> CountAsync(CommandCounter counter, HttpClient client, string ags)
    {
        counter.Reset();
        await client.GetDocumentAsync($"/gemeinden/{ags}");
        return counter.Count;
    }

    private static Guid[] PeopleOn(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#municipality-people [data-person-id]").Select(e => Guid.Parse(e.GetAttribute("data-person-id")!))];

    internal static async Task AddMembershipAsync(QuartiersnetzFactory factory, string ags, DateOnly since)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new NetworkMembership { MunicipalityAgs = ags, MemberSince = since });
        await db.SaveChangesAsync(Ct);
    }

    internal static async Task<TestPerson> CreateListedPersonAsync(
        QuartiersnetzFactory factory, string ags, string name, ProfileVisibility nameVisibility, bool consent, string role = Roles.MemberStaff)
    {
        var person = await factory.CreatePersonAsync([role], ags, displayName: name);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == person.Id, Ct);
        account.NameVisibility = nameVisibility;
        if (consent)
        {
            db.Add(new ConsentRecord { UserId = person.Id, Kind = ConsentKinds.DirectoryListing, TextVersion = "test", GivenAtUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync(Ct);
        return person;
    }

    private static async Task WithdrawAsync(QuartiersnetzFactory factory, Guid userId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        foreach (var consent in await db.Set<ConsentRecord>().Where(c => c.UserId == userId).ToListAsync(Ct))
        {
            consent.WithdrawnAtUtc = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Counts the SQL commands EF executes for the municipality page (background jobs' commands are left out).</summary>
    private sealed class CommandCounter : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public int Count => _commands.Count(c => !c.Contains("Outbox", StringComparison.OrdinalIgnoreCase)
            && (c.Contains("AspNetUsers", StringComparison.Ordinal) || c.Contains("Municipalities", StringComparison.Ordinal)
                || c.Contains("ConsentRecords", StringComparison.Ordinal) || c.Contains("AspNetRoles", StringComparison.Ordinal)
                || c.Contains("NetworkMemberships", StringComparison.Ordinal)));

        public void Reset() => _commands.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? _commands : null);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string>? commands) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => commands is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (commands is not null && eventId.Id == 20101 && Quartiersnetz.Platform.Hosting.BackgroundWork.Current is null)
                {
                    commands.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
