using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Expertise;

namespace Quartiersnetz.IntegrationTests.ExpertFinder;

/// <summary>
/// Evidence that later features feed into the expert finder: talks given in an event's agenda and being the contact
/// person of a published project ("3 Vorträge zu Verfügungsfonds, Ansprechperson für Projekt X").
/// </summary>
public sealed class ExpertEvidenceTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Gelsenkirchen = "05513000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Talks_on_the_topic_count_per_talk_only_in_events_members_may_see_and_that_take_place()
    {
        var topic = await factory.CreateTopicAsync("Verfügungsfonds " + ExpertTestSupport.Word());
        var second = await factory.CreateTopicAsync("Leerstand " + ExpertTestSupport.Word());
        var speaker = await factory.CreateExpertAsync("Vera Vortrag", []);
        var hidden = await factory.CreateExpertAsync("Ingo Intern", []);
        var profileOnly = await factory.CreateExpertAsync("Paula Profil", [topic]);
        var open = await factory.CreateEventAsync(audience: EventAudience.Public);
        var members = await factory.CreateEventAsync(audience: EventAudience.Members);
        var invited = await factory.CreateEventAsync(audience: EventAudience.Invited);
        var cancelled = await factory.CreateEventAsync();
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            (await db.Set<Event>().SingleAsync(e => e.Id == cancelled, Ct)).Status = EventStatus.Cancelled;
            // Two topics on one talk: still one talk. An external speaker in the same item has no profile to find.
            Talk(db, open, [topic, second], speaker, external: "Externe Referentin");
            Talk(db, members, [topic], speaker);
            Talk(db, members, [second], hidden);
            Talk(db, open, [], hidden);
            Talk(db, invited, [topic], hidden);
            Talk(db, cancelled, [topic], hidden);
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = factory.CreateScope())
        {
            var source = scope.ServiceProvider.GetServices<IExpertiseEvidenceSource>().OfType<TalkEvidence>().Single();
            var evidence = await source.FindAsync(new ExpertiseQuery([topic.Id], []), Ct);
            Assert.All(evidence, e => Assert.Equal(speaker, e.PersonId));
            Assert.Equal(2, evidence.Count);
            Assert.All(evidence, e => Assert.Equal(("{0} Vorträge zu {1}", "{0} Vortrag zu {1}", topic.Name, 3), (e.Summary, e.SummaryOne, e.Arguments.Single(), e.Weight)));
            Assert.Empty(await source.FindAsync(new ExpertiseQuery([], ["vortrag"]), Ct));
            var both = await source.FindAsync(new ExpertiseQuery([topic.Id, second.Id], []), Ct);
            Assert.Equal(2, both.Count(e => e.PersonId == speaker));
            Assert.Single(both, e => e.PersonId == hidden);
        }

        // The member's page adds the talks up, names them and ranks them above a self-declared profile topic.
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var page = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");
        Assert.Equal([speaker, profileOnly], PeopleOn(page));
        Assert.Equal($"2 Vorträge zu {topic.Name}", ReasonsOf(page, speaker).Single());
        var single = await member.GetDocumentAsync($"/kurzer-draht?thema={second.Slug}");
        Assert.Equal([hidden, speaker], PeopleOn(single));
        Assert.Equal($"1 Vortrag zu {second.Name}", ReasonsOf(single, hidden).Single());
    }

    [Fact]
    public async Task The_contact_person_of_a_published_project_on_the_topic_is_found_by_the_projects_e_mail_address()
    {
        var topic = await factory.CreateTopicAsync("Nachbarschaft " + ExpertTestSupport.Word());
        var contact = await factory.CreateExpertAsync("Konrad Kontakt", []);
        var draftContact = await factory.CreateExpertAsync("Dora Entwurf", []);
        var other = await factory.CreateExpertAsync("Otto Anderes", []);
        // Members may not see Paula's address: naming her as the project's contact would tell them.
        var hiddenAddress = await factory.CreateExpertAsync("Paula Privat", [], u => u.EmailVisibility = ProfileVisibility.Office);
        string published;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var emails = await db.Users.Where(u => u.Id == contact || u.Id == draftContact || u.Id == other || u.Id == hiddenAddress).ToDictionaryAsync(u => u.Id, u => u.Email!, Ct);
            // Typed in by the proposer: other case, spaces around.
            published = AddProject(db, "Gartenprojekt", $"  {emails[contact].ToUpperInvariant()} ", ProjectReviewState.Published, topic).Slug;
            AddProject(db, "Entwurfsprojekt", emails[draftContact], ProjectReviewState.Submitted, topic);
            AddProject(db, "Ohne Thema", emails[other], ProjectReviewState.Published);
            AddProject(db, "Unbekannte Adresse", "niemand@beispiel.de", ProjectReviewState.Published, topic);
            AddProject(db, "Verborgene Adresse", emails[hiddenAddress], ProjectReviewState.Published, topic);
            await db.SaveChangesAsync(Ct);
        }

        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        var page = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");

        Assert.Equal([contact], PeopleOn(page));
        var reason = page.QuerySelector($"[data-person-id='{contact}'] .expert__reasons li a");
        Assert.Equal($"Ansprechperson für Projekt Gartenprojekt {topic.Slug}", reason?.TextContent.Trim());
        Assert.Equal($"/praxisprojekte/{published}", reason?.GetAttribute("href"));
    }

    [Fact]
    public async Task Authors_linked_to_their_profile_count_per_published_publication_on_the_topic()
    {
        var topic = await factory.CreateTopicAsync("Quartiersforschung " + ExpertTestSupport.Word());
        var author = await factory.CreateExpertAsync("Alma Autorin", []);
        var draftAuthor = await factory.CreateExpertAsync("Erik Entwurf", []);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            Publication(db, "Öffentlich", PublicationVisibility.Public, published: true, topic, author, draftAuthor);
            Publication(db, "Intern", PublicationVisibility.Members, published: true, topic, author);
            Publication(db, "Entwurf", PublicationVisibility.Public, published: false, topic, draftAuthor);
            Publication(db, "Anderes Thema", PublicationVisibility.Public, published: true, null, draftAuthor);
            await db.SaveChangesAsync(Ct);
        }

        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var page = await member.GetDocumentAsync($"/kurzer-draht?thema={topic.Slug}");

        Assert.Equal([author, draftAuthor], PeopleOn(page));
        Assert.Equal($"2 Veröffentlichungen zu {topic.Name}", ReasonsOf(page, author).Single());
        Assert.Equal($"1 Veröffentlichung zu {topic.Name}", ReasonsOf(page, draftAuthor).Single());
    }

    private static void Publication(QuartiersnetzDbContext db, string title, PublicationVisibility visibility, bool published, Topic? topic, params Guid[] authors)
    {
        var publication = new Publication
        {
            Slug = "p-" + Guid.NewGuid().ToString("N"), Type = PublicationType.Abschlussbericht, Title = title, Year = 2025, Abstract = "Kurz",
            Visibility = visibility, PublishedAtUtc = published ? DateTime.UtcNow : null, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Add(publication);
        for (var i = 0; i < authors.Length; i++)
        {
            db.Add(new PublicationContributor { PublicationId = publication.Id, Position = i, Name = "Name " + i, PersonId = authors[i] });
        }

        if (topic is not null)
        {
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = Features.Library.Publication.TopicKind, ItemKey = publication.Id.ToString() });
        }
    }

    private static void Talk(QuartiersnetzDbContext db, Guid eventId, Topic[] topics, Guid speaker, string? external = null)
    {
        var item = new AgendaItem { EventId = eventId, Title = "Vortrag " + Guid.NewGuid().ToString("N")[..6], Type = AgendaItemType.Vortrag, StartUtc = DateTime.UtcNow.AddDays(7), EndUtc = DateTime.UtcNow.AddDays(7).AddHours(1) };
        db.Add(item);
        db.Add(new AgendaSpeaker { AgendaItemId = item.Id, AccountId = speaker });
        if (external is not null)
        {
            db.Add(new AgendaSpeaker { AgendaItemId = item.Id, Name = external, SortOrder = 1 });
        }

        foreach (var topic in topics)
        {
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.AgendaItem, ItemKey = item.Id.ToString() });
        }
    }

    private static Project AddProject(QuartiersnetzDbContext db, string title, string contactEmail, ProjectReviewState state, Topic? topic = null)
    {
        var suffix = topic?.Slug ?? Guid.NewGuid().ToString("N")[..8];
        var project = new Project
        {
            Slug = $"projekt-{Guid.NewGuid():N}", Title = $"{title} {suffix}", Summary = "Kurz", MunicipalityAgs = Gelsenkirchen, Goals = "Ziele",
            Status = ProjectStatus.Laufend, ContactName = "Kontakt", ContactEmail = contactEmail, ReviewState = state,
            PublishedAtUtc = state == ProjectReviewState.Published ? DateTime.UtcNow : null, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Add(project);
        if (topic is not null)
        {
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = Project.TopicKind, ItemKey = project.Id.ToString() });
        }

        return project;
    }

    private static List<string> ReasonsOf(IParentNode page, Guid person) =>
        [.. page.QuerySelectorAll($"[data-person-id='{person}'] .expert__reasons li").Select(e => e.TextContent.Trim())];

    private static List<Guid> PeopleOn(IParentNode page) =>
        [.. page.QuerySelectorAll("#experts [data-person-id]").Select(e => Guid.Parse(e.GetAttribute("data-person-id")!))];
}
