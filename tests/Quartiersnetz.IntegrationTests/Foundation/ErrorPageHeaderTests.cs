using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Foundation;

/// <summary>
/// Pages that forbid storing and render a form (the error page's sign-out form for a signed-in person) must declare both
/// "no-cache" and "no-store" themselves: with "no-store" alone the antiforgery token replaced the header and logged a
/// warning on every such answer (a flood of log lines from every 404 a signed-in person met).
/// </summary>
public sealed class ErrorPageHeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_persons_404_page_forbids_caching_and_storing_without_an_antiforgery_warning()
    {
        var log = new CapturedLog(category => category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal), LogLevel.Warning);
        await using var factory = new QuartiersnetzFactory().WithServices(s => s.AddSingleton<ILoggerProvider>(log));
        var client = await factory.CreateClientSignedInAsync(Roles.MemberStaff);

        using var response = await client.GetAsync(new Uri("/gibt-es-nicht", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.CacheControl?.NoCache, response.Headers.CacheControl?.ToString());
        Assert.Empty(log.Messages);
    }

    [Fact]
    public async Task The_page_showing_a_new_token_forbids_caching_and_storing_without_an_antiforgery_warning()
    {
        var log = new CapturedLog(category => category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal), LogLevel.Warning);
        await using var factory = new QuartiersnetzFactory().WithServices(s => s.AddSingleton<ILoggerProvider>(log));
        var browser = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff]));

        using var created = await browser.SubmitFormAsync("/konto/zugangstoken", new Dictionary<string, string>
        {
            ["Input.Name"] = "Kopfzeilen",
            ["Input.ValidityDays"] = "30",
        });

        Assert.NotNull((await created.ParseAsync()).QuerySelector("#new-token"));
        Assert.True(created.Headers.CacheControl?.NoStore, created.Headers.CacheControl?.ToString());
        Assert.True(created.Headers.CacheControl?.NoCache, created.Headers.CacheControl?.ToString());
        Assert.Empty(log.Messages);
    }
}
