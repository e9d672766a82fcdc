using Quartiersnetz.Data;
using Quartiersnetz.Features;
using Quartiersnetz.Features.ApiAccess;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.ExpertFinder;
using Quartiersnetz.Features.Map;
using Quartiersnetz.Features.Minutes;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Search;
using Quartiersnetz.Features.Sitemap;
using Quartiersnetz.Features.Studies;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Demo;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddFeatures();

var app = builder.Build();
try
{
    EmailSetup.EnsureConfigured(app.Services);
    SecurityHeaders.EnsureTileUrlValid(app.Configuration);
    EventReminderSettings.EnsureConfigured(app.Services);
    PublicPageCache.EnsureSettingValid(app.Configuration);
    await DatabaseStartup.PrepareAsync(app.Services, app.Logger, app.Lifetime.ApplicationStopping);
    await BootstrapAdministrator.EnsureAsync(app.Services, app.Configuration, app.Logger);
    await DemoData.SeedIfEnabledAsync(app.Services, app.Configuration, app.Logger, app.Lifetime.ApplicationStopping);
}
catch (StartupConfigurationException ex)
{
    // A known misconfiguration: one clear line naming the setting, no stack trace.
    app.Logger.LogCritical("Quartiersnetz cannot start: {Reason}", ex.Message);
    // The console logger writes from a background queue; disposing flushes the line before exit.
    await app.DisposeAsync();
    return 1;
}

app.UsePlatform();
app.MapProfile();
app.MapMap();
app.MapEventFeeds();
app.MapSitemap();
var api = app.MapGroup("/api/v1");
api.MapMunicipalities();
api.MapOrganisations();
api.MapApiAccess();
api.MapTopics();
api.MapProgrammeAreas();
api.MapExpertFinder();
api.MapPeople();
api.MapEvents();
api.MapMinutes();
api.MapAttendance();
app.MapCertificates(api);
app.MapNews(api);
app.MapLibrary(api);
app.MapProjects(api);
app.MapStudies(api);
api.MapSearch();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Quartiersnetz is running at {Addresses}", string.Join(", ", app.Urls)));

await app.RunAsync();
return 0;
