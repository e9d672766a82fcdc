using System.Net;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Exports;

namespace Quartiersnetz.IntegrationTests.Exports;

/// <summary>The office's exports of member municipalities, organisations and topics.</summary>
public sealed class DirectoryExportTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> OfficeExports() => new(
        "/geschaeftsstelle/personen/export", "/geschaeftsstelle/mitgliedskommunen/export",
        "/geschaeftsstelle/organisationen/export", "/geschaeftsstelle/themen/export");

    [Theory]
    [MemberData(nameof(OfficeExports))]
    public async Task Only_the_office_may_export_its_lists(string path)
    {
        var staff = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln));
        var coordinator = await factory.SignedInAsAsync(await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ApiTestPeople.Koeln));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        foreach (var client in new[] { staff, coordinator })
        {
            using var denied = await client.GetAsync(new Uri(path + "?format=csv", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync(new Uri(path + "?format=csv", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var file = await office.DownloadAsync(path + "?format=xlsx");
        Assert.NotEmpty(file.Headers);
        var badFormat = await office.GetDocumentAsync(path + "?format=ods", HttpStatusCode.BadRequest);
        Assert.Equal("Unbekanntes Dateiformat", badFormat.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Member_municipalities_export_with_reference_data_contacts_coordinators_and_attribution(string format)
    {
        // More members than one page of 50, in the list's German name order.
        var members = await factory.QueryDbAsync(db => db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags).Select(m => m.Ags).Take(54).ToListAsync(Ct));
        members.Add(ApiTestPeople.Koeln);
        // Contact and coordinators in a member municipality of this run only (other tests add coordinators in Köln).
        var ours = members[format == "csv" ? 0 : 1];
        var contact = await factory.CreatePersonAsync([Roles.MemberStaff], ours, displayName: "Clara Kontakt");
        await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ours, displayName: "Karl Koordination");
        await factory.CreatePersonAsync([Roles.MunicipalCoordinator], ours, displayName: "Anna Koordination");
        await factory.ArrangeAsync(db =>
        {
            var existing = db.Set<NetworkMembership>().Select(n => n.MunicipalityAgs).ToHashSet();
            foreach (var ags in members.Distinct().Where(a => !existing.Contains(a)))
            {
                db.Add(new NetworkMembership
                {
                    MunicipalityAgs = ags, MemberSince = new DateOnly(2024, 3, 1),
                });
            }

            var membership = db.Set<NetworkMembership>().Local.FirstOrDefault(n => n.MunicipalityAgs == ours)
                ?? db.Set<NetworkMembership>().Single(n => n.MunicipalityAgs == ours);
            membership.ContactPersonId = contact.Id;
        });
        var expectedCount = await factory.QueryDbAsync(db => db.Set<NetworkMembership>().CountAsync(Ct));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var response = await office.GetAsync(new Uri($"/geschaeftsstelle/mitgliedskommunen/export?format={format}", UriKind.Relative), Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        ExportFile file;
        IReadOnlyList<string> notes;
        if (format == "csv")
        {
            var all = ExportTestSupport.ReadCsv(bytes, response);
            // The table, an empty line, then the attribution.
            var blank = all.Rows.ToList().FindIndex(r => r.Values.All(v => v.Length == 0));
            Assert.Equal(expectedCount, blank);
            file = all with { Rows = all.Rows.Take(blank).ToList() };
            notes = all.Rows.Skip(blank + 1).Select(r => r["AGS"]).ToList();
        }
        else
        {
            file = ExportTestSupport.ReadXlsx(bytes, response);
            notes = ExportTestSupport.ReadXlsx(bytes, response, TableExport.NotesSheetName).Column("Hinweis");
        }

        Assert.Equal(
            ["AGS", "Kommune", "Kreis", "Regierungsbezirk", "Mitglied seit", "Ausgetreten am", "Ansprechperson", "Kommunale Koordination", "Einwohner"],
            file.Headers);
        Assert.Equal(expectedCount, file.Rows.Count);
        Assert.True(expectedCount > 50);
        var koeln = file.Rows.Single(r => r["AGS"] == ApiTestPeople.Koeln);
        Assert.Equal("Köln, Stadt", koeln["Kommune"]);
        Assert.Equal("Köln, Stadt", koeln["Kreis"]);
        Assert.Equal("Reg.-Bez. Köln", koeln["Regierungsbezirk"]);
        Assert.Equal("1087353", koeln["Einwohner"]);
        Assert.StartsWith("01.03.2024", koeln["Mitglied seit"], StringComparison.Ordinal);
        var row = file.Rows.Single(r => r["AGS"] == ours);
        Assert.Equal("Clara Kontakt", row["Ansprechperson"]);
        Assert.Equal("Anna Koordination, Karl Koordination", row["Kommunale Koordination"]);
        var sortKeys = await factory.QueryDbAsync(db => db.Set<NetworkMembership>()
            .Join(db.Set<Municipality>(), n => n.MunicipalityAgs, m => m.Ags, (n, m) => m)
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags).Select(m => m.Ags).ToListAsync(Ct));
        Assert.Equal(sortKeys, file.Column("AGS"));
        Assert.Contains(notes, n => n.Contains("Statistisches Bundesamt (Destatis)", StringComparison.Ordinal)
            && n.Contains("Datenlizenz Deutschland – Namensnennung – 2.0", StringComparison.Ordinal)
            && n.Contains("Daten umformatiert", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("https://www.govdata.de/dl-de/by-2-0", StringComparison.Ordinal));
        var audited = await factory.AuditEntriesAsync();
        Assert.Contains(audited, e => e.Action == "export.memberships");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Organisations_export_filtered_across_pages_with_German_type_and_people_count(string format)
    {
        var marker = "Exportträger " + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<Guid>();
        await factory.ArrangeAsync(db =>
        {
            for (var i = 0; i < 53; i++)
            {
                var o = new Organisation
                {
                    Name = $"{marker} {i:000}", Type = OrganisationType.Traeger, AddressLine1 = "Hauptstraße 1", AddressLine2 = i == 0 ? "2. OG" : null,
                    PostalCode = "50667", City = "Köln", Website = "https://traeger.example", MunicipalityAgs = ApiTestPeople.Koeln,
                };
                o.SortKey = GermanSortKey.For(o.Name);
                ids.Add(o.Id);
                db.Add(o);
            }

            var other = new Organisation { Name = $"{marker} Hochschule", Type = OrganisationType.Hochschule };
            other.SortKey = GermanSortKey.For(other.Name);
            db.Add(other);
        });
        await factory.AddPeopleAsync(2, i => $"Mitarbeiterin {i}", configure: (_, u) => u.OrganisationId = ids[0]);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var list = await office.GetDocumentAsync($"/geschaeftsstelle/organisationen?art=Traeger&name={Uri.EscapeDataString(marker)}");
        var link = list.QuerySelectorAll(".export-links a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains($"format={format}", StringComparison.Ordinal));
        var file = await office.DownloadAsync(link);

        Assert.Equal(["Name", "Art", "Adresse", "Postleitzahl", "Ort", "Website", "Kommune", "Anzahl Personen"], file.Headers);
        Assert.Equal(Enumerable.Range(0, 53).Select(i => $"{marker} {i:000}"), file.Column("Name"));
        var first = file.Rows[0];
        Assert.Equal("Träger", first["Art"]);
        Assert.Equal("Hauptstraße 1, 2. OG", first["Adresse"]);
        Assert.Equal("50667", first["Postleitzahl"]);
        Assert.Equal("Köln, Stadt", first["Kommune"]);
        Assert.Equal("2", first["Anzahl Personen"]);
        Assert.Equal("0", file.Rows[1]["Anzahl Personen"]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Topics_export_in_tree_order_with_counts_per_kind(string format)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var parent = Topic.Create($"AAA Feld {suffix}", null, null);
        var child = Topic.Create($"AAA Feld {suffix} Unterthema", parent.Id, null);
        var retired = Topic.Create($"AAA Feld {suffix} Alt", parent.Id, null);
        retired.Status = TopicStatus.Retired;
        retired.MergedIntoId = child.Id;
        await factory.ArrangeAsync(db =>
        {
            db.AddRange(parent, child, retired);
            db.Add(new TopicAssignment { TopicId = child.Id, ItemKind = TopicKinds.Person, ItemKey = Guid.NewGuid().ToString() });
            db.Add(new TopicAssignment { TopicId = child.Id, ItemKind = TopicKinds.Person, ItemKey = Guid.NewGuid().ToString() });
            db.Add(new TopicAssignment { TopicId = child.Id, ItemKind = "zzprobe", ItemKey = "1" });
        });
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        var file = await office.DownloadAsync($"/geschaeftsstelle/themen/export?format={format}");

        Assert.Equal(["Name", "Übergeordnetes Handlungsfeld", "Adresskürzel (Slug)", "Status"], file.Headers.Take(4));
        Assert.Contains("Zuordnungen: Personen", file.Headers);
        Assert.Equal("Zuordnungen: zzprobe", file.Headers[^1]);
        var names = file.Column("Name").ToList();
        var at = names.IndexOf(parent.Name);
        Assert.Equal([parent.Name, retired.Name, child.Name], names.Skip(at).Take(3));
        var childRow = file.Rows[at + 2];
        Assert.Equal(parent.Name, childRow["Übergeordnetes Handlungsfeld"]);
        Assert.Equal(child.Slug, childRow["Adresskürzel (Slug)"]);
        Assert.Equal("aktiv", childRow["Status"]);
        Assert.Equal("2", childRow["Zuordnungen: Personen"]);
        Assert.Equal("1", childRow["Zuordnungen: zzprobe"]);
        Assert.Equal($"zusammengeführt in {child.Name}", file.Rows[at + 1]["Status"]);
        Assert.Equal("0", file.Rows[at]["Zuordnungen: Personen"]);
        var seeded = await factory.QueryDbAsync(db => db.Set<Topic>().CountAsync(Ct));
        Assert.Equal(seeded, file.Rows.Count);
    }
}
