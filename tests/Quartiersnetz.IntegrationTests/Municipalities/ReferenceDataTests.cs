using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Municipalities;

public sealed class ReferenceDataTests(QuartiersnetzFactory factory) : IClassFixture<QuartiersnetzFactory>
{
    [Fact]
    public async Task Seeds_all_396_municipalities_and_53_districts_with_boundaries()
    {
        _ = factory.Server;
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(396, await db.Set<Municipality>().CountAsync(ct));
        Assert.Equal(53, await db.Set<District>().CountAsync(ct));
        Assert.Equal(5, await db.Set<District>().Select(d => d.RegionCode).Distinct().CountAsync(ct));
        Assert.Equal(0, await db.Set<Municipality>().CountAsync(m => m.BoundaryGeoJson == null, ct));

        var duesseldorf = await db.Set<Municipality>().Include(m => m.District).SingleAsync(m => m.Ags == "05111000", ct);
        Assert.Equal("Düsseldorf, Stadt", duesseldorf.Name);
        Assert.Equal(631217, duesseldorf.Population);
        Assert.Equal("Reg.-Bez. Düsseldorf", duesseldorf.District!.RegionName);
        Assert.StartsWith("{\"type\":\"Polygon\"", duesseldorf.BoundaryGeoJson, StringComparison.Ordinal);
        Assert.Equal(18_190_422L, await db.Set<Municipality>().SumAsync(m => (long)m.Population, ct));
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        _ = factory.Server;
        var ct = TestContext.Current.CancellationToken;
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var importedBefore = await db.Set<ReferenceDataImport>().AsNoTracking().OrderBy(i => i.Source).Select(i => i.ImportedAtUtc).ToListAsync(ct);

        var changed = await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);

        Assert.Equal(0, changed);
        var importedAfter = await db.Set<ReferenceDataImport>().AsNoTracking().OrderBy(i => i.Source).Select(i => i.ImportedAtUtc).ToListAsync(ct);
        Assert.Equal(importedBefore, importedAfter);
    }

    [Fact]
    public async Task A_corrected_source_file_updates_the_rows_that_differ()
    {
        _ = factory.Server;
        var ct = TestContext.Current.CancellationToken;
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var corrected = new CorrectedSource(new EmbeddedReferenceDataSource(), ReferenceDataSeeder.MunicipalitiesFile,
            csv => csv.Replace("217.41,631217,", "217.41,631300,", StringComparison.Ordinal));
        var seeder = new ReferenceDataSeeder(db, corrected, TimeProvider.System);

        var changed = await seeder.SeedAsync(ct);

        Assert.Equal(1, changed);
        var population = await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == "05111000").Select(m => m.Population).SingleAsync(ct);
        Assert.Equal(631300, population);
        Assert.Equal(396, await db.Set<Municipality>().CountAsync(ct));

        // Back to the bundled file, so other tests of this class see the original data.
        Assert.Equal(1, await new ReferenceDataSeeder(db, new EmbeddedReferenceDataSource(), TimeProvider.System).SeedAsync(ct));
    }

    [Fact]
    public async Task A_broken_source_file_stops_with_the_line_named_and_changes_nothing()
    {
        _ = factory.Server;
        var ct = TestContext.Current.CancellationToken;
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var broken = new CorrectedSource(new EmbeddedReferenceDataSource(), ReferenceDataSeeder.MunicipalitiesFile,
            csv => csv.Replace("05111000,051110000000", "5111000,051110000000", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ReferenceDataSeeder(db, broken, TimeProvider.System).SeedAsync(ct));

        Assert.Contains("nrw_gemeinden.csv line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(631217, await db.Set<Municipality>().AsNoTracking().Where(m => m.Ags == "05111000").Select(m => m.Population).SingleAsync(ct));
    }

    private sealed class CorrectedSource(IReferenceDataSource inner, string file, Func<string, string> change) : IReferenceDataSource
    {
        public Stream Open(string fileName)
        {
            if (fileName != file)
            {
                return inner.Open(fileName);
            }

            using var reader = new StreamReader(inner.Open(fileName), Encoding.UTF8);
            return new MemoryStream(Encoding.UTF8.GetBytes(change(reader.ReadToEnd())));
        }
    }
}
