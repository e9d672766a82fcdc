using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Newsletter;

internal static class NewsletterModule
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services)
    {
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddSingleton<NewsletterTokens>()
            .AddScoped<NewsletterSubscriptions>()
            .AddScoped<NewsletterComposer>()
            .AddScoped<IRefusedRecipientObserver, NewsletterBounces>()
            .AddScoped<IPersonalDataContributor, NewsletterPersonalData>();
        services.AddSingleton<NewsletterSendJob>()
            .AddHostedService(sp => sp.GetRequiredService<NewsletterSendJob>());
        services.AddScoped<NewsletterRetention>()
            .AddHostedService<NewsletterRetentionJob>();
        return services;
    }
}
