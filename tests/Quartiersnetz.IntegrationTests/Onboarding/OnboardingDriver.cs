using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Onboarding;

/// <summary>A form read from a page, to be posted later (e.g. after the page has changed).</summary>
internal sealed record CapturedForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public async Task<HttpResponseMessage> PostAsync(HttpClient client, IReadOnlyDictionary<string, string> fields)
    {
        var values = Values.Where(v => !fields.ContainsKey(v.Key)).Concat(fields).ToList();
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(Action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }
}

/// <summary>Steps of the onboarding journeys, done through the pages as a person would.</summary>
internal static class OnboardingDriver
{
    public const string Cologne = "05315000";
    public const string Gelsenkirchen = "05513000";
    public const string Bochum = "05911000";
    public const string Password = "Ein-langes-Passwort-2026";
    public const string InvitationSubject = "Einladung zum Quartiersnetz der AG Soziale Stadt NRW";

    public static string NewEmail(string prefix = "person") => $"{prefix}-{Guid.NewGuid():N}@beispiel.de";

    /// <summary>Creates a person with one role and a municipality and returns a client signed in as them.</summary>
    public static async Task<HttpClient> CreateClientSignedInAsync(this QuartiersnetzFactory factory, string role, string? municipalityAgs)
    {
        var email = NewEmail(role.ToLowerInvariant());
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Koordination " + municipalityAgs, MunicipalityAgs = municipalityAgs };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }

        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, Password);
        return client;
    }

    public static Task<HttpResponseMessage> InviteAsync(
        this HttpClient client, string email, string name, string role, string? municipality = null, string? organisation = null, string? function = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Name"] = name,
            ["Input.Role"] = role,
            ["Input.Organisation"] = organisation ?? "",
            ["Input.FunctionTitle"] = function ?? "",
        };
        if (municipality is not null)
        {
            fields["Input.Municipality"] = municipality;
        }

        return client.SubmitFormAsync("/einladungen/neu", fields, "main form.invite-form");
    }

    /// <summary>The office invites someone and the path of the link in the mail they receive.</summary>
    public static async Task<string> InviteAndGetLinkAsync(this QuartiersnetzFactory factory, HttpClient office, string email, string role = Roles.MemberStaff, string? municipality = Gelsenkirchen)
    {
        using var response = await office.InviteAsync(email, "Eingeladene Person", role, municipality, "Stadt Gelsenkirchen", "Quartiersmanagement");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Invitation failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await factory.InvitationLinkAsync(email);
    }

    public static async Task<string> InvitationLinkAsync(this QuartiersnetzFactory factory, string email) =>
        (await factory.Mailbox.WaitForMailAsync(email, m => m.Subject == InvitationSubject)).LinkPath("/einladung/");

    public static Task<HttpResponseMessage> AcceptAsync(this HttpClient client, string link, string password = Password, string? confirmation = null, bool acknowledgePrivacy = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation ?? password,
        };
        if (acknowledgePrivacy)
        {
            fields["Input.AcceptPrivacyNotice"] = "true";
        }

        return client.SubmitFormAsync(link, fields);
    }

    public static async Task<CapturedForm> CaptureFormAsync(this HttpClient client, string pageUrl, string selector)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = document.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {selector} on {pageUrl}.");
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();
        return new CapturedForm(form.GetAttribute("action") ?? pageUrl, values);
    }

    /// <summary>Uploads a CSV file through the import form (multipart, with its antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, byte[] content, string fileName = "einladungen.csv")
    {
        var form = await client.CaptureFormAsync("/einladungen/import", "main form[enctype='multipart/form-data']");
        using var multipart = new MultipartFormDataContent();
        foreach (var value in form.Values)
        {
            multipart.Add(new StringContent(value.Value), value.Key);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        multipart.Add(file, "Upload", fileName);
        return await client.PostAsync(new Uri(form.Action, UriKind.Relative), multipart, TestContext.Current.CancellationToken);
    }

    public static async Task<T> QueryAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    public static Task<List<Invitation>> InvitationsToAsync(this QuartiersnetzFactory factory, string email) =>
        factory.QueryAsync(db => db.Set<Invitation>().AsNoTracking().Where(i => i.Email == email).ToListAsync(TestContext.Current.CancellationToken));

    public static async Task<string> TextOfAsync(this HttpResponseMessage response) =>
        (await response.ParseAsync()).QuerySelector("main")?.TextContent ?? "";
}
