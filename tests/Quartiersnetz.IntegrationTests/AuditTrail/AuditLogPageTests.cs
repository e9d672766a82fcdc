using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.AuditTrail;

public sealed class AuditLogPageTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_reads_actions_newest_first_with_German_labels_Berlin_time_and_changes()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], displayName: "Zoë Protokoll-" + Guid.NewGuid().ToString("N")[..6]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.Jury), new("Input.FunctionTitle", "Jurymitglied")]))
        {
        }

        using (await office.SubmitFormAsync($"/geschaeftsstelle/personen/{person.Id}", new Dictionary<string, string>(), "#deactivate-form"))
        {
        }

        var page = await office.GetDocumentAsync($"/geschaeftsstelle/protokoll?suche={Uri.EscapeDataString(person.DisplayName)}");

        var entries = page.QuerySelectorAll("li.audit-entry");
        Assert.Equal(2, entries.Length);
        Assert.Equal("person.deactivated", entries[0].GetAttribute("data-action"));
        Assert.Contains("Zugang deaktiviert", entries[0].QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(person.DisplayName, entries[0].QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Person geändert", entries[1].QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Test Person", entries[1].QuerySelector(".audit-actor")?.TextContent);
        var occurred = (await factory.AuditEntriesAsync(person.Id.ToString()))[0].OccurredAtUtc;
        Assert.Contains(Quartiersnetz.Platform.Time.BerlinTime.FormatDateTime(occurred), entries[1].TextContent, StringComparison.Ordinal);
        var rows = entries[1].QuerySelectorAll("table.audit-changes tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["Rollen", "Mitarbeitende", "Jury"]));
        Assert.Contains(rows, r => r.SequenceEqual(["Funktion", "–", "Jurymitglied"]));
    }

    [Fact]
    public async Task The_log_filters_by_action()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        await browser.CreatePersonalAccessTokenAsync("Filterprobe");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync("/geschaeftsstelle/protokoll?aktion=apitoken.created");

        var entries = page.QuerySelectorAll("li.audit-entry");
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("apitoken.created", e.GetAttribute("data-action")));
        Assert.Contains(entries, e => e.TextContent.Contains("Filterprobe", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("#filter-aktion option[value='apitoken.created'][selected]"));
    }

    [Fact]
    public async Task Unknown_actions_are_shown_by_their_key()
    {
        await using (var scope = factory.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(AuditActor.System, "future.thing", "Thing", "1", "Etwas Neues");
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync("/geschaeftsstelle/protokoll?aktion=future.thing");

        Assert.Contains("future.thing: Etwas Neues", Assert.Single(page.QuerySelectorAll("li.audit-entry")).QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?seite=999")]
    [InlineData("?seite=-1&aktion=")]
    [InlineData("?suche=%25%25%25")]
    public async Task Odd_query_values_do_not_fail(string query)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync("/geschaeftsstelle/protokoll" + query);

        Assert.Equal("Protokoll der Verwaltungsaktionen", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Members_cannot_read_the_log()
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator);

        using var response = await coordinator.GetAsync(new Uri("/geschaeftsstelle/protokoll", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_never_holds_passwords_tokens_TOTP_secrets_or_security_stamps()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var browser = await factory.SignedInAsAsync(person);
        var secret = await browser.CreatePersonalAccessTokenAsync("Geheimnisprobe");
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByIdAsync(person.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            person = person with { AuthenticatorKey = await users.GetAuthenticatorKeyAsync(user) };
        }

        var accessToken = await factory.AccessTokenAsync(person);
        using (await factory.CreateBearerClient(secret).DeleteAsync(new Uri($"/api/v1/me/tokens/{await TokenIdAsync(person.Id)}", UriKind.Relative), Ct))
        {
        }

        const string newPassword = "Neues-Geheimes-Passwort-42";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByIdAsync(person.Id.ToString()))!;
            Assert.True((await users.ChangePasswordAsync(user, person.Password, newPassword)).Succeeded);
        }

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        using (await office.PostFormAsync($"/geschaeftsstelle/personen/{person.Id}", "#assignment-form",
            [new("Input.Roles", Roles.Expert), new("Input.Organisation", "Quartiersbüro")]))
        {
        }

        using (await office.SubmitFormAsync($"/geschaeftsstelle/personen/{person.Id}", new Dictionary<string, string>(), "#deactivate-form"))
        {
        }

        await using var check = factory.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id, Ct);
        var authenticatorKey = await db.UserTokens.AsNoTracking().Where(t => t.UserId == person.Id).Select(t => t.Value).ToListAsync(Ct);
        var entries = await db.Set<AuditEntry>().AsNoTracking().ToListAsync(Ct);
        Assert.Contains(entries, e => e.Action == "apitoken.created" && e.SubjectName == "Geheimnisprobe");
        Assert.Contains(entries, e => e.Action == "person.updated" && e.SubjectId == person.Id.ToString());
        var secrets = new List<string> { person.Password, newPassword, secret, secret[4..], accessToken, account.PasswordHash!, account.SecurityStamp!, person.AuthenticatorKey! };
        secrets.AddRange(authenticatorKey.Where(v => v is not null)!);
        foreach (var entry in entries)
        {
            var text = string.Join('\n', entry.ActorName, entry.Action, entry.SubjectType, entry.SubjectId, entry.SubjectName, entry.Changes);
            foreach (var s in secrets)
            {
                Assert.DoesNotContain(s, text, StringComparison.Ordinal);
            }
        }

        var page = await office.GetDocumentAsync("/geschaeftsstelle/protokoll");
        foreach (var s in secrets)
        {
            Assert.DoesNotContain(s, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }

    private async Task<Guid> TokenIdAsync(Guid userId)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<Quartiersnetz.Features.ApiAccess.PersonalAccessToken>()
            .Where(t => t.UserId == userId).Select(t => t.Id).SingleAsync(Ct);
    }
}
