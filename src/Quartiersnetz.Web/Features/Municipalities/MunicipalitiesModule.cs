using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Municipalities;

internal static class MunicipalitiesModule
{
    public static IServiceCollection AddMunicipalities(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Gemeinden", "/gemeinden", 20))
        .AddScoped<IMunicipalitySection, MunicipalityPeopleSection>()
        .AddScoped<IPersonalDataContributor, MembershipPersonalData>()
        .AddSearchSource<MunicipalitySearchSource>();

    public static void MapMunicipalities(this RouteGroupBuilder api) => api.MapMunicipalitiesApi();
}
