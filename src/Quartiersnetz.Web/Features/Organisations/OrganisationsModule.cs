using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Organisations;

internal static class OrganisationsModule
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Organisationen", "/organisationen", 25))
            .AddSearchSource<OrganisationSearchSource>();

    public static void MapOrganisations(this RouteGroupBuilder api) => api.MapOrganisationsApi();
}
