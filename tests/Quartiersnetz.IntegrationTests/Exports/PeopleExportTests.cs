using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Exports;

public sealed class PeopleExportTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] OfficeHeaders =
    [
        "Name", "E-Mail-Adresse", "Rollen", "Kommune", "Organisation", "Funktion", "Telefon", "Externer Kontakt", "Deaktiviert", "Angelegt am",
    ];

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_office_exports_all_filtered_people_across_pages_in_list_order(string format)
    {
        var marker = Marker();
        // 55 matching people: more than one page of 50; others differ in role, municipality or name.
        await factory.AddPeopleAsync(55, i => $"Export {marker} {54 - i:000}", ApiTestPeople.Koeln, Roles.MemberStaff, (i, u) =>
        {
            u.FunctionTitle = "Quartiersmanagement";
            u.PhoneNumber = "0221 123";
            u.IsExternalContact = i == 0;
        });
        await factory.AddPeopleAsync(3, i => $"Export {marker} Jury {i}", ApiTestPeople.Koeln, Roles.Jury);
        await factory.AddPeopleAsync(3, i => $"Export {marker} Düsseldorf {i}", ApiTestPeople.Duesseldorf, Roles.MemberStaff);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var file = await office.DownloadAsync(
            $"/geschaeftsstelle/personen/export?format={format}&suche={marker}&rolle={Roles.MemberStaff}&kommune={ApiTestPeople.Koeln}");

        Assert.Equal(OfficeHeaders, file.Headers);
        Assert.Equal(55, file.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 55).Select(i => $"Export {marker} {i:000}"), file.Column("Name"));
        var first = file.Rows[0];
        Assert.Equal("Mitarbeitende", first["Rollen"]);
        Assert.StartsWith("Köln", first["Kommune"], StringComparison.Ordinal);
        Assert.Equal("Quartiersmanagement", first["Funktion"]);
        Assert.Equal("0221 123", first["Telefon"]);
        Assert.Equal("nein", first["Deaktiviert"]);
        // 22:30 UTC on 30 June is 00:30 on 1 July in Berlin (summer time).
        Assert.Equal("01.07.2026, 00:30 Uhr", first["Angelegt am"]);
        Assert.Equal("ja", file.Rows[^1]["Externer Kontakt"]);
        Assert.Equal(54, file.Column("Externer Kontakt").Count(v => v == "nein"));
        Assert.Contains($"personen-", file.Response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_links_on_the_list_carry_its_filters()
    {
        var marker = Marker();
        await factory.AddPeopleAsync(1, _ => $"Export {marker}", ApiTestPeople.Koeln, Roles.Jury);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync($"/geschaeftsstelle/personen?suche={marker}&rolle={Roles.Jury}");

        var links = page.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            [$"/geschaeftsstelle/personen/export?suche={marker}&rolle={Roles.Jury}&format=csv", $"/geschaeftsstelle/personen/export?suche={marker}&rolle={Roles.Jury}&format=xlsx"],
            links);
        Assert.Equal(["Als CSV herunterladen", "Als Excel-Datei (XLSX) herunterladen"], page.QuerySelectorAll(".export-links a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task A_name_that_looks_like_a_formula_stays_text_in_both_formats()
    {
        const string name = "=HYPERLINK(\"https://boese.example\";\"Hier klicken\")";
        var person = await factory.AddPeopleAsync(1, _ => name, ApiTestPeople.Koeln);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var filter = $"&suche={Uri.EscapeDataString("HYPERLINK")}";

        var csv = await office.DownloadAsync("/geschaeftsstelle/personen/export?format=csv" + filter);
        var xlsxResponse = await office.GetAsync(new Uri("/geschaeftsstelle/personen/export?format=xlsx" + filter, UriKind.Relative), Ct);
        var xlsxBytes = await xlsxResponse.Content.ReadAsByteArrayAsync(Ct);
        var xlsx = ExportTestSupport.ReadXlsx(xlsxBytes, xlsxResponse);

        Assert.Single(person);
        Assert.Equal("'" + name, Assert.Single(csv.Rows)["Name"]);
        Assert.Equal("'" + name, Assert.Single(xlsx.Rows)["Name"]);
        using var zip = new ZipArchive(new MemoryStream(xlsxBytes));
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(sheet.Open());
            Assert.DoesNotContain(":f>", await reader.ReadToEndAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/geschaeftsstelle/personen/export?format=pdf")]
    [InlineData("/geschaeftsstelle/personen/export")]
    [InlineData("/meine-kommune/personen/export?format=xls")]
    public async Task An_unknown_format_gets_a_German_400_page(string url)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var page = await office.GetDocumentAsync(url, HttpStatusCode.BadRequest);

        Assert.Equal("Unbekanntes Dateiformat", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("format=csv", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.MemberStaff)]
    [InlineData(Roles.MunicipalCoordinator)]
    public async Task Members_and_coordinators_cannot_export_the_office_list(string role)
    {
        var person = await factory.CreatePersonAsync([role], ApiTestPeople.Koeln);
        var client = await factory.SignedInAsAsync(person);

        using var response = await client.GetAsync(new Uri("/geschaeftsstelle/personen/export?format=csv", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_public_is_sent_to_sign_in()
    {
        using var response = await factory.CreateBrowserLikeClient()
            .GetAsync(new Uri("/geschaeftsstelle/personen/export?format=xlsx", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task A_coordinator_exports_only_the_people_of_their_municipality_with_the_columns_of_their_list(string format)
    {
        var marker = Marker();
        await factory.AddPeopleAsync(52, i => $"Export {marker} Köln {i:000}", ApiTestPeople.Koeln, Roles.MemberStaff, (_, u) => u.PhoneNumber = "0221 999");
        await factory.AddPeopleAsync(2, i => $"Export {marker} Düsseldorf {i}", ApiTestPeople.Duesseldorf, Roles.MemberStaff);
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var client = await factory.SignedInAsAsync(coordinator);

        // A forged municipality in the address changes nothing: the municipality comes from the sign-in.
        var file = await client.DownloadAsync($"/meine-kommune/personen/export?format={format}&kommune={ApiTestPeople.Duesseldorf}");

        Assert.Equal(["Name", "E-Mail-Adresse", "Rollen", "Deaktiviert"], file.Headers);
        var ours = file.Column("Name").Where(n => n.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(52, ours.Count);
        Assert.All(ours, n => Assert.Contains("Köln", n, StringComparison.Ordinal));
        Assert.Contains(coordinator.DisplayName, file.Column("Name"));
        Assert.DoesNotContain(file.Rows.SelectMany(r => r.Values), v => v.Contains("0221 999", StringComparison.Ordinal));
        var koelnPeople = await factory.QueryDbAsync(db => db.Users.CountAsync(u => u.MunicipalityAgs == ApiTestPeople.Koeln, Ct));
        Assert.Equal(koelnPeople, file.Rows.Count);
    }

    [Fact]
    public async Task The_coordinator_list_links_to_its_export()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln);
        var client = await factory.SignedInAsAsync(coordinator);

        var page = await client.GetDocumentAsync("/meine-kommune/personen");

        Assert.Equal(
            ["/meine-kommune/personen/export?format=csv", "/meine-kommune/personen/export?format=xlsx"],
            page.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Each_export_of_people_is_in_the_audit_log_with_list_filter_format_and_rows()
    {
        var marker = Marker();
        await factory.AddPeopleAsync(3, i => $"Export {marker} {i}", ApiTestPeople.Koeln, Roles.Jury);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        await office.DownloadAsync($"/geschaeftsstelle/personen/export?format=xlsx&suche={marker}&rolle={Roles.Jury}&kommune={ApiTestPeople.Koeln}");

        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Action == "export.people"
            && e.Changes!.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("Test Person", entry.ActorName);
        Assert.Equal("Personen (Geschäftsstelle)", entry.SubjectName);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!;
        Assert.Equal($"Name oder E-Mail-Adresse enthält „{marker}“; Rolle: Jury; Kommune: Köln, Stadt", changes.Single(c => c.Field == "Filter").After);
        Assert.Equal("XLSX", changes.Single(c => c.Field == "Format").After);
        Assert.Equal("3", changes.Single(c => c.Field == "Zeilen").After);

        var log = await office.GetDocumentAsync("/geschaeftsstelle/protokoll?aktion=export.people");
        var shown = log.QuerySelectorAll("li.audit-entry").First(e => e.TextContent.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("Personenliste exportiert: Personen (Geschäftsstelle)", shown.QuerySelector("h2")?.TextContent);
        var details = shown.QuerySelectorAll(".audit-detail").Select(d => (d.QuerySelector("dt")?.TextContent, d.QuerySelector("dd")?.TextContent)).ToList();
        Assert.Contains(("Format", "XLSX"), details);
        Assert.Contains(("Zeilen", "3"), details);
    }

    [Fact]
    public async Task A_coordinator_export_is_audited_with_the_municipality()
    {
        var coordinator = await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Duesseldorf);
        var client = await factory.SignedInAsAsync(coordinator);

        await client.DownloadAsync("/meine-kommune/personen/export?format=csv");

        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Action == "export.people" && e.ActorId == coordinator.Id);
        Assert.StartsWith("Personen von Düsseldorf", entry.SubjectName, StringComparison.Ordinal);
    }

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..8];
}
