using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Events;

/// <summary>The app over a clock the test moves (link expiry, retention).</summary>
public sealed class EventClockFactory : QuartiersnetzFactory
{
    public EventClockFactory() => WithServices(services => ReplaceSingleton<TimeProvider>(services, Clock));

    public MovableClock Clock { get; } = new();
}

/// <summary>Arranges registration questions: "Kommen Sie mit dem Auto?" (Ja/Nein, required), shown only on "Ja": "Brauchen Sie einen Parkplatz?" (required), a choice and a text.</summary>
internal sealed record QuestionSet(Guid Car, Guid Parking, Guid Workshops, Guid Diet, Guid Lunch);

internal static class RegistrationFormSupport
{
    public static async Task<QuestionSet> AddQuestionsAsync(this QuartiersnetzFactory factory, Guid eventId)
    {
        var car = new EventQuestion { EventId = eventId, Position = 1, Kind = QuestionKind.YesNo, Text = "Kommen Sie mit dem Auto?", Required = true };
        var parking = new EventQuestion
        {
            EventId = eventId, Position = 2, Kind = QuestionKind.SingleChoice, Text = "Welchen Parkplatz brauchen Sie?", Required = true,
            Options = "Normal\nBehindertenparkplatz", ShowIfQuestionId = car.Id, ShowIfAnswer = "Ja",
        };
        var workshops = new EventQuestion
        {
            EventId = eventId, Position = 3, Kind = QuestionKind.MultipleChoice, Text = "Welche Werkstätten besuchen Sie?", Options = "Verfügungsfonds\nBeteiligung\nGrünflächen",
        };
        var diet = new EventQuestion { EventId = eventId, Position = 4, Kind = QuestionKind.FreeText, Text = "Hinweise zur Verpflegung" };
        var lunch = new EventQuestion { EventId = eventId, Position = 5, Kind = QuestionKind.YesNo, Text = "Nehmen Sie am Mittagessen teil?" };
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.AddRange(car, parking, workshops, diet, lunch);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new QuestionSet(car.Id, parking.Id, workshops.Id, diet.Id, lunch.Id);
    }

    public static Task<List<EventRegistrationAnswer>> AnswersAsync(this QuartiersnetzFactory factory, Guid eventId) =>
        factory.EventQueryAsync(db => db.Set<EventRegistrationAnswer>().AsNoTracking()
            .Where(a => db.Set<EventRegistration>().Any(r => r.Id == a.RegistrationId && r.EventId == eventId))
            .OrderBy(a => a.Position)
            .ToListAsync(TestContext.Current.CancellationToken));
}
