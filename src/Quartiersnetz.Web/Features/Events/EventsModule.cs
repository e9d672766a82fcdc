using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Events;

internal static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Veranstaltungen", "/veranstaltungen", 12))
            .AddScoped<ITopicItemSource, EventTopicSource>()
            .AddScoped<IPersonalDataContributor, EventPersonalData>();
        services.TryAddSingleton<MarkdownRenderer>();
        return services;
    }

    public static void MapEvents(this RouteGroupBuilder api) => api.MapEventsApi().MapEventSeriesApi();
}
