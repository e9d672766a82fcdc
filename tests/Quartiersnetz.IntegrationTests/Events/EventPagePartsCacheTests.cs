using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Minutes;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Signed-in visitors' event pages are built per request, but the parts that are the same for every reader (details,
/// questions, series, programme, documents, the minutes' state) are kept until the next saved change; what belongs to
/// one viewer (the online link, an invitation-only event, minutes in review) is decided per request.
/// </summary>
public sealed class EventPagePartsCacheTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_members_event_page_shares_the_readers_parts_and_shows_a_saved_change_at_once()
    {
        var id = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Netzwerktreffen geteilte Teile");
        var question = await AddQuestionAsync(id, "Welche Werkstatt besuchen Sie am Vormittag?");
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);
        var other = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        // The indexer's own writes come first, so that nothing but this test's changes touches the kept parts.
        await Search.SearchFixture.WaitForIndexAsync(factory);
        var path = $"/veranstaltungen/{id}";
        Assert.Contains("Welche Werkstatt besuchen Sie am Vormittag?", await member.GetStringAsync(path, Ct), StringComparison.Ordinal);

        // Changed behind the app's back: nothing drops the kept parts, so another member gets the shared ones.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<EventQuestion>().Where(q => q.Id == question).ExecuteUpdateAsync(u => u.SetProperty(q => q.Text, "Welche Werkstatt besuchen Sie am Nachmittag?"), Ct);
        }

        Assert.Contains("am Vormittag?", await other.GetStringAsync(path, Ct), StringComparison.Ordinal);

        // A change saved through the app (here: a new question) drops them; both members see the current state.
        await AddQuestionAsync(id, "Brauchen Sie eine Übernachtung?");
        foreach (var client in new[] { member, other })
        {
            var page = await client.GetStringAsync(path, Ct);
            Assert.Contains("Welche Werkstatt besuchen Sie am Nachmittag?", page, StringComparison.Ordinal);
            Assert.Contains("Brauchen Sie eine Übernachtung?", page, StringComparison.Ordinal);
            Assert.DoesNotContain("am Vormittag?", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Details_kept_from_the_offices_view_give_the_link_the_invitation_and_minutes_in_review_only_to_the_participant()
    {
        const string link = "https://treffen.example/raum-nur-fuer-teilnehmende";
        var members = await factory.CreateEventAsync(audience: EventAudience.Members, title: "Netzwerktreffen mit Raum", onlineLink: link);
        var invited = await factory.CreateEventAsync(audience: EventAudience.Invited, title: "Werkstatt auf Einladung", onlineLink: link);
        var participant = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var other = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            foreach (var id in new[] { members, invited })
            {
                db.Add(new EventRegistration { EventId = id, PersonId = participant.Id, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = DateTime.UtcNow });
            }

            db.Add(new EventMinutes { EventId = members, State = MinutesState.InReview, Text = "Entwurf", UpdatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await Search.SearchFixture.WaitForIndexAsync(factory);

        // The office looks first, so the kept copies hold the link and the minutes in review.
        foreach (var id in new[] { members, invited })
        {
            var page = await office.GetStringAsync($"/veranstaltungen/{id}", Ct);
            Assert.Contains(link, page, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"minutes-link\"", await office.GetStringAsync($"/veranstaltungen/{members}", Ct), StringComparison.Ordinal);

        var otherPage = await other.Client.GetStringAsync($"/veranstaltungen/{members}", Ct);
        Assert.Contains("Netzwerktreffen mit Raum", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(link, otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes-link", otherPage, StringComparison.Ordinal);
        using (var hidden = await other.Client.GetAsync($"/veranstaltungen/{invited}", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
        }

        foreach (var id in new[] { members, invited })
        {
            using var anonymous = await factory.CreateClient().GetAsync($"/veranstaltungen/{id}", Ct);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, anonymous.StatusCode);
        }

        var participantPage = await participant.Client.GetStringAsync($"/veranstaltungen/{members}", Ct);
        Assert.Contains(link, participantPage, StringComparison.Ordinal);
        Assert.Contains("id=\"minutes-link\"", participantPage, StringComparison.Ordinal);
        Assert.Contains(link, await participant.Client.GetStringAsync($"/veranstaltungen/{invited}", Ct), StringComparison.Ordinal);

        // Cancelled behind the app's back (nothing drops the kept copies): the registration read per request decides.
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            await db.Set<EventRegistration>().Where(r => r.PersonId == participant.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RegistrationStatus.Cancelled), Ct);
        }

        var cancelledPage = await participant.Client.GetStringAsync($"/veranstaltungen/{members}", Ct);
        Assert.DoesNotContain(link, cancelledPage, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes-link", cancelledPage, StringComparison.Ordinal);
        using var gone = await participant.Client.GetAsync($"/veranstaltungen/{invited}", Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    private async Task<Guid> AddQuestionAsync(Guid eventId, string text)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var position = await db.Set<EventQuestion>().CountAsync(q => q.EventId == eventId, Ct);
        var question = new EventQuestion { EventId = eventId, Position = position + 1, Kind = QuestionKind.FreeText, Text = text };
        db.Add(question);
        await db.SaveChangesAsync(Ct);
        return question.Id;
    }
}
