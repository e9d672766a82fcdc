using Quartiersnetz.Platform.Demo;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.ProgrammeAreas;

internal static class ProgrammeAreasModule
{
    public static IServiceCollection AddProgrammeAreas(this IServiceCollection services) => services
        .AddNavigationEntry(new NavigationEntry("Programmgebiete", "/programmgebiete", 22))
        .AddScoped<IMunicipalitySection, AreaMunicipalitySection>()
        .AddScoped<ITopicItemSource, AreaTopicSource>()
        .AddSearchSource<AreaSearchSource>()
        .AddScoped<IExpertiseEvidenceSource, AreaContactEvidence>()
        .AddScoped<IPersonalDataContributor, AreaPersonalData>()
        .AddScoped<ImportProgrammeAreas>()
        .AddScoped<IDemoDataContributor, DemoAreas>();

    public static void MapProgrammeAreas(this RouteGroupBuilder api) => api.MapProgrammeAreasApi().MapProgrammeAreasWriteApi();
}
