using System.Net;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using static Quartiersnetz.IntegrationTests.Onboarding.OnboardingDriver;

namespace Quartiersnetz.IntegrationTests.Onboarding;

public sealed class AccessRequestTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string RequestPage = "/zugang-beantragen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_page_links_to_the_access_request()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/anmelden");

        Assert.NotNull(page.QuerySelector($"main a[href='{RequestPage}']"));
    }

    [Fact]
    public async Task Visitor_requests_access_sees_a_confirmation_and_gets_a_receipt_mail()
    {
        var email = NewEmail("antrag");

        using var response = await RequestAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/zugang-beantragen?gesendet=true", response.Headers.Location?.OriginalString);
        var confirmation = await factory.CreateBrowserLikeClient().GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Vielen Dank", confirmation.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var mail = await factory.Mailbox.WaitForMailAsync(email);
        Assert.Equal("Ihr Antrag auf Zugang zum Quartiersnetz ist eingegangen", mail.Subject);
        Assert.Contains("Guten Tag Alex Antrag,", mail.TextBody, StringComparison.Ordinal);
        var request = await RequestOfAsync(email);
        Assert.Equal("Stadt Bochum", request.Affiliation);
        Assert.Equal(AccessRequestStatus.Pending, request.Status);
    }

    [Fact]
    public async Task A_second_request_from_a_pending_address_is_accepted_quietly_but_not_stored_twice()
    {
        var email = NewEmail("zweimal");
        using (await RequestAsync(email))
        {
        }

        using var again = await RequestAsync(email.ToUpperInvariant());

        Assert.Equal("/zugang-beantragen?gesendet=true", again.Headers.Location?.OriginalString);
        Assert.Equal(1, await factory.QueryAsync(db => db.Set<AccessRequest>().CountAsync(r => r.Email == email, Ct)));
        Assert.Single(await factory.Mailbox.MailsToAsync(email));
    }

    [Theory]
    [InlineData("jürgen@beispiel.de", true, "Input.Email", "Der Teil vor dem @ darf keine Umlaute")]
    [InlineData("keine-adresse", true, "Input.Email", "gültige E-Mail-Adresse")]
    [InlineData("ok@beispiel.de", false, "Input.AcceptPrivacyNotice", "Datenschutzerklärung")]
    public async Task Bad_requests_get_a_German_message_and_store_nothing(string email, bool acknowledge, string field, string expected)
    {
        var before = await factory.QueryAsync(db => db.Set<AccessRequest>().CountAsync(Ct));

        using var response = await RequestAsync(email, acknowledge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Set<AccessRequest>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Office_approves_a_request_the_person_accepts_the_invitation_and_signs_in()
    {
        var email = NewEmail("bewilligt");
        using (await RequestAsync(email))
        {
        }

        var id = (await RequestOfAsync(email)).Id;
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var list = await office.GetDocumentAsync("/geschaeftsstelle/zugangsantraege");
        Assert.NotNull(list.QuerySelector($"tr[data-request='{id}'] a[href='/geschaeftsstelle/zugangsantraege/{id}']"));

        using var approved = await office.SubmitFormAsync($"/geschaeftsstelle/zugangsantraege/{id}", new Dictionary<string, string>
        {
            ["Approval.Role"] = Roles.MemberStaff,
            ["Approval.Municipality"] = Bochum,
        }, "main form.approve-form");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var details = await office.GetDocumentAsync(approved.Headers.Location!.OriginalString);
        Assert.Contains("bewilligt am", details.QuerySelector(".request-status")?.TextContent, StringComparison.Ordinal);
        Assert.Null(details.QuerySelector("main form.approve-form"));
        var request = await RequestOfAsync(email);
        Assert.Equal(AccessRequestStatus.Approved, request.Status);
        var invitation = Assert.Single(await factory.InvitationsToAsync(email));
        Assert.Equal(request.InvitationId, invitation.Id);
        Assert.Equal(Bochum, invitation.MunicipalityAgs);
        Assert.Equal("Stadt Bochum", invitation.Organisation);
        Assert.Equal("Quartiersmanagerin", invitation.FunctionTitle);
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "access-request.approved" && a.SubjectId == id.ToString(), Ct)));

        var link = await factory.InvitationLinkAsync(email);
        var person = factory.CreateBrowserLikeClient();
        using (var accepted = await person.AcceptAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        await factory.CreateBrowserLikeClient().SignInAsync(email, Password);
    }

    [Fact]
    public async Task Rejecting_mails_the_office_message_to_the_requester_and_pending_requests_stay_on_top()
    {
        var rejectedEmail = NewEmail("abgelehnt");
        var pendingEmail = NewEmail("wartet");
        using (await RequestAsync(rejectedEmail))
        {
        }

        using (await RequestAsync(pendingEmail))
        {
        }

        var id = (await RequestOfAsync(rejectedEmail)).Id;
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        const string message = "Der Zugang ist Mitgliedskommunen vorbehalten; bitte wenden Sie sich an Ihre Kommunale Koordination.";

        using var rejected = await office.SubmitFormAsync($"/geschaeftsstelle/zugangsantraege/{id}", new Dictionary<string, string>
        {
            ["Rejection.Message"] = message,
        }, "main form.reject-form");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var mail = await factory.Mailbox.WaitForMailAsync(rejectedEmail, m => m.Subject == "Ihr Antrag auf Zugang zum Quartiersnetz");
        Assert.Contains(message, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("leider nicht bewilligen", mail.TextBody, StringComparison.Ordinal);
        var request = await RequestOfAsync(rejectedEmail);
        Assert.Equal(AccessRequestStatus.Rejected, request.Status);
        Assert.Equal(message, request.DecisionMessage);
        Assert.Empty(await factory.InvitationsToAsync(rejectedEmail));
        Assert.True(await factory.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "access-request.rejected" && a.SubjectId == id.ToString(), Ct)));

        var list = await office.GetDocumentAsync("/geschaeftsstelle/zugangsantraege");
        var statuses = list.QuerySelectorAll("table.access-requests tbody tr .request-status").Select(s => s.TextContent).ToList();
        Assert.True(statuses.IndexOf("abgelehnt") > statuses.LastIndexOf("offen"), string.Join(", ", statuses));
    }

    [Fact]
    public async Task Deciding_twice_is_refused()
    {
        var email = NewEmail("zweifach");
        using (await RequestAsync(email))
        {
        }

        var id = (await RequestOfAsync(email)).Id;
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var detailsUrl = $"/geschaeftsstelle/zugangsantraege/{id}";
        var rejectForm = await office.CaptureFormAsync(detailsUrl, "main form.reject-form");
        var approveForm = await office.CaptureFormAsync(detailsUrl, "main form.approve-form");
        using (var first = await approveForm.PostAsync(office, new Dictionary<string, string> { ["Approval.Role"] = Roles.Expert }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var reject = await rejectForm.PostAsync(office, new Dictionary<string, string> { ["Rejection.Message"] = "Doch nicht." });
        using var approveAgain = await approveForm.PostAsync(office, new Dictionary<string, string> { ["Approval.Role"] = Roles.Expert });

        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        Assert.Contains("bereits entschieden", (await reject.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, approveAgain.StatusCode);
        Assert.Equal(AccessRequestStatus.Approved, (await RequestOfAsync(email)).Status);
        Assert.Single(await factory.InvitationsToAsync(email));
        Assert.DoesNotContain(await factory.Mailbox.MailsToAsync(email), m => m.Subject == "Ihr Antrag auf Zugang zum Quartiersnetz");
    }

    [Fact]
    public async Task Approval_with_a_staff_role_but_no_municipality_is_refused_and_nothing_changes()
    {
        var email = NewEmail("ohne");
        using (await RequestAsync(email))
        {
        }

        var id = (await RequestOfAsync(email)).Id;
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.SubmitFormAsync($"/geschaeftsstelle/zugangsantraege/{id}", new Dictionary<string, string>
        {
            ["Approval.Role"] = Roles.MemberStaff,
            ["Approval.Municipality"] = "",
        }, "main form.approve-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ist eine Gemeinde anzugeben", (await response.ParseAsync()).QuerySelector("#Approval_Municipality-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessRequestStatus.Pending, (await RequestOfAsync(email)).Status);
        Assert.Empty(await factory.InvitationsToAsync(email));
    }

    [Fact]
    public async Task Only_the_office_sees_access_requests()
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);

        using var list = await coordinator.GetAsync(new Uri("/geschaeftsstelle/zugangsantraege", UriKind.Relative), Ct);
        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/geschaeftsstelle/zugangsantraege", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    private Task<HttpResponseMessage> RequestAsync(string email, bool acknowledge = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Alex Antrag",
            ["Input.Email"] = email,
            ["Input.Affiliation"] = "Stadt Bochum",
            ["Input.FunctionTitle"] = "Quartiersmanagerin",
            ["Input.Message"] = "Ich arbeite im Quartier Hustadt.",
        };
        if (acknowledge)
        {
            fields["Input.AcceptPrivacyNotice"] = "true";
        }

        return factory.CreateBrowserLikeClient().SubmitFormAsync(RequestPage, fields);
    }

    private Task<AccessRequest> RequestOfAsync(string email) =>
        factory.QueryAsync(db => db.Set<AccessRequest>().AsNoTracking().SingleAsync(r => r.Email == email, Ct));
}
