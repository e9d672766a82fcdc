using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Demo;

namespace Quartiersnetz.Features.Accounts;

/// <summary>
/// Sample people, one per role, so the portal can be tried out. Clearly marked: names say "(Demo)",
/// addresses use the reserved .invalid domain, and IsDemo is set. They share one random password,
/// printed once when they are created.
/// </summary>
internal sealed class DemoPeople(UserManager<UserAccount> users, TimeProvider clock, ILogger<DemoPeople> logger) : IDemoDataContributor
{
    private static readonly (string Name, string Email, string Role)[] People =
    [
        ("Kim Beispiel (Demo)", "kim.beispiel@demo.invalid", Roles.MunicipalCoordinator),
        ("Deniz Muster (Demo)", "deniz.muster@demo.invalid", Roles.MemberStaff),
        ("Alex Quartier (Demo)", "alex.quartier@demo.invalid", Roles.DistrictPartner),
        ("Dr. Sam Forschung (Demo)", "sam.forschung@demo.invalid", Roles.Expert),
        ("Robin Förderung (Demo)", "robin.foerderung@demo.invalid", Roles.Funder),
        ("Luca Jury (Demo)", "luca.jury@demo.invalid", Roles.Jury),
    ];

    public async Task ContributeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        string? password = null;
        foreach (var (name, email, role) in People)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            password ??= RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
            var person = new UserAccount
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                IsDemo = true,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(person, password);
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(person, role);
            }
        }

        if (password is not null)
        {
            logger.LogWarning("Demo people created (*@demo.invalid, one per role); their shared password is {Password}", password);
        }
    }
}
