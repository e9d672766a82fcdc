using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.ApiAccess;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Topics;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Exports;

/// <summary>An export needs as many database commands for many rows as for few: no query per row.</summary>
public sealed class ExportQueryCountTests : IAsyncLifetime
{
    private readonly CommandCounter _counter = new();
    private readonly QuartiersnetzFactory _factory;

    public ExportQueryCountTests() =>
        _factory = new QuartiersnetzFactory().WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>(options => options.AddInterceptors(_counter)));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task People_exports_need_the_same_commands_for_sixty_people_as_for_two()
    {
        await _factory.AddPeopleAsync(2, i => $"Wenige {i}", ApiTestPeople.Koeln, Roles.Jury);
        await _factory.AddPeopleAsync(60, i => $"Viele {i}", ApiTestPeople.Koeln, Roles.Jury, (i, u) => u.FunctionTitle = $"Funktion {i}");
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        await office.DownloadAsync("/geschaeftsstelle/personen/export?format=csv&suche=Wenige"); // warm up

        _counter.Reset();
        var few = await office.DownloadAsync($"/geschaeftsstelle/personen/export?format=xlsx&suche=Wenige&rolle={Roles.Jury}");
        var forFew = _counter.Count;
        _counter.Reset();
        var many = await office.DownloadAsync($"/geschaeftsstelle/personen/export?format=xlsx&suche=Viele&rolle={Roles.Jury}");
        var forMany = _counter.Count;

        Assert.Equal(2, few.Rows.Count);
        Assert.Equal(60, many.Rows.Count);
        Assert.Equal(forFew, forMany);
    }

    [Fact]
    public async Task Organisation_and_topic_exports_need_a_fixed_number_of_commands()
    {
        var office = await _factory.CreateClientSignedInAsync(Roles.Office);
        await office.DownloadAsync("/geschaeftsstelle/organisationen/export?format=csv"); // warm up
        await office.DownloadAsync("/geschaeftsstelle/themen/export?format=csv");
        await office.DownloadAsync("/geschaeftsstelle/mitgliedskommunen/export?format=csv");

        await Search.SearchFixture.WaitForIndexAsync(_factory);
        var before = await CountAsync(office);
        await _factory.ArrangeAsync(db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var o = new Quartiersnetz.Features.Organisations.Organisation
                {
                    Name = $"Organisation {i:00}", Type = Quartiersnetz.Features.Organisations.OrganisationType.Fachverband,
                    MunicipalityAgs = ApiTestPeople.Koeln,
                };
                o.SortKey = Quartiersnetz.Data.Reference.GermanSortKey.For(o.Name);
                db.Add(o);
                db.Add(Quartiersnetz.Features.Topics.Topic.Create($"Thema {i:00}", null, null));
            }

            foreach (var ags in db.Set<Quartiersnetz.Data.Reference.Municipality>().OrderBy(m => m.Ags).Select(m => m.Ags).Take(30).ToList())
            {
                db.Add(new Quartiersnetz.Features.Municipalities.NetworkMembership { MunicipalityAgs = ags, MemberSince = new DateOnly(2025, 1, 1) });
            }
        });
        // The search indexer reads the new organisations and topics in the background; counted, it would look like
        // commands of the exports.
        await Search.SearchFixture.WaitForIndexAsync(_factory);
        var after = await CountAsync(office);

        Assert.Equal(before, after);
    }

    private async Task<int[]> CountAsync(HttpClient office)
    {
        var counts = new List<int>();
        foreach (var path in new[] { "organisationen", "themen", "mitgliedskommunen" })
        {
            _counter.Reset();
            await office.DownloadAsync($"/geschaeftsstelle/{path}/export?format=xlsx");
            counts.Add(_counter.Count);
        }

        return [.. counts];
    }
}
