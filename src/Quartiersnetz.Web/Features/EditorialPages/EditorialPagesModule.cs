using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.EditorialPages;

internal static class EditorialPagesModule
{
    public static IServiceCollection AddEditorialPages(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.TryAddSingleton<MarkdownRenderer>();
        return services
            .AddScoped<IStartupSeed, EditorialPagesSeed>()
            .AddSingleton<PageTreeCache>()
            .AddSingleton<PageTreeChangeInterceptor>()
            .ConfigureDbContext<QuartiersnetzDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<PageTreeChangeInterceptor>()))
            .AddScoped<INavigationEntrySource, EditorialNavigation>()
            .AddSearchSource<PageSearchSource>();
    }
}
