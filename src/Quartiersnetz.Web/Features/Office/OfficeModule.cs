using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Navigation;

namespace Quartiersnetz.Features.Office;

internal static class OfficeModule
{
    public static IServiceCollection AddOffice(this IServiceCollection services) =>
        services.AddNavigationEntry(new NavigationEntry("Geschäftsstelle", "/geschaeftsstelle", 90, Policies.Office));
}
