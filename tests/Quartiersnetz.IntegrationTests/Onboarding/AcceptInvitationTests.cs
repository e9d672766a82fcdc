using System.Net;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;
using static Quartiersnetz.IntegrationTests.Onboarding.OnboardingDriver;

namespace Quartiersnetz.IntegrationTests.Onboarding;

public sealed class AcceptInvitationTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invited_person_sets_a_password_gets_the_invited_profile_and_is_signed_in()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("neu");
        var link = await factory.InviteAndGetLinkAsync(office, email, Roles.DistrictPartner, Gelsenkirchen);
        var person = factory.CreateBrowserLikeClient();

        using var response = await person.AcceptAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await person.GetDocumentAsync("/");
        Assert.Contains("Eingeladene Person", home.QuerySelector(".site-account__name")?.TextContent, StringComparison.Ordinal);

        var account = await factory.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        Assert.Equal(email, account.UserName);
        Assert.True(account.EmailConfirmed);
        Assert.Equal("Eingeladene Person", account.DisplayName);
        Assert.Equal(Gelsenkirchen, account.MunicipalityAgs);
        Assert.Equal("Stadt Gelsenkirchen", account.Organisation);
        Assert.Equal("Quartiersmanagement", account.FunctionTitle);
        var roles = await factory.QueryAsync(db => db.UserRoles.Where(r => r.UserId == account.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(Ct));
        Assert.Equal([Roles.DistrictPartner], roles);
        var consent = await factory.QueryAsync(db => db.Set<ConsentRecord>().SingleAsync(c => c.UserId == account.Id, Ct));
        Assert.Equal(ConsentKinds.PrivacyNotice, consent.Kind);
        Assert.Equal(PrivacyNotice.Version, consent.TextVersion);
        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        Assert.Equal(account.Id, invitation.AcceptedUserId);
        Assert.NotNull(invitation.AcceptedAtUtc);
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "invitation.accepted" && a.ActorId == account.Id, Ct)));

        var later = factory.CreateBrowserLikeClient();
        await later.SignInAsync(email, Password);
    }

    [Fact]
    public async Task Office_invitee_is_sent_to_the_security_page_after_accepting()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("gs");
        var link = await factory.InviteAndGetLinkAsync(office, email, Roles.Office, null);

        using var response = await factory.CreateBrowserLikeClient().AcceptAsync(link);

        Assert.Equal("/konto/sicherheit", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Rejects_expired_invitation_and_changes_nothing()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("abgelaufen");
        var link = await factory.InviteAndGetLinkAsync(office, email);
        var person = factory.CreateBrowserLikeClient();
        var form = await person.CaptureFormAsync(link, "main form");
        await factory.QueryAsync(db => db.Set<Invitation>().Where(i => i.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)), Ct));

        var page = await person.GetDocumentAsync(link, HttpStatusCode.Gone);
        using var posted = await form.PostAsync(person, new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal("Einladung abgelaufen", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("14 Tage", page.QuerySelector(".invitation-problem")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email, Ct)));
        Assert.Null(Assert.Single(await factory.InvitationsToAsync(email)).AcceptedAtUtc);
    }

    [Fact]
    public async Task Rejects_used_invitation()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("benutzt");
        var link = await factory.InviteAndGetLinkAsync(office, email);
        var second = factory.CreateBrowserLikeClient();
        var form = await second.CaptureFormAsync(link, "main form");
        using (var first = await factory.CreateBrowserLikeClient().AcceptAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var page = await second.GetDocumentAsync(link, HttpStatusCode.Gone);
        using var again = await form.PostAsync(second, new Dictionary<string, string>
        {
            ["Input.Password"] = "Ein-anderes-Passwort-2026",
            ["Input.ConfirmPassword"] = "Ein-anderes-Passwort-2026",
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal("Einladung bereits verwendet", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.Users.CountAsync(u => u.Email == email, Ct)));
        await factory.CreateBrowserLikeClient().SignInAsync(email, Password);
    }

    [Fact]
    public async Task Rejects_revoked_invitation()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("zurueck");
        var link = await factory.InviteAndGetLinkAsync(office, email);
        var id = Assert.Single(await factory.InvitationsToAsync(email)).Id;
        var person = factory.CreateBrowserLikeClient();
        var form = await person.CaptureFormAsync(link, "main form");
        using (await office.SubmitFormAsync("/einladungen", new Dictionary<string, string>(), $"tr[data-invitation='{id}'] form[action*='Revoke']"))
        {
        }

        using var response = await form.PostAsync(person, new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("zurückgezogen", await response.TextOfAsync(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email, Ct)));
    }

    [Theory]
    [InlineData("/einladung/gibt-es-nicht")]
    [InlineData("/einladung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_invitation_link_gets_a_German_404_page(string link)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(link, HttpStatusCode.NotFound);

        Assert.Equal("Einladung nicht gefunden", page.QuerySelector("h1")?.TextContent);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task Foreign_invitation_link_is_refused_while_someone_else_is_signed_in()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("fremder-link");
        var link = await factory.InviteAndGetLinkAsync(office, email);
        var someoneElse = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        var page = await someoneElse.GetDocumentAsync(link, HttpStatusCode.Forbidden);
        // An antiforgery token of the signed-in person, from any of their forms: the refusal must not rely on the missing form.
        var anyForm = await someoneElse.CaptureFormAsync("/barrierefreiheit/barriere-melden", "main form");
        using var posted = await new CapturedForm(link, anyForm.Values).PostAsync(someoneElse, new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal("Einladung für eine andere Adresse", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("andere E-Mail-Adresse", page.QuerySelector(".invitation-problem")?.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email, Ct)));
        Assert.Null(Assert.Single(await factory.InvitationsToAsync(email)).AcceptedAtUtc);
    }

    [Theory]
    [InlineData("kurz", "kurz", true, "Input.Password")]
    [InlineData("Ein-langes-Passwort-2026", "Ein-anderes-Passwort-2026", true, "Input.ConfirmPassword")]
    [InlineData("Ein-langes-Passwort-2026", "Ein-langes-Passwort-2026", false, "Input.AcceptPrivacyNotice")]
    public async Task A_failing_password_or_missing_acknowledgement_stores_nothing(string password, string confirmation, bool acknowledge, string field)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("fehler");
        var link = await factory.InviteAndGetLinkAsync(office, email);

        using var response = await factory.CreateBrowserLikeClient().AcceptAsync(link, password, confirmation, acknowledge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.NotNull(page.QuerySelector($"#{field.Replace('.', '_')}-error"));
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email, Ct)));
        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        Assert.Null(invitation.AcceptedAtUtc);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "invitation.accepted" && a.SubjectId == invitation.Id.ToString(), Ct)));

        using var retry = await factory.CreateBrowserLikeClient().AcceptAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Fact]
    public async Task The_invited_address_cannot_be_changed_by_posting_another()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("gebunden");
        var other = NewEmail("andere");
        var link = await factory.InviteAndGetLinkAsync(office, email);

        using var response = await factory.CreateBrowserLikeClient().SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = other,
            ["Email"] = other,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyNotice"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email, Ct)));
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == other, Ct)));
    }

    [Fact]
    public async Task An_address_is_either_refused_at_invitation_or_can_also_be_accepted()
    {
        // Identity's user-name characters decide which addresses can become accounts; an invitation that
        // could never be accepted must be refused when it is sent, whatever that setting is.
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = $"o'brien!{Guid.NewGuid():N}@beispiel.de";

        using var invited = await office.InviteAsync(email, "Orla O'Brien", Roles.Expert);

        if (invited.StatusCode == HttpStatusCode.Redirect)
        {
            using var accepted = await factory.CreateBrowserLikeClient().AcceptAsync(await factory.InvitationLinkAsync(email));
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }
        else
        {
            Assert.Contains("nicht möglich", (await invited.ParseAsync()).QuerySelector("#Input_Email-error")?.TextContent, StringComparison.Ordinal);
            Assert.Empty(await factory.InvitationsToAsync(email));
        }
    }
}
