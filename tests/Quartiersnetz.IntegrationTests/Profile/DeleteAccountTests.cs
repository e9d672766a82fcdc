using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Privacy;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.Profile;

public sealed class DeleteAccountTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    private const string DeletePage = "/konto/loeschen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestPerson> CreatePersonWithDataAsync()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff], u => u.DisplayName = "Lena Löschbar");
        using (var photo = await person.Client.UploadAsync("/konto/profil/foto", "photo", TestImages.Encode(SKEncodedImageFormat.Png, 30, 30), "f.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, photo.StatusCode);
        }

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new ConsentRecord { UserId = person.Id, Kind = ConsentKinds.PrivacyNotice, TextVersion = PrivacyNotice.Version, GivenAtUtc = DateTime.UtcNow });
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        audit.Record(new AuditActor(person.Id, "Lena Löschbar"), "invitation.sent", "Invitation", "inv-1", "gast@beispiel.de");
        audit.Record(AuditActor.System, "account.role-added", "UserAccount", person.Id.ToString(), "Lena Löschbar");
        scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue(new EmailMessage(person.Email, "Lena Löschbar", "Willkommen", "Hallo Lena"));
        await db.SaveChangesAsync(Ct);
        return person;
    }

    [Fact]
    public async Task Deletes_the_account_and_personal_data_keeps_anonymised_audit_entries_and_signs_out()
    {
        var person = await CreatePersonWithDataAsync();
        var photoKey = (await factory.FindAccountAsync(person.Id))!.PhotoFileName!;
        Assert.True(File.Exists(Path.Combine(factory.FilesFolder, photoKey)));

        using var response = await person.Client.SubmitFormAsync(DeletePage, new Dictionary<string, string>
        {
            ["Input.Password"] = person.Password,
            ["Input.Confirmation"] = "LÖSCHEN",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/geloescht", response.Headers.Location!.OriginalString);
        var confirmation = await person.Client.GetDocumentAsync("/konto/geloescht");
        Assert.Equal("Ihr Konto ist gelöscht", confirmation.QuerySelector("h1")?.TextContent);
        Assert.Null(confirmation.QuerySelector("header a[href='/konto']"));

        Assert.Null(await factory.FindAccountAsync(person.Id));
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, photoKey)));
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        Assert.False(await db.Set<ConsentRecord>().AnyAsync(c => c.UserId == person.Id, Ct));
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == person.Id, Ct));
        Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == person.Id, Ct));
        Assert.False(await db.UserLogins.AnyAsync(t => t.UserId == person.Id, Ct));
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(m => m.ToAddress == person.Email, Ct));
        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.ActorId == person.Id || e.SubjectId == person.Id.ToString()).ToListAsync(Ct);
        Assert.Equal(3, entries.Count);
        Assert.DoesNotContain(entries, e => e.ActorName.Contains("Lena", StringComparison.Ordinal) || (e.SubjectName ?? "").Contains("Lena", StringComparison.Ordinal));
        Assert.Equal("Gelöschtes Konto", entries.Single(e => e.Action == "invitation.sent").ActorName);
        Assert.Equal("Gelöschtes Konto", entries.Single(e => e.Action == "account.role-added").SubjectName);
        var deleted = entries.Single(e => e.Action == "account.deleted");
        Assert.Equal("Gelöschtes Konto", deleted.ActorName);
        Assert.DoesNotContain(person.Email, deleted.Changes ?? "", StringComparison.Ordinal);

        // Signed out, and the address and password no longer open anything.
        using var account = await person.Client.GetAsync(new Uri("/konto", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        using var signIn = await factory.CreateBrowserLikeClient().SubmitFormAsync("/anmelden", new Dictionary<string, string>
        {
            ["Input.Email"] = person.Email,
            ["Input.Password"] = person.Password,
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.NotNull((await signIn.ParseAsync()).QuerySelector("[role=alert]"));
    }

    [Theory]
    [InlineData("Falsches-Passwort-123", "LÖSCHEN", "Das Passwort ist nicht richtig.")]
    [InlineData(ProfileTestSupport.Password, "", "Bitte geben Sie zur Bestätigung LÖSCHEN ein.")]
    [InlineData(ProfileTestSupport.Password, "löschen", "Bitte geben Sie zur Bestätigung LÖSCHEN ein.")]
    [InlineData(ProfileTestSupport.Password, "JA", "Bitte geben Sie zur Bestätigung LÖSCHEN ein.")]
    [InlineData("", "LÖSCHEN", "Bitte geben Sie Ihr Passwort ein.")]
    public async Task Refuses_without_the_right_password_and_the_word_LOESCHEN_and_changes_nothing(string password, string confirmation, string message)
    {
        var person = await CreatePersonWithDataAsync();

        using var response = await person.Client.SubmitFormAsync(DeletePage, new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.Confirmation"] = confirmation,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var account = await factory.FindAccountAsync(person.Id);
        Assert.NotNull(account);
        Assert.True(File.Exists(Path.Combine(factory.FilesFolder, account.PhotoFileName!)));
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        Assert.True(await db.Set<ConsentRecord>().AnyAsync(c => c.UserId == person.Id, Ct));
        Assert.Equal("Lena Löschbar", (await db.Set<AuditEntry>().SingleAsync(e => e.ActorId == person.Id, Ct)).ActorName);
        Assert.False(await db.Set<AuditEntry>().AnyAsync(e => e.Action == "account.deleted" && e.SubjectId == person.Id.ToString(), Ct));
        // Still signed in and able to use the account.
        await person.Client.GetDocumentAsync("/konto");
    }
}

/// <summary>Own database: the test takes the office role from the bootstrap account so one office account remains.</summary>
public sealed class LastOfficeAccountTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    [Fact]
    public async Task The_last_office_account_cannot_be_deleted()
    {
        var office = await factory.CreatePersonAsync([Roles.Office]);
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var admin = (await users.FindByEmailAsync(QuartiersnetzFactory.AdminEmail))!;
            Assert.True((await users.RemoveFromRoleAsync(admin, Roles.Office)).Succeeded);
        }

        using var response = await office.Client.SubmitFormAsync("/konto/loeschen", new Dictionary<string, string>
        {
            ["Input.Password"] = office.Password,
            ["Input.Confirmation"] = "LÖSCHEN",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("letzte Konto der Geschäftsstelle", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await factory.FindAccountAsync(office.Id));
    }
}
