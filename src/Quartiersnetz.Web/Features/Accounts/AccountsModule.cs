using Quartiersnetz.Platform.Demo;

namespace Quartiersnetz.Features.Accounts;

internal static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<IDemoDataContributor, DemoPeople>();
        services.AddScoped<RequestPasswordReset>();
        return services;
    }
}
