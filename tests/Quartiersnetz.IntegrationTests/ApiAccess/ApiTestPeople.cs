using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.ApiAccess;

/// <summary>A person created for a test, with what a script or browser needs to act as them.</summary>
public sealed record TestPerson(Guid Id, string Email, string Password, string DisplayName, string? AuthenticatorKey)
{
    /// <summary>The current TOTP code of the person's authenticator app.</summary>
    public string Code() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey)).ComputeTotp();

    /// <summary>A code that is certainly not the current one (nor the neighbouring time steps).</summary>
    public string WrongCode()
    {
        var totp = new Totp(Base32Encoding.ToBytes(AuthenticatorKey));
        var valid = new[] { -1, 0, 1 }.Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => ((i * 7919) % 1000000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}

/// <summary>Arranges people and calls the API as scripts do.</summary>
internal static class ApiTestPeople
{
    public const string Password = "Test-Passwort-12345";
    public const string Duesseldorf = "05111000";
    public const string Koeln = "05315000";

    public static async Task<TestPerson> CreatePersonAsync(
        this QuartiersnetzFactory factory, string[] roles, string? municipalityAgs = null, bool twoFactor = false, string? displayName = null)
    {
        var email = $"person-{Guid.NewGuid():N}@quartiersnetz.test";
        displayName ??= "Person " + Guid.NewGuid().ToString("N")[..8];
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, MunicipalityAgs = municipalityAgs,
            CreatedAtUtc = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user, role);
        }

        string? key = null;
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return new TestPerson(user.Id, email, Password, displayName, key);
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, object body) =>
        await client.PostAsJsonAsync("/api/v1/auth/token", body, TestContext.Current.CancellationToken);

    /// <summary>An access token for the person through POST /api/v1/auth/token.</summary>
    public static async Task<string> AccessTokenAsync(this QuartiersnetzFactory factory, TestPerson person)
    {
        using var response = await factory.CreateClient().RequestTokenAsync(new
        {
            email = person.Email,
            password = person.Password,
            code = person.AuthenticatorKey is null ? null : person.Code(),
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("accessToken").GetString()!;
    }

    public static HttpClient CreateBearerClient(this QuartiersnetzFactory factory, string token)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> SignedInAsAsync(this QuartiersnetzFactory factory, TestPerson person)
    {
        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(person.Email, person.Password);
        return client;
    }

    /// <summary>Creates a personal access token through the page, as a person does, and returns the secret shown once.</summary>
    public static async Task<string> CreatePersonalAccessTokenAsync(this HttpClient signedIn, string name, int days = 30)
    {
        using var response = await signedIn.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.ValidityDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        var secret = (page.QuerySelector("#new-token") as IHtmlInputElement)?.Value;
        Assert.NotNull(secret);
        return secret;
    }

    /// <summary>Posts the form matched by <paramref name="formSelector"/> with its antiforgery token and the given values (repeatable keys).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, string formSelector, IEnumerable<KeyValuePair<string, string>> values)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form {formSelector} on {pageUrl}.");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The form has no antiforgery token.");
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    public static async Task<List<AuditEntry>> AuditEntriesAsync(this QuartiersnetzFactory factory, string? subjectId = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        return await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => subjectId == null || e.SubjectId == subjectId)
            .OrderBy(e => e.OccurredAtUtc)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a ProblemDetails answer with the status, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }
}

/// <summary>A clock the test moves forward; only for what lies outside the system.</summary>
public sealed class MovableClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
