using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.Features.Accounts;
using Quartiersnetz.Features.ApiAccess;
using Quartiersnetz.Features.ExpertFinder;
using Quartiersnetz.Features.Home;
using Quartiersnetz.Features.Legal;
using Quartiersnetz.Features.Map;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Office;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Demo;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// TEMPORARY stand-in for the data generator (another branch) so the harness can be tried: migrates, imports the
/// reference data, adds the demo data and the two bench accounts. Deleted before merging.
/// </summary>
internal static class StubGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args[Array.IndexOf(args, "--provider") + 1];
        var connection = args[Array.IndexOf(args, "--connection") + 1];
        var work = Directory.CreateTempSubdirectory("qn-bench-stub.").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == "postgres" ? "Postgres" : "Sqlite",
            [provider == "postgres" ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = connection,
            ["Email:PickupDirectory"] = Path.Combine(work, "mail"),
            ["Files:Path"] = Path.Combine(work, "files"),
            ["DemoData:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Bootstrap:AdminEmail"] = BenchCredentials.OfficeEmail,
            ["Bootstrap:AdminPassword"] = BenchCredentials.OfficePassword,
        });
        builder.AddPlatform();
        builder.Services.AddHome();
        builder.Services.AddMunicipalities();
        builder.Services.AddOrganisations();
        builder.Services.AddAccounts();
        builder.Services.AddAccessibility();
        builder.Services.AddLegal();
        builder.Services.AddOffice();
        builder.Services.AddProfile();
        builder.Services.AddApiAccess();
        builder.Services.AddPeople();
        builder.Services.AddOnboarding();
        builder.Services.AddTopics();
        builder.Services.AddProgrammeAreas();
        builder.Services.AddMap();
        builder.Services.AddExpertFinder();
        await using var app = builder.Build();
        await DatabaseStartup.PrepareAsync(app.Services, app.Logger, CancellationToken.None);
        await BootstrapAdministrator.EnsureAsync(app.Services, app.Configuration, app.Logger);
        await DemoData.SeedIfEnabledAsync(app.Services, app.Configuration, app.Logger, CancellationToken.None);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var office = await users.FindByEmailAsync(BenchCredentials.OfficeEmail) ?? throw new InvalidOperationException("no office account");
        await users.SetAuthenticationTokenAsync(office, "[AspNetUserStore]", "AuthenticatorKey", BenchCredentials.OfficeAuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(office, true);
        var member = new UserAccount
        {
            UserName = BenchCredentials.MemberEmail,
            Email = BenchCredentials.MemberEmail,
            EmailConfirmed = true,
            DisplayName = "Lastprobe Mitglied",
            CreatedAtUtc = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(member, BenchCredentials.MemberPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(member, Roles.MemberStaff);
        return 0;
    }
}
