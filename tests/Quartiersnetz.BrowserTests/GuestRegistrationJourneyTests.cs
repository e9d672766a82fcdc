using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;

namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office asks a conditional question; a visitor without an account registers as a guest, the follow-up question
/// appears only after "Ja", the link from the mail (real SMTP test server) confirms the seat, and the office sees the
/// answers. Every page axe- and Nu-clean.
/// </summary>
public sealed class GuestRegistrationJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AGuestRegistersAnswersAConditionalQuestionAndConfirmsByTheMailedLink()
    {
        var title = "Quartiersspaziergang " + Guid.NewGuid().ToString("N")[..4];
        var eventId = await CreatePublicEventAsync(title);
        var questionsPath = $"/geschaeftsstelle/veranstaltungen/{eventId}/fragen";

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Anmeldeformular: Fragen und Aufbewahrung" }).ClickAsync();
            await Expect(page.Locator("#no-questions")).ToBeVisibleAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Frage", new() { Exact = true }).FillAsync("Kommen Sie mit dem Auto?");
            await page.GetByLabel("Art der Frage").SelectOptionAsync("YesNo");
            await page.GetByLabel("Pflichtfrage").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Frage hinzufügen" }).ClickAsync();
            await Expect(page.Locator("#questions-message")).ToContainTextAsync("hinzugefügt");

            await page.GetByLabel("Frage", new() { Exact = true }).FillAsync("Welchen Parkplatz brauchen Sie?");
            await page.GetByLabel("Art der Frage").SelectOptionAsync("SingleChoice");
            await page.GetByLabel("Pflichtfrage").CheckAsync();
            await page.GetByLabel("Antwortmöglichkeiten – optional").FillAsync("Normal\nBehindertenparkplatz");
            await page.GetByLabel("Nur anzeigen, wenn").SelectOptionAsync(new SelectOptionValue { Label = "„Kommen Sie mit dem Auto?“ = Ja" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Frage hinzufügen" }).ClickAsync();
            await Expect(page.Locator("#questions tbody tr")).ToHaveCountAsync(2);
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("veranstaltung-fragen");
        }

        var email = $"gast-{Guid.NewGuid():N}@beispiel.de";
        await using (var visitor = await BrowserSession.OpenAsync(environment, app))
        {
            var page = visitor.Page;
            await visitor.GotoAsync($"/veranstaltungen/{eventId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Als Gast mit Name und E-Mail-Adresse anmelden" }).ClickAsync();
            var parking = page.GetByRole(AriaRole.Group, new() { Name = "Welchen Parkplatz brauchen Sie?" });
            await Expect(parking).ToBeHiddenAsync();
            await visitor.AssertPageIsCleanAsync();

            await page.GetByLabel("Ihr Name").FillAsync("Gerda Gast");
            await page.GetByLabel("Ihre E-Mail-Adresse").FillAsync(email);
            await page.GetByRole(AriaRole.Radio, new() { Name = "Ja", Exact = true }).CheckAsync();
            await Expect(parking).ToBeVisibleAsync();
            await parking.GetByLabel("Behindertenparkplatz").CheckAsync();
            await page.GetByLabel("Induktive Höranlage").CheckAsync();
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("veranstaltung-gast-anmeldung");
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung absenden" }).ClickAsync();
            await Expect(page.Locator("#guest-sent")).ToContainTextAsync("Bitte bestätigen Sie Ihre Anmeldung");
            await visitor.AssertPageIsCleanAsync();

            var mail = await app.Mailbox.WaitForMailAsync(email);
            await visitor.GotoAsync(mail.LinkPath("/veranstaltungen/gast/bestaetigen/"));
            await Expect(page.Locator("#guest-event")).ToContainTextAsync(title);
            await visitor.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldung bestätigen" }).ClickAsync();
            await Expect(page.Locator("#guest-message")).ToContainTextAsync("Ihr Platz ist reserviert");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("veranstaltung-gast-bestaetigt");
        }

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync($"/geschaeftsstelle/veranstaltungen/{eventId}/teilnehmende");
            var row = office.Page.Locator("#participants tr[data-status='confirmed']");
            await Expect(row).ToContainTextAsync("Gerda Gast (Gast)");
            await Expect(row).ToContainTextAsync("Welchen Parkplatz brauchen Sie?: Behindertenparkplatz");
            await Expect(row).ToContainTextAsync("Induktive Höranlage");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("veranstaltung-teilnehmende-antworten");
        }
    }

    private async Task<Guid> CreatePublicEventAsync(string title)
    {
        var start = DateTime.UtcNow.AddDays(10);
        var ev = new Event
        {
            Type = EventType.Exkursion, Title = title, Description = "Ein Rundgang durch das Programmgebiet.", StartUtc = start, EndUtc = start.AddHours(2),
            PlaceMode = PlaceMode.OnSite, VenueName = "Marktplatz", Audience = EventAudience.Public, Capacity = 20,
            Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(ev);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ev.Id;
    }
}
