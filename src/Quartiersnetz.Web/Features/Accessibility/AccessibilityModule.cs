using Quartiersnetz.Platform.Demo;

namespace Quartiersnetz.Features.Accessibility;

internal static class AccessibilityModule
{
    public static IServiceCollection AddAccessibility(this IServiceCollection services) =>
        services.AddScoped<IDemoDataContributor, DemoFeedback>();
}

/// <summary>One sample barrier report, so the office list is not empty when trying the portal out.</summary>
internal sealed class DemoFeedback(Data.QuartiersnetzDbContext db, TimeProvider clock) : IDemoDataContributor
{
    private const string DemoMessage = "(Demo) In der Tabelle der Gemeinden wäre eine Sortierung nach Einwohnerzahl hilfreich, die auch mit der Tastatur bedienbar ist.";

    public async Task ContributeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await db.Set<AccessibilityFeedback>().AnyAsync(f => f.Message == DemoMessage, cancellationToken))
        {
            return;
        }

        db.Add(new AccessibilityFeedback
        {
            Message = DemoMessage,
            PageUrl = "/gemeinden",
            Name = "Kim Beispiel (Demo)",
            ReceivedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
