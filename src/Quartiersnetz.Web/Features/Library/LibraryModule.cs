using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Municipalities;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.ProgrammeAreas;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.Library;

/// <summary>The library (Bibliothek): publications with their files, full text in the search, metadata exports.</summary>
internal static class LibraryModule
{
    public static IServiceCollection AddLibrary(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Bibliothek", "/bibliothek", 13))
            .AddScoped<ITopicItemSource, PublicationTopicSource>()
            .AddScoped<IMunicipalitySection, PublicationMunicipalitySection>()
            .AddScoped<IProgrammeAreaSection, PublicationAreaSection>()
            .AddScoped<IEventSection, PublicationEventSection>()
            .AddScoped<IExpertiseEvidenceSource, PublicationAuthorEvidence>()
            .AddScoped<IPersonalDataContributor, PublicationPersonalData>()
            .AddSearchSource<PublicationSearchSource>()
            .AddScoped<ImportPublications>()
            .AddScoped<IDocumentTextQueue, DocumentTextQueue<PublicationFile>>();
        return services;
    }

    public static void MapLibrary(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapPublicationMetadata();
        app.MapPublicationCover();
        api.MapPublicationsApi();
    }
}
