using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The daily retention job: answers, needs and guest contacts go after the event's retention months; counts stay.</summary>
public sealed class RegistrationRetentionTests(EventClockFactory factory) : IClassFixture<EventClockFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_data_is_purged_after_the_retention_months_keeping_counts_and_an_audit_entry()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var due = await EventWithDataAsync(now.AddDays(3), retentionMonths: 12);
        var longer = await EventWithDataAsync(now.AddDays(3), retentionMonths: 24);

        // Eleven months after the event: nothing yet.
        factory.Clock.Advance(TimeSpan.FromDays(3 + 335));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(2, (await factory.AnswersAsync(due)).Count);

        // Past twelve months: the first event's data goes, the second (24 months) stays.
        factory.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, await RunAsync());

        Assert.Empty(await factory.AnswersAsync(due));
        var registrations = await factory.RegistrationsAsync(due);
        Assert.Equal(2, registrations.Count);
        Assert.All(registrations, r => Assert.True(r.GuestName is null && r.GuestEmail is null && r.AccessibilityNeedCodes is null && r.AccessibilityNote is null));
        Assert.Equal(1, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<EventGuestRequest>().CountAsync(g => g.EventId == due, Ct)));
        // The walk-in's organisation goes with their name; the passes (and so the attendance record) stay.
        Assert.Equal(2, await factory.EventQueryAsync(db => db.Set<CheckInPass>().CountAsync(p => p.EventId == due, Ct)));
        Assert.Equal(0, await factory.EventQueryAsync(db => db.Set<CheckInPass>().CountAsync(p => p.EventId == due && p.WalkInOrganisation != null, Ct)));
        Assert.Equal(1, await factory.EventQueryAsync(db => db.Set<CheckInPass>().CountAsync(p => p.EventId == longer && p.WalkInOrganisation != null, Ct)));
        Assert.NotNull((await factory.EventAsync(due)).RegistrationDataPurgedAtUtc);
        var entry = Assert.Single(await factory.AuditEntriesAsync(due.ToString()));
        Assert.Equal("event.registration-data.purged", entry.Action);
        Assert.Contains("\"Anmeldungen\"", entry.Changes, StringComparison.Ordinal);
        Assert.Contains(new AuditChange("Gelöscht: Organisationen von Gästen an der Tür", "1", null), System.Text.Json.JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!);
        Assert.Equal(2, (await factory.AnswersAsync(longer)).Count);
        Assert.Equal("Gast Person", (await factory.RegistrationsAsync(longer)).Single(r => r.PersonId == null).GuestName);

        // Once purged, an event is not purged again; the longer one follows after 24 months.
        Assert.Equal(0, await RunAsync());
        factory.Clock.Advance(TimeSpan.FromDays(366));
        Assert.Equal(1, await RunAsync());
        Assert.Empty(await factory.AnswersAsync(longer));
    }

    private async Task<int> RunAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PurgeRegistrationData>().RunAsync(Ct);
    }

    /// <summary>An event with a member's and a guest's registration, each with an answer, needs and a guest request.</summary>
    private async Task<Guid> EventWithDataAsync(DateTime startUtc, int retentionMonths)
    {
        var id = await factory.CreateEventAsync(startUtc: startUtc);
        var q = await factory.AddQuestionsAsync(id);
        var member = (await factory.CreateAccountsAsync(1))[0];
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var ev = await db.Set<Event>().SingleAsync(e => e.Id == id, Ct);
        ev.RetentionMonths = retentionMonths;
        ev.ConfirmedCount = 1;
        var mine = new EventRegistration { EventId = id, PersonId = member, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = startUtc.AddDays(-3), AccessibilityNeedCodes = "rollstuhl" };
        var guest = new EventRegistration
        {
            EventId = id, Status = RegistrationStatus.Waitlisted, WaitlistNumber = 1, RegisteredAtUtc = startUtc.AddDays(-2), GuestName = "Gast Person",
            GuestEmail = $"gast-{Guid.NewGuid():N}@beispiel.de", AccessibilityNeedCodes = "sonstiges", AccessibilityNote = "Assistenzhund",
        };
        db.AddRange(mine, guest);
        db.Add(new EventRegistrationAnswer { RegistrationId = mine.Id, QuestionId = q.Car, Position = 1, QuestionText = "Kommen Sie mit dem Auto?", Value = "Nein" });
        db.Add(new EventRegistrationAnswer { RegistrationId = guest.Id, QuestionId = q.Car, Position = 1, QuestionText = "Kommen Sie mit dem Auto?", Value = "Ja" });
        db.Add(new EventGuestRequest
        {
            EventId = id, Name = guest.GuestName, Email = guest.GuestEmail, NormalizedEmail = guest.GuestEmail.ToUpperInvariant(),
            ConfirmTokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), CancelTokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            CreatedAtUtc = startUtc.AddDays(-2), ExpiresAtUtc = startUtc, ConfirmedAtUtc = startUtc.AddDays(-2), RegistrationId = guest.Id,
        });
        // The guest came to the door: the office typed in their organisation (attendance feature).
        var pass = CheckInPass.New(guest.Id, id, startUtc);
        pass.IsWalkIn = true;
        pass.WalkInOrganisation = "Nachbarschaftsverein Beispiel";
        db.Add(pass);
        db.Add(CheckInPass.New(mine.Id, id, startUtc));
        await db.SaveChangesAsync(Ct);
        return id;
    }
}
