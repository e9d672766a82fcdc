using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class MembershipTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    private const string Path = "/geschaeftsstelle/mitgliedskommunen";
    private const string Essen = "05113000";
    private const string Bochum = "05911000";
    private const string Dortmund = "05913000";
    private const string Bonn = "05314000";
    private const string Hagen = "05914000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_office_adds_a_member_municipality_and_the_change_is_audited()
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync(Path, "#add-membership-form",
            [new("Input.MunicipalityAgs", Essen), new("Input.MemberSince", "2021-03-01"), new("Input.Note", "Beschluss des Rates")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await office.GetDocumentAsync(Path);
        var row = list.QuerySelector($"tr[data-ags='{Essen}']");
        Assert.NotNull(row);
        Assert.Contains("01.03.2021", row.TextContent, StringComparison.Ordinal);
        var entry = Assert.Single(await factory.AuditEntriesAsync(Essen));
        Assert.Equal("membership.created", entry.Action);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!;
        Assert.Contains(new AuditChange("Mitglied seit", null, "2021-03-01"), changes);
        Assert.Contains(new AuditChange("Notiz", null, "Beschluss des Rates"), changes);
    }

    [Fact]
    public async Task The_office_sets_a_contact_person_and_ends_the_membership_with_before_and_after_in_the_audit_log()
    {
        await AddMembershipAsync(Bochum, new DateOnly(2020, 1, 1));
        var contact = await factory.CreatePersonAsync([Roles.MemberStaff], Bochum, displayName: "Clara Kontakt");
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"{Path}/{Bochum}", "#membership-form",
        [
            new("Input.MemberSince", "2020-01-01"), new("Input.LeftOn", "2025-12-31"),
            new("Input.ContactPersonId", contact.Id.ToString()), new("Input.Note", ""),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await factory.AuditEntriesAsync(Bochum));
        Assert.Equal("membership.ended", entry.Action);
        var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes!)!;
        Assert.Contains(new AuditChange("Ausgetreten am", null, "2025-12-31"), changes);
        Assert.Contains(new AuditChange("Ansprechperson", null, contact.Id.ToString()), changes);
        var list = await office.GetDocumentAsync(Path);
        Assert.Contains("Clara Kontakt", list.QuerySelector($"tr[data-ags='{Bochum}']")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999", "2021-01-01", "keine Kommune in NRW")]
    [InlineData("Köln", "2021-01-01", "Kommune aus der Liste")]
    [InlineData(Essen, "", "seit wann")]
    public async Task Adding_with_bad_input_is_refused_and_nothing_is_stored(string ags, string since, string expected)
    {
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var before = await MembershipCountAsync();

        using var response = await office.PostFormAsync(Path, "#add-membership-form",
            [new("Input.MunicipalityAgs", ags), new("Input.MemberSince", since)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(expected, page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await MembershipCountAsync());
    }

    [Fact]
    public async Task A_second_membership_for_the_same_municipality_is_refused()
    {
        await AddMembershipAsync(Dortmund, new DateOnly(2019, 5, 1));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);
        var audited = (await factory.AuditEntriesAsync(Dortmund)).Count;

        using var response = await office.PostFormAsync(Path, "#add-membership-form",
            [new("Input.MunicipalityAgs", Dortmund), new("Input.MemberSince", "2024-01-01")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("schon eine Mitgliedschaft", (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(audited, (await factory.AuditEntriesAsync(Dortmund)).Count);
        Assert.Equal(new DateOnly(2019, 5, 1), (await MembershipAsync(Dortmund)).MemberSince);
    }

    [Fact]
    public async Task An_end_date_before_the_start_is_refused_and_nothing_changes()
    {
        await AddMembershipAsync(Bonn, new DateOnly(2022, 6, 1));
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"{Path}/{Bonn}", "#membership-form",
            [new("Input.MemberSince", "2022-06-01"), new("Input.LeftOn", "2022-05-31")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nicht vor dem Beitrittsdatum", (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await MembershipAsync(Bonn)).LeftOn);
        Assert.Empty(await factory.AuditEntriesAsync(Bonn));
    }

    [Fact]
    public async Task A_contact_person_from_another_municipality_is_refused()
    {
        await AddMembershipAsync(Hagen, new DateOnly(2018, 1, 1));
        var stranger = await factory.CreatePersonAsync([Roles.MemberStaff], ApiTestPeople.Koeln);
        var office = await factory.CreateClientSignedInAsync(Roles.Office);

        using var response = await office.PostFormAsync($"{Path}/{Hagen}", "#membership-form",
            [new("Input.MemberSince", "2018-01-01"), new("Input.ContactPersonId", stranger.Id.ToString())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("muss zu dieser Kommune gehören", (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await MembershipAsync(Hagen)).ContactPersonId);
        Assert.Empty(await factory.AuditEntriesAsync(Hagen));
    }

    [Fact]
    public async Task A_contact_person_who_deletes_the_account_is_removed_from_the_membership_which_stays()
    {
        const string Herne = "05916000";
        var contact = await factory.CreatePersonAsync([Roles.MemberStaff], Herne);
        await AddMembershipAsync(Herne, new DateOnly(2017, 1, 1), contact.Id);
        await using var scope = factory.CreateScope();
        var contributors = scope.ServiceProvider.GetServices<Quartiersnetz.Platform.Privacy.IPersonalDataContributor>()
            .OfType<MembershipPersonalData>().ToList();
        var contributor = Assert.Single(contributors);

        var export = await contributor.ExportAsync(contact.Id, Ct);
        await contributor.EraseAsync(contact.Id, Ct);
        await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().SaveChangesAsync(Ct);

        Assert.Contains("Herne", JsonSerializer.Serialize(export), StringComparison.Ordinal);
        var membership = await MembershipAsync(Herne);
        Assert.Null(membership.ContactPersonId);
        Assert.Equal(new DateOnly(2017, 1, 1), membership.MemberSince);
    }

    private async Task AddMembershipAsync(string ags, DateOnly since, Guid? contact = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        db.Add(new NetworkMembership { MunicipalityAgs = ags, MemberSince = since, ContactPersonId = contact });
        await db.SaveChangesAsync(Ct);
    }

    private async Task<NetworkMembership> MembershipAsync(string ags)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<NetworkMembership>().AsNoTracking()
            .SingleAsync(n => n.MunicipalityAgs == ags, Ct);
    }

    private async Task<int> MembershipCountAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<NetworkMembership>().CountAsync(Ct);
    }
}
