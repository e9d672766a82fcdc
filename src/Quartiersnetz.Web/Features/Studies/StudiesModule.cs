using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Studies;

/// <summary>
/// Commissioned studies (Forschungsaufträge): the network's research contracts, from the question to the reports that
/// appear in the library. No navigation entry of their own: the library links to them.
/// </summary>
internal static class StudiesModule
{
    public static IServiceCollection AddStudies(this IServiceCollection services) =>
        services.AddScoped<ITopicItemSource, StudyTopicSource>()
            .AddSearchSource<StudySearchSource>();

    public static void MapStudies(this IEndpointRouteBuilder app, RouteGroupBuilder api) => api.MapStudiesApi();
}
