using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Platform.Errors;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// Makes sure the roles exist and that there is a first office account to sign in with. Its address
/// and password come from Bootstrap:AdminEmail / Bootstrap:AdminPassword; without a password a random
/// one is generated and printed once. Nothing happens once any office account exists.
/// </summary>
internal static class BootstrapAdministrator
{
    public static async Task EnsureAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = configuration["Bootstrap:AdminEmail"];
        if (string.IsNullOrWhiteSpace(email))
        {
            email = "admin@quartiersnetz.local";
        }

        if ((await users.GetUsersInRoleAsync(Roles.Office)).Count > 0)
        {
            logger.LogInformation("Sign in at /anmelden with an office account (first account: {Email})", email);
            return;
        }

        var configuredPassword = configuration["Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configuredPassword) ? GeneratePassword() : configuredPassword;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var admin = new UserAccount
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Geschäftsstelle",
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new StartupConfigurationException(
                "Bootstrap:AdminEmail / Bootstrap:AdminPassword were rejected: "
                + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Office);
        if (string.IsNullOrEmpty(configuredPassword))
        {
            // Printed once: the account exists from now on and this branch is not reached again.
            logger.LogWarning(
                "First office administrator created. Sign in at /anmelden as {Email} with the one-time password {Password} and change it.",
                email, password);
        }
        else
        {
            logger.LogInformation("First office administrator created: sign in at /anmelden as {Email} with Bootstrap:AdminPassword", email);
        }
    }

    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
