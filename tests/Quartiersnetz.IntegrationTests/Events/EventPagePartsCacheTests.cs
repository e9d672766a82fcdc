using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>
/// Signed-in visitors' event pages are built per request, but the parts that are the same for every reader (questions,
/// series, programme, documents) are kept until the next saved change.
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
