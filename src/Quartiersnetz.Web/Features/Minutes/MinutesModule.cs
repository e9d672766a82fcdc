using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// Minutes (Protokoll) of events with revisions, decisions and follow-ups ("Offene Aufgaben"). The event page links to
/// the minutes through <see cref="MinutesEventSection"/>, so the events feature does not know this one.
/// </summary>
internal static class MinutesModule
{
    public static IServiceCollection AddMinutes(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Offene Aufgaben", "/offene-aufgaben", 35, Policies.Member))
            .AddScoped<IEventSection, MinutesEventSection>()
            .AddScoped<IPersonalDataContributor, MinutesPersonalData>();

    public static void MapMinutes(this RouteGroupBuilder api) => api.MapMinutesApi();
}
