using Microsoft.AspNetCore.Authentication;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.ApiAccess;

internal static class ApiAccessModule
{
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(ApiAuthentication.PersonalAccessTokenScheme, null);
        services.AddScoped<IPersonalDataContributor, PersonalAccessTokenData>()
            .AddSingleton<PersonalAccessTokenPrincipals>();
        return services;
    }

    public static void MapApiAccess(this RouteGroupBuilder api) => api.MapApiAccessApi();
}
