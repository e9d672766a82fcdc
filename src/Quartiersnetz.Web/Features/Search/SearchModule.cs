using Quartiersnetz.Data;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Search;

/// <summary>The one search (docs/adr/0005-german-search.md): index machinery, page, API and the office's rebuild command.</summary>
internal static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Suche", "/suche", 90))
            .AddSingleton<SearchIndexSignal>()
            .AddSingleton<SearchChangeInterceptor>()
            .AddScoped<SearchIndexer>()
            .AddSingleton<SearchFacetTable>()
            .AddScoped<SearchService>()
            .AddScoped<SearchFacetLabels>()
            .AddScoped<SimilarItemsQuery>()
            .AddScoped<SimilarItems>()
            .AddScoped<IStartupSeed, SearchIndexSeed>()
            .AddHostedService<SearchIndexWorker>()
            .AddHostedService<SearchPostingsJob>();
        services.ConfigureDbContext<QuartiersnetzDbContext>((sp, options) =>
        {
            options.AddInterceptors(sp.GetRequiredService<SearchChangeInterceptor>());
            // SQLite's full-text table is created with the search documents table (see SearchSchema).
            if (sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite)
            {
                options.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, SqliteSearchMigrationsSqlGenerator>();
            }
        });
        return services;
    }

    public static void MapSearch(this RouteGroupBuilder api) => api.MapSearchApi();
}
