using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The app with a clock the test moves and reminders 24 hours before the start.</summary>
public sealed class EventReminderFactory : QuartiersnetzFactory
{
    public EventReminderFactory()
    {
        WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));
        WithSetting("Events:ReminderHoursBefore", "24");
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>The reminder before an event: once per confirmed registration, at the configured time, never for cancelled events.</summary>
public sealed class EventReminderTests(EventReminderFactory factory) : IClassFixture<EventReminderFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Confirmed_people_are_reminded_once_when_the_start_is_near_and_nobody_else_is()
    {
        var start = factory.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        var id = await factory.CreateEventAsync(capacity: 2, startUtc: start, title: "Netzwerktreffen Erinnerung");
        var cancelledId = await factory.CreateEventAsync(capacity: 5, startUtc: start, title: "Abgesagtes Treffen");
        var people = new List<TestPerson>();
        for (var i = 0; i < 3; i++)
        {
            var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
            var api = factory.CreateBearerClient(await factory.AccessTokenAsync(person));
            (await api.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { }, Ct)).Dispose();
            people.Add(person);
        }

        var other = await factory.CreatePersonAsync([Roles.MemberStaff]);
        (await factory.CreateBearerClient(await factory.AccessTokenAsync(other)).PostAsJsonAsync($"/api/v1/events/{cancelledId}/registrations", new { }, Ct)).Dispose();
        await factory.EventQueryAsync(async db =>
        {
            var ev = await db.Set<Event>().SingleAsync(e => e.Id == cancelledId, Ct);
            ev.Status = EventStatus.Cancelled;
            return await db.SaveChangesAsync(Ct);
        });
        var reminders = factory.Services.GetRequiredService<EventReminderService>();

        await reminders.SendDueAsync(Ct);
        Assert.Empty(await RemindersToAsync(people[0].Email));

        factory.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1)); // 23 hours before the start
        await reminders.SendDueAsync(Ct);
        await reminders.SendDueAsync(Ct);

        foreach (var confirmed in people.Take(2))
        {
            var mail = Assert.Single(await RemindersToAsync(confirmed.Email));
            Assert.Contains($"/veranstaltungen/{id}", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Netzwerktreffen Erinnerung", mail.Subject, StringComparison.Ordinal);
        }

        Assert.Empty(await RemindersToAsync(people[2].Email)); // on the waiting list
        Assert.Empty(await RemindersToAsync(other.Email)); // the event was cancelled
        var registrations = await factory.RegistrationsAsync(id);
        Assert.Equal(2, registrations.Count(r => r.ReminderSentAtUtc is not null));

        // After the start nothing more is sent, however often the job runs.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await reminders.SendDueAsync(Ct);
        Assert.Single(await RemindersToAsync(people[0].Email));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("zwei Tage")]
    [InlineData("721")]
    public void A_wrong_reminder_setting_stops_the_start_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EventReminderSettings.Key] = value }).Build();

        var error = Assert.Throws<StartupConfigurationException>(() => EventReminderSettings.FromConfiguration(configuration));

        Assert.Contains("Events:ReminderHoursBefore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_setting_reminders_come_48_hours_before()
    {
        Assert.Equal(48, EventReminderSettings.FromConfiguration(new ConfigurationBuilder().Build()).HoursBefore);
    }

    private async Task<List<ReceivedMail>> RemindersToAsync(string email) =>
        [.. (await factory.Mailbox.MailsToAsync(email)).Where(m => m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal))];
}
