using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.Onboarding.OnboardingDriver;

namespace Quartiersnetz.IntegrationTests.Onboarding;

public sealed class InvitationTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Office_invites_a_person_who_gets_a_German_mail_with_a_working_single_address_link()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("eingeladen");

        using var response = await office.InviteAsync(email, "Erika Musterfrau", Roles.MemberStaff, Gelsenkirchen, "Stadt Gelsenkirchen", "Quartiersmanagement");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/einladungen?erfolg=gesendet", response.Headers.Location?.OriginalString);
        var mail = await factory.Mailbox.WaitForMailAsync(email);
        Assert.Equal(InvitationSubject, mail.Subject);
        Assert.Contains("Guten Tag Erika Musterfrau,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("„Mitarbeitende“", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("nur einmal", mail.TextBody, StringComparison.Ordinal);
        var link = mail.LinkPath("/einladung/");
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(link);
        Assert.Equal("Einladung annehmen", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(email, page.QuerySelector(".invitation-email")?.TextContent);
        Assert.Null(page.QuerySelector("input[name='Input.Email']"));

        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        var token = link["/einladung/".Length..];
        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), invitation.TokenHash);
        Assert.Equal(Gelsenkirchen, invitation.MunicipalityAgs);
        Assert.Equal("Quartiersmanagement", invitation.FunctionTitle);
        Assert.InRange(invitation.ExpiresAtUtc - invitation.CreatedAtUtc, TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "invitation.sent" && a.SubjectId == invitation.Id.ToString(), Ct)));

        var list = await office.GetDocumentAsync("/einladungen");
        var row = list.QuerySelector($"tr[data-invitation='{invitation.Id}']");
        Assert.Equal("offen", row?.QuerySelector(".invitation-status")?.TextContent);
    }

    [Fact]
    public async Task Invite_form_offers_the_German_role_labels_and_the_municipalities_in_German_order()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync("/einladungen/neu");

        var roles = page.QuerySelectorAll("#Input_Role option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Bitte wählen", "Geschäftsstelle", "Kommunale Koordination", "Mitarbeitende", "Quartierspartner", "Fachleute", "Fördergeber", "Jury"], roles);
        var municipalities = page.QuerySelectorAll("#Input_Municipality option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Equal(396, municipalities.Count);
        Assert.StartsWith("Aachen", municipalities[0], StringComparison.Ordinal);
        Assert.True(municipalities.IndexOf("Übach-Palenberg, Stadt") > municipalities.IndexOf("Tönisvorst, Stadt"), "Ü sorts as U (DIN 5007-1)");
    }

    [Fact]
    public async Task Coordinator_invites_staff_of_their_own_municipality_without_choosing_it()
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);
        var email = NewEmail("koeln");

        var form = await coordinator.GetDocumentAsync("/einladungen/neu");
        Assert.Null(form.QuerySelector("#Input_Municipality"));
        Assert.Equal(["Bitte wählen", "Mitarbeitende", "Quartierspartner"], form.QuerySelectorAll("#Input_Role option").Select(o => o.TextContent));
        using var response = await coordinator.InviteAsync(email, "Kim Köln", Roles.DistrictPartner);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        Assert.Equal(Cologne, invitation.MunicipalityAgs);
        Assert.Equal(Roles.DistrictPartner, invitation.Role);
        await factory.Mailbox.WaitForMailAsync(email);
    }

    [Fact]
    public async Task Coordinator_cannot_invite_for_another_municipality_by_forging_the_form()
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);
        var email = NewEmail("fremd");

        using var response = await coordinator.InviteAsync(email, "Fremde Person", Roles.MemberStaff, Bochum);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nur Personen Ihrer eigenen Gemeinde", await response.TextOfAsync(), StringComparison.Ordinal);
        Assert.Empty(await factory.InvitationsToAsync(email));
        Assert.Empty(await factory.Mailbox.MailsToAsync(email));
    }

    [Theory]
    [InlineData(Roles.Office)]
    [InlineData(Roles.MunicipalCoordinator)]
    [InlineData(Roles.Expert)]
    public async Task Coordinator_cannot_invite_roles_other_than_staff(string role)
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);
        var email = NewEmail("rolle");

        using var response = await coordinator.InviteAsync(email, "Falsche Rolle", role, Cologne);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nur Mitarbeitende und Quartierspartner einladen", await response.TextOfAsync(), StringComparison.Ordinal);
        Assert.Empty(await factory.InvitationsToAsync(email));
    }

    [Fact]
    public async Task Coordinator_sees_and_manages_only_invitations_of_their_municipality()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var bochumEmail = NewEmail("bochum");
        await factory.InviteAndGetLinkAsync(office, bochumEmail, Roles.MemberStaff, Bochum);
        var bochumInvitation = Assert.Single(await factory.InvitationsToAsync(bochumEmail));
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);
        var colognEmail = NewEmail("koeln");
        using (await coordinator.InviteAsync(colognEmail, "Kim Köln", Roles.MemberStaff))
        {
        }

        var list = await coordinator.GetDocumentAsync("/einladungen");

        Assert.Contains(colognEmail, list.QuerySelector("table.invitations")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(bochumEmail, list.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        var officeForm = await office.CaptureFormAsync("/einladungen", $"tr[data-invitation='{bochumInvitation.Id}'] form[action*='Revoke']");
        // The coordinator's own antiforgery token, so only the scope check can refuse.
        var coordinatorForm = await coordinator.CaptureFormAsync("/einladungen/neu", "main form.invite-form");
        using var forged = await new CapturedForm(officeForm.Action, coordinatorForm.Values.Where(v => v.Key == "__RequestVerificationToken").ToList())
            .PostAsync(coordinator, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null(Assert.Single(await factory.InvitationsToAsync(bochumEmail)).RevokedAtUtc);
    }

    [Fact]
    public async Task Rejects_an_address_that_already_has_an_account()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.InviteAsync(QuartiersnetzFactory.AdminEmail.ToUpperInvariant(), "Schon da", Roles.Expert);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("gibt es bereits einen Zugang", page.QuerySelector("#Input_Email-error")?.TextContent, StringComparison.Ordinal);
        var adminKey = QuartiersnetzFactory.AdminEmail.ToUpperInvariant();
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(i => i.NormalizedEmail == adminKey, Ct)));
    }

    [Fact]
    public async Task Rejects_a_second_invitation_to_a_pending_address_and_offers_to_send_it_again()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("doppelt");
        var firstLink = await factory.InviteAndGetLinkAsync(office, email);

        using var response = await office.InviteAsync(email, "Noch einmal", Roles.Expert);

        var page = await response.ParseAsync();
        Assert.Contains("bereits eine offene Einladung", page.QuerySelector("#Input_Email-error")?.TextContent, StringComparison.Ordinal);
        Assert.Single(await factory.InvitationsToAsync(email));
        var resendForm = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlFormElement>(page.QuerySelector("main form.resend-form"));
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)resendForm.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var resent = await new CapturedForm(resendForm.GetAttribute("action")!, [new("__RequestVerificationToken", token)])
            .PostAsync(office, new Dictionary<string, string>());
        Assert.Equal("/einladungen?erfolg=erneut-gesendet", resent.Headers.Location?.OriginalString);
        Assert.Equal(2, (await factory.Mailbox.MailsToAsync(email)).Count);
        Assert.NotEqual(firstLink, await factory.InvitationLinkAsync(email));
    }

    [Theory]
    [InlineData("keine-adresse", "gültige E-Mail-Adresse")]
    [InlineData("zwei@@beispiel.de", "gültige E-Mail-Adresse")]
    [InlineData("jörg.müller@beispiel.de", "Der Teil vor dem @ darf keine Umlaute")]
    [InlineData("名前@beispiel.de", "Der Teil vor dem @ darf keine Umlaute")]
    public async Task Rejects_invalid_addresses_and_Unicode_local_parts_with_a_German_message(string email, string expected)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var before = await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(Ct));

        using var response = await office.InviteAsync(email, "Unicode Person", Roles.Expert);

        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("#Input_Email-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Accepts_an_internationalised_domain_and_stores_it_as_punycode()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var local = "info-" + Guid.NewGuid().ToString("N")[..8];
        var punycode = $"{local}@{new IdnMapping().GetAscii("bücherei-köln.de")}";

        using var response = await office.InviteAsync($"{local}@Bücherei-Köln.de", "Bücherei Köln", Roles.Expert);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{local}@xn--", punycode, StringComparison.Ordinal);
        var invitation = Assert.Single(await factory.InvitationsToAsync(punycode));
        Assert.Equal(punycode.ToUpperInvariant(), invitation.NormalizedEmail);
        Assert.Null(invitation.MunicipalityAgs);
        Assert.Equal(InvitationSubject, (await factory.Mailbox.WaitForMailAsync(punycode)).Subject);
    }

    [Fact]
    public async Task Staff_roles_need_a_municipality_and_unknown_roles_are_refused()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("ohne-gemeinde");

        using var withoutMunicipality = await office.InviteAsync(email, "Ohne Gemeinde", Roles.MemberStaff);
        using var unknownRole = await office.InviteAsync(email, "Unbekannte Rolle", "Superuser", Cologne);
        using var unknownMunicipality = await office.InviteAsync(email, "Unbekannte Gemeinde", Roles.MemberStaff, "99999999");

        Assert.Contains("ist eine Gemeinde anzugeben", (await withoutMunicipality.ParseAsync()).QuerySelector("#Input_Municipality-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("gültige Rolle", (await unknownRole.ParseAsync()).QuerySelector("#Input_Role-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("unbekannt", (await unknownMunicipality.ParseAsync()).QuerySelector("#Input_Municipality-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.InvitationsToAsync(email));
    }

    [Fact]
    public async Task Resending_gives_a_new_link_with_new_14_days_and_kills_the_old_link()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("erneut");
        var oldLink = await factory.InviteAndGetLinkAsync(office, email);
        var id = Assert.Single(await factory.InvitationsToAsync(email)).Id;
        await factory.QueryAsync(db => db.Set<Invitation>().Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAtUtc, DateTime.UtcNow.AddDays(-1)), Ct));
        var list = await office.GetDocumentAsync("/einladungen");
        Assert.Equal("abgelaufen", list.QuerySelector($"tr[data-invitation='{id}'] .invitation-status")?.TextContent);

        using var resent = await office.SubmitFormAsync("/einladungen", new Dictionary<string, string>(), $"tr[data-invitation='{id}'] form[action*='Resend']");

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var newLink = await factory.Mailbox.WaitForMailAsync(email, m => !m.TextBody.Contains(oldLink, StringComparison.Ordinal));
        Assert.NotEqual(oldLink, newLink.LinkPath("/einladung/"));
        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        Assert.True(invitation.ExpiresAtUtc > DateTime.UtcNow.AddDays(13.9));
        var dead = await factory.CreateBrowserLikeClient().GetDocumentAsync(oldLink, HttpStatusCode.NotFound);
        Assert.Contains("nur der Link aus der neuesten E-Mail", dead.QuerySelector(".invitation-problem")?.TextContent, StringComparison.Ordinal);
        await factory.CreateBrowserLikeClient().GetDocumentAsync(newLink.LinkPath("/einladung/"));
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "invitation.resent" && a.SubjectId == id.ToString(), Ct)));
    }

    [Fact]
    public async Task Revoking_kills_the_link_and_shows_the_status()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("widerruf");
        var link = await factory.InviteAndGetLinkAsync(office, email);
        var id = Assert.Single(await factory.InvitationsToAsync(email)).Id;

        using var revoked = await office.SubmitFormAsync("/einladungen", new Dictionary<string, string>(), $"tr[data-invitation='{id}'] form[action*='Revoke']");

        Assert.Equal("/einladungen?erfolg=widerrufen", revoked.Headers.Location?.OriginalString);
        var list = await office.GetDocumentAsync("/einladungen");
        Assert.Equal("widerrufen", list.QuerySelector($"tr[data-invitation='{id}'] .invitation-status")?.TextContent);
        Assert.Null(list.QuerySelector($"tr[data-invitation='{id}'] form"));
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(link, HttpStatusCode.Gone);
        Assert.Equal("Einladung zurückgezogen", page.QuerySelector("h1")?.TextContent);
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "invitation.revoked" && a.SubjectId == id.ToString(), Ct)));
    }

    [Theory]
    [InlineData(Roles.MemberStaff)]
    [InlineData(Roles.Expert)]
    public async Task People_without_the_invite_permission_get_403(string role)
    {
        var member = await factory.CreateClientSignedInAsync(role);

        foreach (var url in new[] { "/einladungen", "/einladungen/neu", "/einladungen/import" })
        {
            using var response = await member.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Office_dashboard_and_navigation_link_to_invitations_and_access_requests()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);

        var dashboard = await office.GetDocumentAsync("/geschaeftsstelle");
        var coordinatorHome = await coordinator.GetDocumentAsync("/");
        var anonymousHome = await factory.CreateBrowserLikeClient().GetDocumentAsync("/");

        Assert.NotNull(dashboard.QuerySelector("main a[href='/einladungen']"));
        Assert.NotNull(dashboard.QuerySelector("main a[href='/geschaeftsstelle/zugangsantraege']"));
        Assert.NotNull(coordinatorHome.QuerySelector("header nav a[href='/einladungen']"));
        Assert.Null(anonymousHome.QuerySelector("header nav a[href='/einladungen']"));
    }
}
