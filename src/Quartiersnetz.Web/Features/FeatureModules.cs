using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.Features.Accounts;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Features.EditorialPages;
using Quartiersnetz.Features.ApiAccess;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.ExpertFinder;
using Quartiersnetz.Features.Home;
using Quartiersnetz.Features.Legal;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Map;
using Quartiersnetz.Features.Minutes;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.Newsletter;
using Quartiersnetz.Features.Office;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Features.Studies;
using Quartiersnetz.Features.Search;
using Quartiersnetz.Features.Topics;

namespace Quartiersnetz.Features;

/// <summary>
/// Every feature's services, in one list: the app and the benchmark generator (bench/) register the same set, so a
/// feature's start-up seed runs before generated data is written.
/// </summary>
internal static class FeatureModules
{
    public static IServiceCollection AddFeatures(this IServiceCollection services) => services
            .AddHome()
            .AddMunicipalities()
            .AddOrganisations()
            .AddAccounts()
            .AddAccessibility()
            .AddLegal()
            .AddOffice()
            .AddProfile()
            .AddApiAccess()
            .AddPeople()
            .AddOnboarding()
            .AddTopics()
            .AddProgrammeAreas()
            .AddMap()
            .AddExpertFinder()
            .AddEvents()
            .AddMinutes()
            .AddAttendance()
            .AddCertificates()
            .AddNews()
            .AddLibrary()
            .AddProjects()
            .AddStudies()
            .AddNewsletter()
            .AddEditorialPages()
            .AddSearch();
}
