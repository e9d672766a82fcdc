using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using static Quartiersnetz.IntegrationTests.Onboarding.OnboardingDriver;

namespace Quartiersnetz.IntegrationTests.Onboarding;

public sealed class OnboardingPersonalDataTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_lists_the_persons_invitation_and_access_request_and_erasure_removes_them()
    {
        var email = NewEmail("daten");
        using (await factory.CreateBrowserLikeClient().SubmitFormAsync("/zugang-beantragen", new Dictionary<string, string>
        {
            ["Input.Name"] = "Dana Daten",
            ["Input.Email"] = email,
            ["Input.Affiliation"] = "Stadt Köln",
            ["Input.FunctionTitle"] = "Sozialplanung",
            ["Input.AcceptPrivacyNotice"] = "true",
        }))
        {
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var link = await factory.InviteAndGetLinkAsync(office, email, Roles.MemberStaff, Cologne);
        using (await factory.CreateBrowserLikeClient().AcceptAsync(link))
        {
        }

        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        // The new member invites someone, so erasure must also anonymise invitations they sent.
        var colleague = NewEmail("kollegin");
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.Add(new Invitation
            {
                Email = colleague, NormalizedEmail = colleague.ToUpperInvariant(), DisplayName = "Kollegin", Role = Roles.MemberStaff,
                TokenHash = Guid.NewGuid().ToString("N"), InvitedById = userId, CreatedAtUtc = DateTime.UtcNow, ExpiresAtUtc = DateTime.UtcNow.AddDays(14),
            });
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = factory.CreateScope())
        {
            var contributor = scope.ServiceProvider.GetServices<IPersonalDataContributor>().OfType<OnboardingPersonalData>().Single();
            var json = JsonSerializer.Serialize(await contributor.ExportAsync(userId, Ct));
            Assert.Contains(email, json, StringComparison.Ordinal);
            Assert.Contains("Sozialplanung", json, StringComparison.Ordinal);
            Assert.Contains("\"Invitations\":[{", json, StringComparison.Ordinal);
            Assert.Contains("\"AccessRequests\":[{", json, StringComparison.Ordinal);
            Assert.DoesNotContain("TokenHash", json, StringComparison.Ordinal);

            await contributor.EraseAsync(userId, Ct);
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        Assert.Empty(await factory.InvitationsToAsync(email));
        Assert.False(await factory.QueryAsync(db => db.Set<AccessRequest>().AnyAsync(r => r.Email == email, Ct)));
        Assert.Null(Assert.Single(await factory.InvitationsToAsync(colleague)).InvitedById);
    }
}
