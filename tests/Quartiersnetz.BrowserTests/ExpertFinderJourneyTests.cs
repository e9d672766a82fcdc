using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.BrowserTests;

/// <summary>A member asks "Wer kennt sich aus mit …?", finds an expert by topic and opens the profile; every page clean.</summary>
public sealed class ExpertFinderJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Browser-Draht-Passwort-1";

    [Fact]
    public async Task AMemberFindsAnExpertByTopicAndOpensTheProfile()
    {
        var memberEmail = $"draht-{Guid.NewGuid():N}@quartiersnetz.test";
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var member = new UserAccount { UserName = memberEmail, Email = memberEmail, EmailConfirmed = true, DisplayName = "Mia Mitglied" };
            Assert.True((await users.CreateAsync(member, Password)).Succeeded);
            await users.AddToRoleAsync(member, Roles.MemberStaff);

            var fonds = await db.Set<Topic>().SingleAsync(t => t.Slug == "verfuegungsfonds", TestContext.Current.CancellationToken);
            var parent = await db.Set<Topic>().SingleAsync(t => t.Id == fonds.ParentId, TestContext.Current.CancellationToken);
            var experts = new List<Guid>();
            foreach (var (name, function, topics) in new[]
                     {
                         ("Frieda Fonds", "Quartiersmanagement Dortmund-Nordstadt", new[] { fonds, parent }),
                         ("Bruno Beispiel", "Stadtplanung", new[] { fonds }),
                     })
            {
                var email = $"experte-{Guid.NewGuid():N}@quartiersnetz.test";
                var expert = new UserAccount
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, FunctionTitle = function, MunicipalityAgs = "05913000",
                };
                Assert.True((await users.CreateAsync(expert, Password)).Succeeded);
                await users.AddToRoleAsync(expert, Roles.Expert);
                db.AddRange(topics.Select(t => new TopicAssignment { TopicId = t.Id, ItemKind = TopicKinds.Person, ItemKey = expert.Id.ToString() }));
                db.Add(new ConsentRecord { UserId = expert.Id, Kind = ConsentKinds.DirectoryListing, TextVersion = PrivacyNotice.Version, GivenAtUtc = DateTime.UtcNow });
                experts.Add(expert.Id);
            }

            // Frieda wrote a report on the topic, edited by an organisation of the directory: both are linked to it.
            var office = new Organisation { Name = "Büro Stadtteilforschung", SortKey = GermanSortKey.For("Büro Stadtteilforschung"), Type = OrganisationType.Beratungsbuero };
            var report = new Publication
            {
                Slug = "fonds-bericht", Type = PublicationType.Abschlussbericht, Title = "Zehn Jahre Verfügungsfonds", Year = 2025, Abstract = "Was die Fonds bewirkt haben.",
                Visibility = PublicationVisibility.Public, PublishedAtUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.AddRange(office, report);
            db.Add(new PublicationContributor { PublicationId = report.Id, Position = 0, Name = "Frieda Fonds", PersonId = experts[0] });
            db.Add(new PublicationContributor { PublicationId = report.Id, Position = 1, Name = "Büro Stadtteilforschung", IsEditor = true, OrganisationId = office.Id });
            db.Add(new TopicAssignment { TopicId = fonds.Id, ItemKind = Publication.TopicKind, ItemKey = report.Id.ToString() });

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var session = await BrowserSession.OpenAsync(environment, app);
        var page = session.Page;
        await session.SignInAsync(memberEmail, Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Der kurze Draht" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Der kurze Draht", Level = 1 })).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync();

        // Searching for nothing gets a hint, not an error.
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Expect(page.Locator("#search-hint")).ToContainTextAsync("Bitte wählen Sie ein Thema");
        await session.AssertPageIsCleanAsync();

        // The Handlungsfeld includes its sub-topic Verfügungsfonds: Frieda has both, so she ranks first.
        string parentSlug;
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var fonds = await db.Set<Topic>().SingleAsync(t => t.Slug == "verfuegungsfonds", TestContext.Current.CancellationToken);
            parentSlug = await db.Set<Topic>().Where(t => t.Id == fonds.ParentId).Select(t => t.Slug).SingleAsync(TestContext.Current.CancellationToken);
        }

        await page.GetByLabel("Thema").SelectOptionAsync(parentSlug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("2 Personen gefunden");
        await Expect(page.Locator("#experts > li").First).ToContainTextAsync("Frieda Fonds");
        await Expect(page.Locator("#experts > li").First).ToContainTextAsync("Themen im Profil:");
        await Expect(page.Locator("#experts > li").First).ToContainTextAsync("1 Veröffentlichung zu Verfügungsfonds");
        await Expect(page.Locator("#experts > li").Nth(1)).ToContainTextAsync("Thema im Profil: Verfügungsfonds");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("kurzer-draht");

        await page.GetByRole(AriaRole.Link, new() { Name = "Frieda Fonds" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Frieda Fonds", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#person-function")).ToHaveTextAsync("Quartiersmanagement Dortmund-Nordstadt");
        await session.AssertPageIsCleanAsync();

        // From the profile to her report, whose authors and editors lead to their pages.
        await page.Locator("#person-publications").GetByRole(AriaRole.Link, new() { Name = "Zehn Jahre Verfügungsfonds" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zehn Jahre Verfügungsfonds", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#publication-authors a")).ToHaveTextAsync("Frieda Fonds");
        await session.AssertPageIsCleanAsync();
        await page.Locator("#publication-editors").GetByRole(AriaRole.Link, new() { Name = "Büro Stadtteilforschung" }).ClickAsync();
        await Expect(page.Locator("#organisation-publications")).ToContainTextAsync("Zehn Jahre Verfügungsfonds");
        await session.AssertPageIsCleanAsync();
        await session.ScreenshotAsync("organisation-veroeffentlichungen");

        // A free-text search folds umlauts and finds the same people.
        await session.GotoAsync("/kurzer-draht?text=Verfuegungsfonds");
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("2 Personen gefunden");
        await session.AssertPageIsCleanAsync();
    }
}
