using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Expertise;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Events;

internal static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddNavigationEntry(new NavigationEntry("Veranstaltungen", "/veranstaltungen", 12))
            .AddScoped<ITopicItemSource, EventTopicSource>()
            .AddScoped<IExpertiseEvidenceSource, TalkEvidence>()
            .AddSearchSource<EventSearchSource>()
            .AddScoped<IPersonalDataContributor, EventPersonalData>()
            .AddScoped<IPersonalDataContributor, AgendaPersonalData>()
            .AddScoped<GuestRegistration>()
            .AddScoped<PurgeRegistrationData>()
            .AddHostedService<RegistrationRetentionService>();
        services.AddSingleton<EventNoticeSignal>()
            .AddScoped<EventNotices>()
            .AddScoped<MailParticipants>()
            .AddHostedService<EventNoticeJob>();
        services.TryAddSingleton<MarkdownRenderer>();
        // Event mails: derived from the tracked changes inside each SaveChanges (see EventMailInterceptor).
        services.AddSingleton<EventLinks>()
            .AddSingleton<EventMailWriter>()
            .AddSingleton<EventMailInterceptor>()
            .ConfigureDbContext<QuartiersnetzDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<EventMailInterceptor>()));
        services.AddSingleton(sp => EventReminderSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()))
            .AddSingleton<EventReminderService>()
            .AddHostedService(sp => sp.GetRequiredService<EventReminderService>());
        return services;
    }

    public static void MapEvents(this RouteGroupBuilder api) => api.MapEventsApi().MapEventOfficeApi().MapEventSeriesApi().MapEventAgendaApi();
}
