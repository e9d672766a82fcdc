using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Map;

internal static class MapModule
{
    public static IServiceCollection AddMap(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Karte", "/karte", 23))
        .AddSingleton<MunicipalityBoundaries>();

    /// <summary>The map's data endpoints (the page itself is a Razor Page).</summary>
    public static void MapMap(this IEndpointRouteBuilder app) => app.MapMapData();
}
