using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.ExpertFinder;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Profile;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.IntegrationTests.Library;

/// <summary>
/// Authors and editors linked to the directory: a name that fits exactly one person or organisation links to it when the
/// publication is saved (form, CSV import), the publication page, its metadata and the API show the link as far as the
/// viewer may see the person, and the person's and organisation's pages list their publications.
/// </summary>
public sealed class LibraryContributorTests(LibraryFactory factory) : IClassFixture<LibraryFactory>
{
    private const string CreatePage = "/geschaeftsstelle/bibliothek/neu";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Marker() => "m" + Guid.NewGuid().ToString("N")[..6];

    private static Dictionary<string, string> Fields(string title, string authors, string editors, string visibility = "Public") => new()
    {
        ["Input.Type"] = "Abschlussbericht",
        ["Input.Title"] = title,
        ["Input.Authors"] = authors,
        ["Input.Editors"] = editors,
        ["Input.Year"] = "2025",
        ["Input.Abstract"] = "Ergebnisse der Begleitforschung.",
        ["Input.Language"] = "de",
        ["Input.Visibility"] = visibility,
        ["Input.Published"] = "true",
        ["Input.Municipalities"] = "",
        ["Input.Areas"] = "",
        ["Input.RelatedEvents"] = "",
        ["Input.RelatedPublications"] = "",
    };

