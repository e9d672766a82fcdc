using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Home;

internal static class HomeModule
{
    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Startseite", "/", 0));
}
