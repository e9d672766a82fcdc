using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.IntegrationTests.Search;

/// <summary>
/// A search reads the page's ids in one statement and their documents in a second; a re-index replaces a document by a
/// new row with a new id. When that commits between the two statements, the hit must not drop out of the answer.
/// </summary>
public sealed class SearchReindexRaceTests : IAsyncLifetime
{
    private readonly ReindexBeforeDocumentRead interceptor = new();
    private readonly QuartiersnetzFactory factory;

    public SearchReindexRaceTests() =>
        factory = new QuartiersnetzFactory().WithServices(services =>
            services.ConfigureDbContext<QuartiersnetzDbContext>((_, options) => options.AddInterceptors(interceptor)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task A_hit_re_indexed_between_the_two_statements_stays_in_the_answer()
    {
        _ = factory.CreateClient();
        Guid id;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var organisation = new Organisation { Name = "Kranichwerkstatt Reiherbach", SortKey = "kranichwerkstatt", Type = OrganisationType.Sonstige };
            db.Add(organisation);
            await db.SaveChangesAsync(Ct);
            id = organisation.Id;
        }

        await SearchFixture.WaitForIndexAsync(factory);
        var before = await DocumentIdAsync(id);

        interceptor.Arm(async () =>
        {
            // The real re-index (delete the row, insert a new one), committed before the documents are read.
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            db.Add(new SearchIndexPending { Kind = "organisation", Key = id.ToString(), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            await SearchFixture.WaitForIndexAsync(factory);
        });

        SearchResult result;
        await using (var scope = factory.CreateScope())
        {
            var search = scope.ServiceProvider.GetRequiredService<SearchService>();
            result = await search.SearchAsync(SearchService.Parse("Reiherbach"), new SearchRequest("Reiherbach", [], [], [], [], [], 1, 20), SearchAudience.Public, Ct);
        }

        Assert.True(interceptor.Fired, "the re-index ran between the statements");
        Assert.NotEqual(before, await DocumentIdAsync(id));
        var hit = Assert.Single(result.Hits);
        Assert.Equal("Kranichwerkstatt Reiherbach", hit.Title);
        Assert.Equal(1, result.Total);
    }

    private async Task<long> DocumentIdAsync(Guid organisationId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var key = organisationId.ToString();
        return await db.Set<SearchDocument>().Where(d => d.Kind == "organisation" && d.Key == key).Select(d => d.Id).SingleAsync(Ct);
    }

    /// <summary>Runs an action once, right before the first statement that reads documents' excerpts (the search's second one).</summary>
    private sealed class ReindexBeforeDocumentRead : DbCommandInterceptor
    {
        private Func<Task>? action;

        public bool Fired { get; private set; }

        public void Arm(Func<Task> run) => action = run;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Excerpt\"", StringComparison.Ordinal)
                && !command.CommandText.Contains("'hit'", StringComparison.Ordinal)
                && Interlocked.Exchange(ref action, null) is { } run)
            {
                await run();
                Fired = true;
            }

            return result;
        }
    }
}
