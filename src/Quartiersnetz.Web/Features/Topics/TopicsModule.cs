using Quartiersnetz.Data;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Topics;

internal static class TopicsModule
{
    public static IServiceCollection AddTopics(this IServiceCollection services) => services
        .AddScoped<IStartupSeed, TopicSeed>()
        .AddScoped<IPersonalDataContributor, TopicPersonalData>()
        .AddSearchSource<TopicSearchSource>()
        .AddNavigationEntry(new NavigationEntry("Themen", "/themen", 15));

    public static void MapTopics(this RouteGroupBuilder api) => api.MapTopicsApi();
}
