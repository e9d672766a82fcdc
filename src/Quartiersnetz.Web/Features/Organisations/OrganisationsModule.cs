using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Organisations;

internal static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Organisationen", "/organisationen", 25));

    public static void MapOrganisations(this RouteGroupBuilder api) => api.MapOrganisationsApi();
}
