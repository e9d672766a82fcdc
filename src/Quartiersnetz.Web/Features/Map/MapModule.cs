using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Map;

internal static class MapModule
{
    public static IServiceCollection AddMap(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Karte", "/karte", 23));
}
