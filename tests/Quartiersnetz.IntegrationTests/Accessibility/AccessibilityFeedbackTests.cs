using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Accessibility;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Accessibility;

public sealed class AccessibilityFeedbackTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string FeedbackPage = "/barrierefreiheit/barriere-melden";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_reports_a_barrier_and_the_office_sees_and_closes_it()
    {
        var visitor = factory.CreateBrowserLikeClient();
        var message = $"Der Kontrast im Kopfbereich ist zu schwach ({Guid.NewGuid():N}).";

        using var sent = await visitor.SubmitFormAsync(FeedbackPage, new Dictionary<string, string>
        {
            ["Input.Message"] = message,
            ["Input.PageUrl"] = "/gemeinden",
            ["Input.Name"] = "Jördis Ünal",
            ["Input.Email"] = "jördis@beispiel.de",
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var confirmation = await visitor.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Vielen Dank", confirmation.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var list = await office.GetDocumentAsync("/geschaeftsstelle/barrierefreiheit");
        var item = list.QuerySelectorAll("li.feedback-item").Single(li => li.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Contains("Jördis Ünal", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Offen", item.TextContent, StringComparison.Ordinal);

        using var handled = await office.SubmitFormAsync("/geschaeftsstelle/barrierefreiheit", new Dictionary<string, string>(),
            $"li.feedback-item:has(p.feedback-message) form[action*='{await IdOf(message)}']");
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        var after = await office.GetDocumentAsync("/geschaeftsstelle/barrierefreiheit");
        Assert.Contains("Erledigt am", after.QuerySelectorAll("li.feedback-item").Single(li => li.TextContent.Contains(message, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_without_description_gets_a_German_message_and_stores_nothing()
    {
        var before = await CountAsync();

        using var response = await factory.CreateBrowserLikeClient().SubmitFormAsync(FeedbackPage, new Dictionary<string, string>
        {
            ["Input.Message"] = "   ",
            ["Input.Name"] = "Ohne Text",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Bitte beschreiben Sie die Barriere.", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Input_Message")?.GetAttribute("aria-invalid"));
        Assert.Equal("Ohne Text", page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("keine-adresse", "gültige E-Mail-Adresse")]
    public async Task A_report_with_an_invalid_email_is_refused(string email, string expected)
    {
        var before = await CountAsync();

        using var response = await factory.CreateBrowserLikeClient().SubmitFormAsync(FeedbackPage, new Dictionary<string, string>
        {
            ["Input.Message"] = "Text",
            ["Input.Email"] = email,
        });

        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("#Input_Email-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_overlong_report_is_refused()
    {
        var before = await CountAsync();

        using var response = await factory.CreateBrowserLikeClient().SubmitFormAsync(FeedbackPage, new Dictionary<string, string>
        {
            ["Input.Message"] = new string('x', AccessibilityFeedback.MessageMaxLength + 1),
        });

        var page = await response.ParseAsync();
        Assert.Contains("höchstens 4000 Zeichen", page.QuerySelector("#Input_Message-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Members_cannot_read_the_reports()
    {
        var member = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator);

        using var response = await member.GetAsync(new Uri("/geschaeftsstelle/barrierefreiheit", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<AccessibilityFeedback>().CountAsync(Ct);
    }

    private async Task<Guid> IdOf(string message)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<AccessibilityFeedback>()
            .Where(f => f.Message == message).Select(f => f.Id).SingleAsync(Ct);
    }
}
