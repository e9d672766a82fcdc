using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Navigation;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Onboarding;

internal static class OnboardingModule
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddScoped<InvitePerson>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ImportInvitations>();
        services.AddScoped<RequestAccess>();
        services.AddScoped<DecideAccessRequest>();
        services.AddScoped<IPersonalDataContributor, OnboardingPersonalData>();
        return services.AddNavigationEntry(new NavigationEntry("Einladungen", "/einladungen", 80, Policies.InvitePeople));
    }
}
