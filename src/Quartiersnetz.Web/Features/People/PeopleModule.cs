using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.People;

internal static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Meine Kommune", "/meine-kommune/personen", 80, Policies.ManageOwnMunicipality))
            .AddScoped<IStartupSeed, DirectorySortKeySeed>();

    public static void MapPeople(this RouteGroupBuilder api) => api.MapPeopleApi();
}
