using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.ExpertFinder;

internal static class ExpertFinderModule
{
    public static IServiceCollection AddExpertFinder(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Der kurze Draht", "/kurzer-draht", 30, Policies.Member))
        // Profile topics are the first evidence; the features that produce stronger evidence register their own sources.
        .AddScoped<IExpertiseEvidenceSource, ProfileTopicEvidence>();

    public static void MapExpertFinder(this RouteGroupBuilder api) => api.MapExpertsApi();
}
