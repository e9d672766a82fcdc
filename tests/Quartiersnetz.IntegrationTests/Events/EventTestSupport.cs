using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>Arranges events and people for the event tests.</summary>
internal static class EventTestSupport
{
    /// <summary>Stores an event directly (arranging, not the behaviour under test); starts in a week unless told otherwise.</summary>
    public static async Task<Guid> CreateEventAsync(
        this QuartiersnetzFactory factory, int? capacity = 10, EventAudience audience = EventAudience.Public, DateTime? startUtc = null,
        DateTime? registrationClosesUtc = null, DateTime? cancellationDeadlineUtc = null, bool requiresConfirmation = false,
        string title = "Netzwerktreffen Test", string? onlineLink = null)
    {
        var start = startUtc ?? DateTime.UtcNow.AddDays(7);
        var ev = new Event
        {
            Type = EventType.Netzwerktreffen, Title = title, Description = "Beschreibung", StartUtc = start, EndUtc = start.AddHours(3),
            PlaceMode = onlineLink is null ? PlaceMode.OnSite : PlaceMode.Hybrid, VenueName = "Rathaus", OnlineLink = onlineLink,
            Audience = audience, Capacity = capacity,
            RegistrationClosesUtc = registrationClosesUtc, CancellationDeadlineUtc = cancellationDeadlineUtc, RequiresConfirmation = requiresConfirmation,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }

    /// <summary>Accounts without password (they never sign in), stored in one go: fast enough for hundreds.</summary>
    public static async Task<List<Guid>> CreateAccountsAsync(this QuartiersnetzFactory factory, int count)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var email = $"teilnehmer-{Guid.NewGuid():N}@quartiersnetz.test";
            var user = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"Teilnehmende {i:D3}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Users.Add(user);
            ids.Add(user.Id);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ids;
    }

    public static async Task<List<EventRegistration>> RegistrationsAsync(this QuartiersnetzFactory factory, Guid eventId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == eventId).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<Event> EventAsync(this QuartiersnetzFactory factory, Guid eventId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == eventId, TestContext.Current.CancellationToken);
    }

    public static async Task<T> EventQueryAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <summary>A valid create/update body for the API, changed by <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> EventBody(Action<Dictionary<string, object?>>? change = null)
    {
        var start = DateTimeOffset.UtcNow.AddDays(14);
        var body = new Dictionary<string, object?>
        {
            ["type"] = "Fortbildung",
            ["title"] = "Fortbildung Quartiersmanagement",
            ["description"] = "Ein **Tag** zum Lernen.",
            ["startsAt"] = start,
            ["endsAt"] = start.AddHours(6),
            ["placeMode"] = "OnSite",
            ["venueName"] = "Bürgerhaus",
            ["venueAddress"] = "Marktplatz 1, 44135 Dortmund",
            ["audience"] = "Public",
            ["capacity"] = 20,
            ["topics"] = Array.Empty<string>(),
        };
        change?.Invoke(body);
        return body;
    }
}
