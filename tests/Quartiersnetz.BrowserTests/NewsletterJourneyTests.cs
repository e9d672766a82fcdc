using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.News;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// A member of the public subscribes, confirms by the mailed link, receives the issue the office composed, previewed and
/// sent, finds it in the archive and unsubscribes with one click. Every page on the way is axe- and Nu-clean.
/// </summary>
public sealed class NewsletterJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task APublicReaderSubscribesConfirmsReceivesAnIssueAndUnsubscribesWithOneClick()
    {
        var email = $"leserin-{Guid.NewGuid():N}@quartiersnetz.test";
        var articleTitle = "Arbeitshilfe Verfügungsfonds " + Guid.NewGuid().ToString("N")[..4];
        var subject = "Newsletter Dezember " + Guid.NewGuid().ToString("N")[..4];
        await StorePublicArticleAsync(articleTitle);

        await using (var reader = await BrowserSession.OpenAsync(environment, app))
        {
            var page = reader.Page;
            await reader.GotoAsync("/");
            await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Newsletter" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Newsletter", Level = 1 })).ToBeVisibleAsync();
            await reader.AssertPageIsCleanAsync();
            await reader.ScreenshotAsync("newsletter");
            await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
            await page.GetByLabel("Ich willige ein").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Newsletter bestellen" }).ClickAsync();
            await Expect(page.Locator("#newsletter-sent")).ToContainTextAsync("Bestätigungslink");
            await reader.AssertPageIsCleanAsync();

            var confirmation = await app.Mailbox.WaitForMailAsync(email);
            await reader.GotoAsync(confirmation.LinkPath("/newsletter/bestaetigen/"));
            await reader.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung bestätigen" }).ClickAsync();
            await Expect(page.Locator("#confirm-done")).ToContainTextAsync("bestätigt");
            await reader.AssertPageIsCleanAsync();
            await reader.ScreenshotAsync("newsletter-bestaetigt");
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Newsletter", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Newsletter verwalten", Level = 1 })).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Neue Ausgabe schreiben" }).ClickAsync();
            await office.AssertPageIsCleanAsync();
            await page.Locator("#Input_Subject").FillAsync(subject);
            await page.Locator("#Input_Intro").FillAsync("Liebe Leserinnen und Leser,\n\nhier sind die **Neuigkeiten** aus dem Netzwerk.");
            await page.GetByLabel(articleTitle).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und Vorschau anzeigen" }).ClickAsync();
            await Expect(page.Locator("#preview-html strong")).ToHaveTextAsync("Neuigkeiten");
            await Expect(page.Locator("#preview-html")).ToContainTextAsync(articleTitle);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("newsletter-vorschau");
            await page.GetByRole(AriaRole.Button, new() { Name = "Test an mich senden" }).ClickAsync();
            await Expect(page.Locator("#issue-status-message")).ToContainTextAsync("Testausgabe");
            await app.Mailbox.WaitForMailAsync(BrowserApp.AdminEmail, m => m.Subject == "[Test] " + subject);
            await page.GetByRole(AriaRole.Button, new() { Name = "Versenden" }).ClickAsync();
            await Expect(page.Locator("#issue-progress")).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();
        }

        var issue = await app.Mailbox.WaitForMailAsync(email, m => m.Subject == subject);
        Assert.Contains(articleTitle, issue.TextBody, StringComparison.Ordinal);
        var mime = app.Smtp.Messages.Last(m => m.EnvelopeRecipients.Contains(email) && m.Message.Subject == subject).Message;
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = new Uri(mime.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;

        await using (var reader = await BrowserSession.OpenAsync(environment, app))
        {
            var page = reader.Page;
            await reader.GotoAsync("/newsletter/archiv");
            await reader.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = subject, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#archive-issue")).ToContainTextAsync(articleTitle);
            await reader.AssertPageIsCleanAsync();
            await reader.ScreenshotAsync("newsletter-archiv-ausgabe");

            await reader.GotoAsync(unsubscribe);
            await reader.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Newsletter abbestellen" }).ClickAsync();
            await Expect(page.Locator("#unsubscribe-done")).ToContainTextAsync("Sie sind abgemeldet");
            await reader.AssertPageIsCleanAsync();
        }

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var key = email.ToUpperInvariant();
        var status = await db.Set<Quartiersnetz.Features.Newsletter.NewsletterSubscription>().Where(s => s.EmailKey == key).Select(s => s.Status).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Quartiersnetz.Features.Newsletter.SubscriptionStatus.Unsubscribed, status);
    }

    private async Task StorePublicArticleAsync(string title)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new NewsArticle
        {
            Slug = "nl-" + Guid.NewGuid().ToString("N")[..10], Title = title, Teaser = "Die neue Arbeitshilfe erklärt den Verfügungsfonds.", Body = "Text",
            Visibility = NewsVisibility.Public, PublishAtUtc = DateTime.UtcNow.AddHours(-1), Announced = true, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