    [Fact]
    public async Task A_name_that_fits_one_person_or_organisation_links_to_it_and_each_viewer_sees_the_links_they_may()
    {
        var m = Marker();
        var institute = await OrganisationAsync($"Institut Stadtforschung {m}");
        _ = await OrganisationAsync($"Gleich {m}");
        var jana = await factory.CreateExpertAsync($"Jana Öffentlich {m}", [], u => u.NameVisibility = ProfileVisibility.Public);
        var mia = await factory.CreateExpertAsync($"Mia Mitglied {m}", []);
        await factory.CreateExpertAsync($"Max Doppelt {m}", []);
        await factory.CreateExpertAsync($"Max Doppelt {m}", []);
        await factory.CreateExpertAsync($"Gleich {m}", []);
        await factory.CreateExpertAsync($"Dora Deaktiviert {m}", [], deactivated: true);
        // A public name, but not listed in the directory: linked, yet only the office is led to the profile.
        var unlisted = await factory.CreateExpertAsync($"Uli Ungelistet {m}", [], u => u.NameVisibility = ProfileVisibility.Public, listed: false);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        // Spelled as on a title page: transliterated umlauts and other case still fit.
        var authors = $"Jana Oeffentlich {m}\nMia Mitglied {m}\nMax Doppelt {m}\nGleich {m}\nDora Deaktiviert {m}\nNiemand {m}\nUli Ungelistet {m}";
        var publication = await CreateAsync(office, Fields($"Bericht {m}", authors, $"institut stadtforschung {m}"));

        var stored = await QueryAsync(db => db.Set<PublicationContributor>().AsNoTracking().Where(c => c.PublicationId == publication.Id)
            .OrderBy(c => c.Position).Select(c => new { c.Name, c.PersonId, c.OrganisationId }).ToListAsync(Ct));
        Assert.Equal($"Jana Oeffentlich {m}", stored[0].Name);
        Assert.Equal(
            new (Guid?, Guid?)[] { (jana, null), (mia, null), (null, null), (null, null), (null, null), (null, null), (unlisted, null), (null, institute) },
            stored.Select(c => (c.PersonId, c.OrganisationId)).ToList());

        var anonymous = factory.CreateClient();
        var member = await factory.CreateClientSignedInAsync(Roles.MemberStaff);
        var seenByPublic = await anonymous.GetDocumentAsync(Url(publication));
        var seenByMember = await member.GetDocumentAsync(Url(publication));
        Assert.Equal([$"/personen/{jana}"], Links(seenByPublic, "#publication-authors"));
        Assert.Equal([$"/personen/{jana}", $"/personen/{mia}"], Links(seenByMember, "#publication-authors"));
        Assert.Contains($"Mia Mitglied {m}; Max Doppelt {m}", seenByPublic.QuerySelector("#publication-authors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([$"/organisationen/{institute}"], Links(seenByPublic, "#publication-editors"));

        using var jsonLd = JsonDocument.Parse(seenByPublic.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var editor = jsonLd.RootElement.GetProperty("editor")[0];
        Assert.Equal("Organization", editor.GetProperty("@type").GetString());
        Assert.EndsWith($"/organisationen/{institute}", editor.GetProperty("url").GetString(), StringComparison.Ordinal);
        var publicAuthors = jsonLd.RootElement.GetProperty("author").EnumerateArray().ToList();
        Assert.All(publicAuthors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.False(publicAuthors[1].TryGetProperty("url", out _));

        using var dataCite = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/bibliothek/{publication.Slug}/datacite.json", UriKind.Relative), Ct));
        var creators = dataCite.RootElement.GetProperty("creators").EnumerateArray().ToList();
        Assert.Equal("Personal", creators[0].GetProperty("nameType").GetString());
        Assert.False(creators[2].TryGetProperty("nameType", out _));
        Assert.Equal("Organizational", dataCite.RootElement.GetProperty("contributors")[0].GetProperty("nameType").GetString());

        // The API gives a person's id only to those who may see the name.
        Assert.Equal(new string?[] { jana.ToString(), null }, await ApiPersonIdsAsync(anonymous, publication.Slug));
        Assert.Equal(new string?[] { jana.ToString(), mia.ToString() }, await ApiPersonIdsAsync(member, publication.Slug));

        var edit = await office.GetDocumentAsync($"/geschaeftsstelle/bibliothek/{publication.Id}");
        Assert.Equal([$"/personen/{jana}", $"/personen/{mia}", $"/personen/{unlisted}", $"/organisationen/{institute}"], Links(edit, "#contributor-links"));
        Assert.Null((await anonymous.GetDocumentAsync($"/bibliothek?person={unlisted}")).QuerySelector("#library-contributor"));
        Assert.Null((await member.GetDocumentAsync($"/bibliothek?person={unlisted}")).QuerySelector("#library-contributor"));
        Assert.Null((await anonymous.GetDocumentAsync($"/personen/{unlisted}")).QuerySelector("#person-publications"));
        Assert.NotNull((await anonymous.GetDocumentAsync($"/personen/{jana}")).QuerySelector("#person-publications"));
    }

    [Fact]
    public async Task Person_and_organisation_pages_and_the_library_filter_list_the_publications_the_viewer_may_read()
    {
        var m = Marker();
        var institute = await OrganisationAsync($"Planungsbüro {m}");
        var jana = await factory.CreateExpertAsync($"Jana Autorin {m}", [], u => u.NameVisibility = ProfileVisibility.Public);
        var hidden = await factory.CreateExpertAsync($"Hanna Verborgen {m}", []);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var open = await CreateAsync(office, Fields($"Öffentlicher Bericht {m}", $"Jana Autorin {m}\nHanna Verborgen {m}", $"Planungsbüro {m}"));
        var internalReport = await CreateAsync(office, Fields($"Interner Bericht {m}", $"Jana Autorin {m}", $"Planungsbüro {m}", visibility: "Members"));
        var anonymous = factory.CreateClient();
        var member = await factory.CreateClientSignedInAsync(Roles.Expert);

        Assert.Equal([Url(open)], Links(await anonymous.GetDocumentAsync($"/personen/{jana}"), "#person-publications"));
        Assert.Equal([Url(internalReport), Url(open)], Links(await member.GetDocumentAsync($"/personen/{jana}"), "#person-publications"));
        Assert.Equal([Url(open)], Links(await anonymous.GetDocumentAsync($"/organisationen/{institute}"), "#organisation-publications"));
        Assert.Equal([Url(internalReport), Url(open)], Links(await member.GetDocumentAsync($"/organisationen/{institute}"), "#organisation-publications"));

        var byJana = await anonymous.GetDocumentAsync($"/bibliothek?person={jana}");
        Assert.Contains($"Nur Veröffentlichungen von Jana Autorin {m}.", byJana.QuerySelector("#library-contributor")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 Veröffentlichung", byJana.QuerySelector("main p[role=status]")?.TextContent, StringComparison.Ordinal);
        var byInstitute = await member.GetDocumentAsync($"/bibliothek?organisation={institute}");
        Assert.Contains("2 Veröffentlichungen", byInstitute.QuerySelector("main p[role=status]")?.TextContent, StringComparison.Ordinal);

        // A person whose name the public may not see: the filter is dropped, as for an unknown id, so nothing is revealed.
        var byHidden = await anonymous.GetDocumentAsync($"/bibliothek?person={hidden}");
        Assert.Null(byHidden.QuerySelector("#library-contributor"));
        Assert.Null(byHidden.QuerySelector("input[name=person]"));
        Assert.Contains(Url(open), Links(byHidden, "main"));
        Assert.NotNull((await member.GetDocumentAsync($"/bibliothek?person={hidden}")).QuerySelector("#library-contributor"));
        Assert.Null((await anonymous.GetDocumentAsync($"/bibliothek?person={Guid.NewGuid()}")).QuerySelector("#library-contributor"));
    }

    [Fact]
    public async Task The_csv_import_links_too_and_deleting_the_account_keeps_the_name_but_drops_the_link()
    {
        var m = Marker();
        var person = await factory.CreateExpertAsync($"Ilse Import {m}", []);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var csv = Encoding.UTF8.GetBytes($"Typ;Titel;Autorinnen/Autoren;Jahr;Kurzfassung;Sichtbarkeit;Veröffentlicht\r\nArbeitshilfe;Import {m};Ilse Import {m}|Fremd {m};2024;Kurz.;öffentlich;ja\r\n");
        using (var response = await office.UploadAsync("/geschaeftsstelle/bibliothek/import", "Upload", csv, "bibliothek.csv", "text/csv"))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        }

        var publicationId = await QueryAsync(db => db.Set<Publication>().Where(p => p.Title == $"Import {m}").Select(p => p.Id).SingleAsync(Ct));
        Assert.Equal(new Guid?[] { person, null }, await QueryAsync(db => db.Set<PublicationContributor>().Where(c => c.PublicationId == publicationId)
            .OrderBy(c => c.Position).Select(c => c.PersonId).ToListAsync(Ct)));

        await using (var scope = factory.CreateScope())
        {
            var data = scope.ServiceProvider.GetServices<IPersonalDataContributor>().OfType<PublicationPersonalData>().Single();
            var export = JsonSerializer.Serialize(await data.ExportAsync(person, Ct));
            Assert.Contains($"Import {m}", export, StringComparison.Ordinal);
            await data.EraseAsync(person, Ct);
            await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);
        }

        var after = await QueryAsync(db => db.Set<PublicationContributor>().Where(c => c.PublicationId == publicationId).OrderBy(c => c.Position)
            .Select(c => new { c.Name, c.PersonId }).FirstAsync(Ct));
        Assert.Equal(($"Ilse Import {m}", (Guid?)null), (after.Name, after.PersonId));
    }

    private async Task<Guid> OrganisationAsync(string name)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var organisation = new Organisation { Name = name, SortKey = GermanSortKey.For(name), Type = OrganisationType.Hochschule };
        db.Add(organisation);
        await db.SaveChangesAsync(Ct);
        return organisation.Id;
    }

    private async Task<Publication> CreateAsync(HttpClient office, Dictionary<string, string> fields)
    {
        using var response = await office.SubmitFormAsync(CreatePage, fields, "#publication-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.ErrorSummaryAsync());
        var title = fields["Input.Title"];
        return await QueryAsync(db => db.Set<Publication>().AsNoTracking().SingleAsync(p => p.Title == title, Ct));
    }

    private async Task<T> QueryAsync<T>(Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    private static async Task<List<string?>> ApiPersonIdsAsync(HttpClient client, string slug)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/publications/" + slug, UriKind.Relative), Ct));
        return [.. document.RootElement.GetProperty("contributors").EnumerateArray().Take(2)
            .Select(c => c.TryGetProperty("personId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)];
    }

    private static string Url(Publication publication) => "/bibliothek/" + publication.Slug;

    private static List<string> Links(IParentNode page, string selector) =>
        [.. page.QuerySelectorAll($"{selector} a").Select(a => a.GetAttribute("href")!)];
}
