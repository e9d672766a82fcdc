using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// What Identity needs beyond its defaults: the BSI password rules, German error texts, expiring
/// password-reset links, passkeys with user verification, a second factor that survives the periodic
/// security-stamp check, and the rate limits on everything that checks a secret.
/// </summary>
internal static class AccountSecurity
{
    /// <summary>How often a sign-in cookie's account is checked again (see below; the bench harness renews inside it).</summary>
    public static readonly TimeSpan StampValidationInterval = TimeSpan.FromMinutes(5);

    public static IdentityBuilder AddAccountSecurity(this IdentityBuilder identity, IConfiguration configuration)
    {
        var services = identity.Services;

        // Identity's own validator enforces composition rules; the BSI advises length instead.
        services.RemoveAll<IPasswordValidator<UserAccount>>();
        services.AddScoped<IPasswordValidator<UserAccount>, PasswordRules>();
        services.AddScoped<GermanIdentityErrors>();
        services.AddScoped<IdentityErrorDescriber>(sp => sp.GetRequiredService<GermanIdentityErrors>());

        identity.AddTokenProvider<PasswordResetTokens>(PasswordResetTokens.ProviderName);
        services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.PasswordResetTokenProvider = PasswordResetTokens.ProviderName;
            options.Lockout.AllowedForNewUsers = true;
        });

        services.Configure<IdentityPasskeyOptions>(options =>
        {
            // A passkey counts as a second factor only when the authenticator verified the person (PIN, biometrics).
            options.UserVerificationRequirement = "required";
            // Discoverable credentials: "Mit Passkey anmelden" works without typing the e-mail address.
            options.ResidentKeyRequirement = "required";
        });

        // The security-stamp check rebuilds the sign-in cookie from the database. Every 5 minutes (default 30)
        // so that a deactivated account, a changed role or a new password ends other sessions soon; one
        // indexed lookup per person and interval. Without copying the claim that the person used a second
        // factor it would be lost and the office locked out.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = StampValidationInterval;
            options.OnRefreshingPrincipal = context =>
            {
                var proven = context.CurrentPrincipal?.FindAll(SecondFactor.AuthenticationMethodClaim).ToList() ?? [];
                var identityToFill = context.NewPrincipal?.Identities.FirstOrDefault();
                if (identityToFill is not null)
                {
                    foreach (var claim in proven.Where(c => !identityToFill.HasClaim(c.Type, c.Value)))
                    {
                        identityToFill.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthRateLimiting(configuration);
        return identity;
    }
}
