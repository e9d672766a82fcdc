using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Profile;

public sealed class MyDataTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestPerson> CreatePersonWithDataAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff, Roles.Expert], u =>
        {
            u.DisplayName = "Mara Meinedaten";
            u.FunctionTitle = "Quartiersarbeit";
            u.PhoneNumber = "0231 555";
            u.MunicipalityAgs = "05913000";
        });
        using (var saved = await person.Client.SubmitFormAsync("/konto/profil", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Mara Meinedaten",
            ["Input.FunctionTitle"] = "Quartiersarbeit",
            ["Input.Phone"] = "0231 555",
            ["Input.MunicipalityAgs"] = "05913000",
            ["Input.Topics"] = "gender-mainstreaming",
            ["Input.ListInDirectory"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Quartiersnetz.Data.QuartiersnetzDbContext>();
        db.Add(new ConsentRecord { UserId = person.Id, Kind = ConsentKinds.PrivacyNotice, TextVersion = "2026-01-01", GivenAtUtc = new DateTime(2026, 1, 2, 9, 30, 0, DateTimeKind.Utc) });
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(new AuditActor(person.Id, "Mara Meinedaten"), "invitation.sent", "Invitation", "x", "gast@beispiel.de");
        await db.SaveChangesAsync(Ct);
        return person;
    }

    [Fact]
    public async Task Shows_profile_roles_and_consents_in_readable_sections()
    {
        var person = await CreatePersonWithDataAsync();
        await using (var scope = factory.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(new EmailMessage(person.Email, null, "Ihre Einladung zum Netzwerktreffen", "Text"));
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await person.Client.GetDocumentAsync("/konto/meine-daten");

        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.Contains("Konto und Profil", headings);
        Assert.Contains("Einwilligungen", headings);
        Assert.Contains("Protokoll der Verwaltungsvorgänge", headings);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Mara Meinedaten", text, StringComparison.Ordinal);
        Assert.Contains("Dortmund", text, StringComparison.Ordinal);
        Assert.Contains("Mitarbeitende", text, StringComparison.Ordinal);
        Assert.Contains("Fachleute", text, StringComparison.Ordinal);
        Assert.Contains("Eintrag in der Mitgliederübersicht", text, StringComparison.Ordinal);
        Assert.Contains("Datenschutzerklärung zur Kenntnis genommen", text, StringComparison.Ordinal);
        Assert.Contains("02.01.2026, 10:30 Uhr", text, StringComparison.Ordinal);
        Assert.Contains("invitation.sent", text, StringComparison.Ordinal);
        Assert.Contains("E-Mails an Sie", headings);
        Assert.Contains("Ihre Einladung zum Netzwerktreffen", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/konto/meine-daten/download']"));
    }

    [Fact]
    public async Task Downloads_everything_as_JSON_without_secrets()
    {
        var person = await CreatePersonWithDataAsync();
        string stamp, authenticatorKey;
        IEnumerable<string> recoveryCodes;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByIdAsync(person.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            authenticatorKey = (await users.GetAuthenticatorKeyAsync(user))!;
            recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3))!.ToList();
            stamp = (await users.GetSecurityStampAsync(user))!;
        }

        using var response = await person.Client.GetAsync(new Uri("/konto/meine-daten/download", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^meine-daten-\d{4}-\d{2}-\d{2}\.json$", response.Content.Headers.ContentDisposition?.FileName);
        var json = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(json);
        var account = document.RootElement.GetProperty("Konto und Profil");
        Assert.Equal("Mara Meinedaten", account.GetProperty("Name").GetString());
        Assert.Equal(person.Email, account.GetProperty("E-Mail-Adresse").GetString());
        Assert.Equal("0231 555", account.GetProperty("Telefon").GetString());
        Assert.Equal("Fachleute, Mitarbeitende", string.Join(", ", account.GetProperty("Rollen").EnumerateArray().Select(r => r.GetString()).Order()));
        Assert.False(account.GetProperty("Zwei-Faktor-Anmeldung aktiv").GetBoolean());
        var consents = document.RootElement.GetProperty("Einwilligungen").EnumerateArray().ToList();
        Assert.Equal(2, consents.Count);
        Assert.Contains(consents, c => c.GetProperty("Fassung des Textes").GetString() == PrivacyNotice.Version);
        var audit = document.RootElement.GetProperty("Protokoll der Verwaltungsvorgänge").GetProperty("Von Ihnen ausgeführt");
        Assert.Equal("invitation.sent", Assert.Single(audit.EnumerateArray()).GetProperty("Vorgang").GetString());

        Assert.DoesNotContain("PasswordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SecurityStamp", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AuthenticatorKey", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", json, StringComparison.Ordinal); // Identity's password hash prefix
        Assert.DoesNotContain(stamp, json, StringComparison.Ordinal);
        Assert.DoesNotContain(authenticatorKey, json, StringComparison.Ordinal);
        Assert.All(recoveryCodes, code => Assert.DoesNotContain(code, json, StringComparison.Ordinal));
    }
}
