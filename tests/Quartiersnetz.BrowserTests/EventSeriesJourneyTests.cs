namespace Quartiersnetz.BrowserTests;

/// <summary>
/// The office creates a monthly series ("jeden 3. Mittwoch im Monat") with the rule builder and moves one date; the
/// public sees the series page, the event page's "Teil der Reihe" and the month view. Every page axe- and Nu-clean.
/// </summary>
public sealed class EventSeriesJourneyTests(BrowserEnvironment environment, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheOfficeCreatesAMonthlySeriesAndMovesOneDate()
    {
        var year = DateTime.UtcNow.Year + 1;
        var title = "Netzwerktreffen Soziale Stadt " + Guid.NewGuid().ToString("N")[..4];
        string seriesPath;

        await using (var office = await BrowserSession.OpenAsync(environment, app))
        {
            var page = office.Page;
            await office.SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);
            await office.GotoAsync("/geschaeftsstelle/veranstaltungen");
            await page.GetByRole(AriaRole.Link, new() { Name = "Veranstaltungsreihen" }).ClickAsync();
            await office.AssertPageIsCleanAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Neue Reihe anlegen" }).ClickAsync();
            await office.AssertPageIsCleanAsync();

            await page.GetByLabel("Erster Termin (Datum)").FillAsync($"{year}-01-01");
            await page.GetByLabel("monatlich am n-ten Wochentag (z. B. jeden 3. Mittwoch)").CheckAsync();
            await page.GetByLabel("Der wievielte Wochentag im Monat (bei monatlich am n-ten Wochentag)").SelectOptionAsync("3");
            await page.GetByLabel("Wochentag (bei monatlich am n-ten Wochentag)").SelectOptionAsync("WE");
            await page.GetByLabel("nach einer Anzahl von Terminen").CheckAsync();
            await page.GetByLabel("Anzahl der Termine – optional").FillAsync("6");
            await page.GetByLabel("Beginn (Uhrzeit)").FillAsync("10:00");
            await page.GetByLabel("Ende (Uhrzeit)").FillAsync("13:00");
            await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync("Netzwerktreffen");
            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Veranstaltungsort – optional").FillAsync("Rathaus Dortmund");
            await page.GetByLabel("Gemeinde des Veranstaltungsorts (AGS) – optional").FillAsync("05913000");
            await page.GetByLabel("Zielgruppe").SelectOptionAsync("Public");
            await page.GetByLabel("Plätze je Termin – optional").FillAsync("25");
            await office.ScreenshotAsync("reihe-anlegen");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reihe anlegen" }).ClickAsync();

            await Expect(page.Locator("#series-message")).ToContainTextAsync("mit 6 Terminen angelegt");
            await Expect(page.Locator("#series-summary")).ToHaveTextAsync("jeden 3. Mittwoch im Monat, 10:00–13:00 Uhr, 6 Termine");
            await Expect(page.Locator("#occurrences tbody tr")).ToHaveCountAsync(6);
            seriesPath = new Uri(page.Url).AbsolutePath;
            await office.AssertPageIsCleanAsync();

            // Move the second date (third Wednesday of February) to the Thursday after, 14:00–17:00.
            await page.Locator("#occurrences tbody tr").Nth(1).GetByRole(AriaRole.Link, new() { Name = "verschieben" }).ClickAsync();
            await office.AssertPageIsCleanAsync();
            var thursday = FirstWednesday(year, 2).AddDays(14 + 1);
            await page.GetByLabel("Neuer Beginn").FillAsync($"{thursday:yyyy-MM-dd}T14:00");
            await page.GetByLabel("Neues Ende – optional").FillAsync($"{thursday:yyyy-MM-dd}T17:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verschieben", Exact = true }).ClickAsync();

            await Expect(page.Locator("#series-message")).ToContainTextAsync("verschoben");
            await Expect(page.Locator("#occurrences tbody tr").Nth(1)).ToContainTextAsync($"verschoben (ursprünglich {FirstWednesday(year, 2).AddDays(14):dd.MM.yyyy})");
            await Expect(page.Locator("#occurrences tbody tr").Nth(1)).ToContainTextAsync("14:00");
            await office.AssertPageIsCleanAsync();
            await office.ScreenshotAsync("reihe-geschaeftsstelle");
        }

        await using (var visitor = await BrowserSession.OpenAsync(environment, app))
        {
            var page = visitor.Page;
            await visitor.GotoAsync(seriesPath.Replace("/geschaeftsstelle", "", StringComparison.Ordinal));
            await Expect(page.Locator("#series-dates li")).ToHaveCountAsync(6);
            await Expect(page.Locator("#series-dates li").Nth(1)).ToContainTextAsync("verschoben vom");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("reihe-oeffentlich");
            // Subscribing to the series: the calendar app fetches every date, the moved one at its new time.
            var feedLink = page.GetByRole(AriaRole.Link, new() { Name = "Reihe abonnieren (iCal)" });
            var feed = await visitor.FetchAsync(app.Url((await feedLink.GetAttributeAsync("href"))!));
            Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
            var ics = await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(6, ics.Split("BEGIN:VEVENT").Length - 1);
            Assert.Contains($"DTSTART;TZID=Europe/Berlin:{FirstWednesday(year, 2).AddDays(15):yyyyMMdd}T140000", ics, StringComparison.Ordinal);
            await page.Locator("#series-dates li").First.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.Locator("#event-series")).ToContainTextAsync(title);
            await visitor.AssertPageIsCleanAsync();

            await visitor.GotoAsync($"/veranstaltungen/monat?jahr={year}&monat=2&bezirk=059");
            await Expect(page.Locator("#month-days")).ToContainTextAsync(title);
            await Expect(page.Locator("#month-grid")).ToContainTextAsync("1 Termin");
            await visitor.AssertPageIsCleanAsync();
            await visitor.ScreenshotAsync("kalender-monat");
            await page.GetByRole(AriaRole.Link, new() { Name = $"Nächster Monat: März {year}" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync($"Veranstaltungen im März {year}");
            await visitor.AssertPageIsCleanAsync();
        }
    }

    private static DateOnly FirstWednesday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Wednesday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
