using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.People;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.ExpertFinder;

internal static class ExpertTestSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A person straight into the database (no sign-in), tagged with the topics on their profile; listed in the directory
    /// unless told otherwise. Visible to members by default.
    /// </summary>
    public static async Task<Guid> CreateExpertAsync(
        this QuartiersnetzFactory factory, string name, IEnumerable<Topic> topics, Action<UserAccount>? configure = null,
        string[]? roles = null, bool listed = true, bool deactivated = false)
    {
        var email = $"fach-{Guid.NewGuid():N}@quartiersnetz.test";
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAtUtc = DateTime.UtcNow };
        configure?.Invoke(user);
        var result = await users.CreateAsync(user, "Fach-Test-Passwort-2026");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        foreach (var role in roles ?? [Roles.Expert])
        {
            await users.AddToRoleAsync(user, role);
        }

        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        foreach (var topic in topics)
        {
            db.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.Person, ItemKey = user.Id.ToString() });
        }

        if (listed)
        {
            db.Add(new ConsentRecord { UserId = user.Id, Kind = ConsentKinds.DirectoryListing, TextVersion = PrivacyNotice.Version, GivenAtUtc = DateTime.UtcNow });
        }

        if (deactivated)
        {
            var tracked = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            tracked.LockoutEnabled = true;
            tracked.LockoutEnd = AccountActivation.DeactivatedUntil;
        }

        await db.SaveChangesAsync(Ct);
        return user.Id;
    }

    /// <summary>A unique word of letters only, so free-text searches of one test find only its own topics.</summary>
    public static string Word() => "qx" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8));
}
