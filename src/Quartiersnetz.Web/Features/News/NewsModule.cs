using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Platform.Demo;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Topics;

namespace Quartiersnetz.Features.News;

internal static class NewsModule
{
    public static IServiceCollection AddNews(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Aktuelles", "/aktuelles", 11))
            .AddScoped<ITopicItemSource, NewsTopicSource>()
            .AddSearchSource<NewsSearchSource>();
        services.AddScoped<IDemoDataContributor, DemoNews>();
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddSingleton<NewsPublicationJob>()
            .AddHostedService(sp => sp.GetRequiredService<NewsPublicationJob>());
        return services;
    }

    public static void MapNews(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapNewsFeeds();
        api.MapNewsApi();
    }
}
