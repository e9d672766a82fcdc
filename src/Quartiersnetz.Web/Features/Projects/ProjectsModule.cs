using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.ProgrammeAreas;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Projects;

/// <summary>The Praxisdatenbank: good-practice projects that members propose and the office reviews and publishes.</summary>
internal static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Praxisprojekte", "/praxisprojekte", 14))
            .AddScoped<ProjectMails>()
            .AddScoped<ITopicItemSource, ProjectTopicSource>()
            .AddScoped<IExpertiseEvidenceSource, ProjectContactEvidence>()
            .AddScoped<IMunicipalitySection, ProjectMunicipalitySection>()
            .AddScoped<IProgrammeAreaSection, ProjectAreaSection>()
            .AddScoped<IPersonalDataContributor, ProjectPersonalData>()
            .AddScoped<IDocumentTextQueue, DocumentTextQueue<ProjectDocument>>()
            .AddSearchSource<ProjectSearchSource>();
        return services;
    }

    public static void MapProjects(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapProjectFiles();
        api.MapProjectsApi();
    }
}
