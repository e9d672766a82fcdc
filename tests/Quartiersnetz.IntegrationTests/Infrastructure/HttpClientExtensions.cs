using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>Helpers to use the app as a browser would: read pages, post forms with their antiforgery token, sign in.</summary>
public static class HttpClientExtensions
{
    private static readonly HtmlParser Parser = new();

    public static HttpClient CreateBrowserLikeClient(this QuartiersnetzFactory factory) =>
        TotpCodes.Remember(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), factory);

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {response.StatusCode}.\n{html[..Math.Min(html.Length, 2000)]}");
        return await Parser.ParseDocumentAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, takes the form (the first POST form inside main, or the one matching
    /// <paramref name="formSelector"/>), fills in <paramref name="fields"/> over its own values and posts it
    /// with its antiforgery token to its action.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, IReadOnlyDictionary<string, string> fields, string? formSelector = null)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var form = (formSelector is null
                ? document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
                : document.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No POST form found on {pageUrl}.");

        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
            {
                continue;
            }

            if (!fields.ContainsKey(input.Name!))
            {
                values.Add(new(input.Name!, input.Value));
            }
        }

        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Presses a submit button as a browser does: posts its form's inputs plus the button's name and value to the
    /// button's <c>formaction</c> (else the form's action, else the page).
    /// </summary>
    public static async Task<HttpResponseMessage> PressButtonAsync(this HttpClient client, string pageUrl, string buttonSelector)
    {
        var document = await client.GetDocumentAsync(pageUrl);
        var button = document.QuerySelector(buttonSelector) as IHtmlButtonElement
            ?? throw new InvalidOperationException($"No button {buttonSelector} on {pageUrl}.");
        var form = button.Form ?? throw new InvalidOperationException($"The button {buttonSelector} belongs to no form.");
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();
        if (!string.IsNullOrEmpty(button.Name))
        {
            values.Add(new(button.Name, button.Value));
        }

        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>Creates a person with the given roles and returns a client signed in as them through the sign-in form.</summary>
    public static async Task<HttpClient> CreateClientSignedInAsync(this QuartiersnetzFactory factory, params string[] roles)
    {
        var email = $"person-{Guid.NewGuid():N}@quartiersnetz.test";
        const string password = "Test-Passwort-12345";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test Person" };
            var result = await users.CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            foreach (var role in roles)
            {
                await users.AddToRoleAsync(user, role);
            }
        }

        if (roles.Contains(Roles.Office))
        {
            // Office rights need the second factor: the account gets an authenticator, SignInAsync enters a code.
            await TotpCodes.EnableForAsync(factory, email);
        }

        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, password);
        return client;
    }

    /// <summary>Signs in through the form, including the second step (or its set-up) where the account needs one.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.SubmitFormAsync("/anmelden", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} failed with {response.StatusCode}.");
        await TotpCodes.CompleteSecondFactorAsync(client, email, response.Headers.Location);
    }
}
