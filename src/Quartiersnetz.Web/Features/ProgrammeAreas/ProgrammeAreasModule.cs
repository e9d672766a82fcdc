using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.ProgrammeAreas;

internal static class ProgrammeAreasModule
{
    public static IServiceCollection AddProgrammeAreas(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Programmgebiete", "/programmgebiete", 22))
        .AddScoped<ImportProgrammeAreas>();

    public static void MapProgrammeAreas(this RouteGroupBuilder api) => api.MapProgrammeAreasWriteApi();
}
