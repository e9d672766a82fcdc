using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accounts;

/// <summary>BSI rules (length over composition, no common passwords, nothing from the address), seen through the change-password form.</summary>
public sealed class PasswordRulesTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Page = "/konto/sicherheit/passwort";

    [Theory]
    [InlineData("kurz-123", "mindestens 10 Zeichen")]
    [InlineData("qwertyuiop", "am häufigsten verwendeten")]
    [InlineData("QwertyUiop", "am häufigsten verwendeten")]
    [InlineData("1234567890", "am häufigsten verwendeten")]
    public async Task Rejects_short_and_common_passwords_with_a_German_reason(string newPassword, string reason)
    {
        var (client, email) = await SignedInAsync();

        using var response = await ChangeAsync(client, newPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
        await AssertPasswordUnchangedAsync(email);
    }

    [Fact]
    public async Task Rejects_the_email_address_and_passwords_made_from_its_name_part()
    {
        var email = $"kim.beispielperson.{Guid.NewGuid():N}"[..30] + "@quartiersnetz.test";
        await TestAccounts.CreateAsync(factory, email);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);
        var localPart = email[..email.IndexOf('@', StringComparison.Ordinal)];

        foreach (var derived in new[] { email, email.ToUpperInvariant(), localPart + "2024", "!" + localPart.ToUpperInvariant() })
        {
            using var response = await ChangeAsync(client, derived);
            Assert.Contains("E-Mail-Adresse nicht enthalten", await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
        }

        await AssertPasswordUnchangedAsync(email);
    }

    [Fact]
    public async Task Rejects_passwords_longer_than_200_characters()
    {
        var (client, email) = await SignedInAsync();

        using var response = await ChangeAsync(client, new string('x', 150) + new string('y', 51));

        Assert.Contains("höchstens 200 Zeichen", await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
        await AssertPasswordUnchangedAsync(email);
    }

    [Fact]
    public async Task Accepts_a_long_passphrase_without_digits_capitals_or_symbols()
    {
        var (client, email) = await SignedInAsync();
        const string passphrase = "pferd batterie heftklammer richtig";

        using var response = await ChangeAsync(client, passphrase);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/sicherheit", response.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync("/konto/sicherheit");
        Assert.Contains("Ihr Passwort wurde geändert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var again = factory.CreateBrowserLikeClient();
        await again.SignInAsync(email, passphrase);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (client, email) = await SignedInAsync();

        using var response = await client.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "nicht-das-richtige-passwort",
            ["Input.NewPassword"] = "pferd batterie heftklammer richtig",
            ["Input.ConfirmPassword"] = "pferd batterie heftklammer richtig",
        });

        Assert.Contains("Das Passwort ist nicht richtig.", await TestAccounts.AlertTextAsync(response), StringComparison.Ordinal);
        await AssertPasswordUnchangedAsync(email);
    }

    [Fact]
    public async Task Identity_errors_are_German()
    {
        var email = await TestAccounts.CreateAsync(factory);
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();

        var duplicate = await users.CreateAsync(new UserAccount { UserName = email, Email = email, DisplayName = "Doppelt" }, TestAccounts.Password);
        var user = (await users.FindByEmailAsync(email))!;
        var badToken = await users.ResetPasswordAsync(user, "kein-gueltiger-code", TestAccounts.Password + "-neu");

        Assert.Contains(duplicate.Errors, e => e.Description == $"Für die E-Mail-Adresse „{email}“ gibt es bereits einen Zugang.");
        Assert.Contains(badToken.Errors, e => e.Description.StartsWith("Der Link oder Code ist ungültig oder abgelaufen.", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Client, string Email)> SignedInAsync()
    {
        var email = await TestAccounts.CreateAsync(factory, null, Roles.MemberStaff);
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, TestAccounts.Password);
        return (client, email);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string newPassword) =>
        client.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestAccounts.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

    private async Task AssertPasswordUnchangedAsync(string email)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, TestAccounts.Password));
    }
}
