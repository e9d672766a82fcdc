using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Municipalities;

internal static class MunicipalitiesModule
{
    public static IServiceCollection AddMunicipalities(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Gemeinden", "/gemeinden", 20));

    public static void MapMunicipalities(this RouteGroupBuilder api) => api.MapMunicipalitiesApi();
}
