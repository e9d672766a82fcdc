using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Foundation;

public sealed class OperationsTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_and_readiness_report_healthy_with_the_database_migrated()
    {
        var client = factory.CreateBrowserLikeClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_municipalities_endpoints()
    {
        var document = await factory.CreateBrowserLikeClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/municipalities", out var list));
        Assert.True(paths.TryGetProperty("/api/v1/municipalities/{ags}", out _));
        Assert.Equal("Gemeinden in NRW auflisten", list.GetProperty("get").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_API_reference_page_lists_every_api_operation()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/api-referenz");

        var operations = page.QuerySelectorAll("h3 code").Select(c => c.TextContent).ToList();
        Assert.Contains("GET /api/v1/municipalities", operations);
        Assert.Contains("GET /api/v1/municipalities/{ags}", operations);
    }

    [Fact]
    public void Every_endpoint_names_a_policy_or_allows_anonymous_access_explicitly()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();

        Assert.True(endpoints.Count > 10);
        Assert.Empty(unprotected);
    }
}
