using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.ExpertFinder;

internal static class ExpertFinderModule
{
    public static IServiceCollection AddExpertFinder(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Der kurze Draht", "/kurzer-draht", 30, Policies.Member));

    public static void MapExpertFinder(this RouteGroupBuilder api)
    {
        _ = api;
    }
}
