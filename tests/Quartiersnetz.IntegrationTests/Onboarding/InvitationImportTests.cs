using System.Net;
using System.Text;
using Quartiersnetz.Features.Onboarding;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using static Quartiersnetz.IntegrationTests.Onboarding.OnboardingDriver;

namespace Quartiersnetz.IntegrationTests.Onboarding;

public sealed class InvitationImportTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Header = "E-Mail;Name;Rolle;Gemeinde;Organisation;Funktion";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imports_a_valid_Excel_file_with_BOM_and_semicolons_in_one_go()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var (a, b, c) = (NewEmail("a"), NewEmail("b"), NewEmail("c"));
        var csv = Bom(Header + "\r\n"
            + $"{a};Anna Ärger;Mitarbeitende;{Gelsenkirchen};Stadt Gelsenkirchen;Quartiersmanagement\r\n"
            + $"{b};\"Berg; Bernd\";Quartierspartner;Bochum;\"Verein \"\"Hustadt\"\" e. V.\";Projektleitung\r\n"
            + ";;;;;\r\n"
            + $"{c};Carla Expertin;fachleute;;Universität;Professorin\r\n");

        using var response = await office.UploadCsvAsync(csv);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.TextOfAsync());
        Assert.Equal("/einladungen?erfolg=importiert", response.Headers.Location?.OriginalString);
        var bernd = Assert.Single(await factory.InvitationsToAsync(b));
        Assert.Equal("Berg; Bernd", bernd.DisplayName);
        Assert.Equal("Verein \"Hustadt\" e. V.", bernd.Organisation);
        Assert.Equal(Bochum, bernd.MunicipalityAgs);
        Assert.Equal(Roles.DistrictPartner, bernd.Role);
        var carla = Assert.Single(await factory.InvitationsToAsync(c));
        Assert.Equal(Roles.Expert, carla.Role);
        Assert.Null(carla.MunicipalityAgs);
        Assert.Equal(Gelsenkirchen, Assert.Single(await factory.InvitationsToAsync(a)).MunicipalityAgs);
        foreach (var email in new[] { a, b, c })
        {
            Assert.Equal(InvitationSubject, (await factory.Mailbox.WaitForMailAsync(email)).Subject);
        }
    }

    [Fact]
    public async Task Accepts_a_comma_separated_file_without_BOM_and_with_Unix_line_ends()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var email = NewEmail("komma");
        var csv = Encoding.UTF8.GetBytes($"E-Mail,Name,Rolle,Gemeinde,Organisation,Funktion\n{email},Kai Komma,Jury,,,\n");

        using var response = await office.UploadCsvAsync(csv);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Roles.Jury, Assert.Single(await factory.InvitationsToAsync(email)).Role);
    }

    [Fact]
    public async Task A_bad_file_imports_nothing_and_lists_every_error_with_its_line()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var pending = NewEmail("offen");
        await factory.InviteAndGetLinkAsync(office, pending);
        var good = NewEmail("gut");
        var duplicate = NewEmail("doppelt");
        var lines = new[]
        {
            Header,                                                                        // 1
            $"{good};Gute Zeile;Mitarbeitende;{Cologne};;",                                // 2
            $"{duplicate};Erste;Fachleute;;;",                                             // 3
            $"{duplicate.ToUpperInvariant()};Zweite;Fachleute;;;",                         // 4 duplicate in file
            $"{NewEmail()};Rolle;Chefin;;;",                                               // 5 unknown role
            $"{NewEmail()};Gemeinde;Mitarbeitende;Atlantis;;",                             // 6 unknown municipality
            "jörg@beispiel.de;Jörg;Fachleute;;;",                                          // 7 Unicode local part
            $"{NewEmail()};\"Kaputt;Fachleute;;;",                                         // 8 unbalanced quote
            $"{NewEmail()};Zu wenig;Fachleute",                                            // 9 wrong column count
            $"{QuartiersnetzFactory.AdminEmail};Admin;Fachleute;;;",                      // 10 has an account
            $"{pending};Offen;Fachleute;;;",                                               // 11 pending invitation
            $"{NewEmail()};;Fachleute;;;",                                                 // 12 missing name
            "keine-adresse;Ohne;Fachleute;;;",                                             // 13 invalid address
        };
        var invitationsBefore = await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(Ct));
        var mailsBefore = await factory.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(Ct));

        using var response = await office.UploadCsvAsync(Bom(string.Join("\r\n", lines)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Es wurde niemand eingeladen", page.QuerySelector("[role=alert] h2")?.TextContent, StringComparison.Ordinal);
        var errors = page.QuerySelectorAll("ul.import-errors li").Select(li => li.TextContent).ToList();
        void Expect(int line, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"Zeile {line}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"No error for line {line} containing '{text}':\n" + string.Join('\n', errors));
        Expect(4, "kommt mehrfach vor");
        Expect(5, "Die Rolle „Chefin“ ist unbekannt");
        Expect(6, "Die Gemeinde „Atlantis“ ist unbekannt");
        Expect(7, "Der Teil vor dem @ darf keine Umlaute");
        Expect(8, "Anführungszeichen wird nicht geschlossen");
        Expect(9, "die Zeile hat 3");
        Expect(10, "gibt es bereits einen Zugang");
        Expect(11, "bereits eine offene Einladung");
        Expect(12, "Das Pflichtfeld „Name“ ist leer");
        Expect(13, "gültige E-Mail-Adresse");
        Assert.DoesNotContain(errors, e => e.StartsWith("Zeile 2:", StringComparison.Ordinal) || e.StartsWith("Zeile 3:", StringComparison.Ordinal));
        Assert.Equal(invitationsBefore, await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(Ct)));
        Assert.Equal(mailsBefore, await factory.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(Ct)));
        Assert.Empty(await factory.InvitationsToAsync(good));
    }

    [Theory]
    [InlineData("Name;E-Mail\r\nx;y\r\n", "Zeile 1: Die Kopfzeile muss")]
    [InlineData("", "Die Datei ist leer")]
    [InlineData(Header + "\r\n", "keine Einladungen")]
    public async Task A_file_without_the_right_header_or_without_rows_is_refused(string content, string expected)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.UploadCsvAsync(Encoding.UTF8.GetBytes(content));

        var page = await response.ParseAsync();
        Assert.Contains(page.QuerySelectorAll("ul.import-errors li, [role=alert] li"), li => li.TextContent.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_or_has_too_many_rows_is_refused()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\nm@beispiel.de;Jörg Müller;Fachleute;;;\r\n");
        var many = Encoding.UTF8.GetBytes(Header + "\r\n" + string.Concat(Enumerable.Range(0, 501).Select(i => $"viele-{i}@beispiel.de;Person {i};Fachleute;;;\r\n")));

        using var notUtf8 = await office.UploadCsvAsync(latin1);
        using var tooMany = await office.UploadCsvAsync(many);

        Assert.Contains("nicht UTF-8-kodiert", await notUtf8.TextOfAsync(), StringComparison.Ordinal);
        Assert.Contains("mehr als 500 Zeilen", await tooMany.TextOfAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<Invitation>().CountAsync(i => i.Email.StartsWith("viele-"), Ct)));
    }

    [Fact]
    public async Task A_file_over_one_megabyte_is_refused()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.UploadCsvAsync(Encoding.UTF8.GetBytes(Header + "\r\n" + new string('x', 1024 * 1024)));

        Assert.Contains("größer als 1 MB", (await response.ParseAsync()).QuerySelector("#Upload-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_downloads_as_UTF8_CSV_that_imports_cleanly()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var page = await office.GetDocumentAsync("/einladungen/import");
        var href = page.QuerySelector("main a[download]")?.GetAttribute("href");

        using var response = await office.GetAsync(new Uri(href!, UriKind.Relative), Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("einladungen-vorlage.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith(Header + "\r\n", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);

        using var imported = await office.UploadCsvAsync(bytes);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
    }

    [Fact]
    public async Task Coordinators_cannot_import()
    {
        var coordinator = await factory.CreateClientSignedInAsync(Roles.MunicipalCoordinator, Cologne);

        using var response = await coordinator.GetAsync(new Uri("/einladungen/import", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static byte[] Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
