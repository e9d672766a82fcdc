using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.IntegrationTests.Infrastructure;

namespace Quartiersnetz.IntegrationTests.Map;

/// <summary>Programme areas written straight into the app's database, as the office's pages would leave them.</summary>
internal static class MapTestData
{
    public const string Koeln = "05315000";
    public const string Duesseldorf = "05111000";
    public const string Dortmund = "05913000";
    public const string Muenster = "05515000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ProgrammeArea> AddAreaAsync(
        this QuartiersnetzFactory factory, string name, string ags, UrbanDevelopmentProgramme programme, ProgrammeAreaStatus status,
        int? admissionYear, string? mapGeoJson, params string[] topicSlugs)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var centre = await db.Set<Municipality>().Where(m => m.Ags == ags).Select(m => new { m.Latitude, m.Longitude }).SingleAsync(Ct);
        var area = new ProgrammeArea
        {
            Name = name,
            SortKey = GermanSortKey.For(name),
            MunicipalityAgs = ags,
            Programme = programme,
            Status = status,
            AdmissionYear = admissionYear,
            MapGeoJson = mapGeoJson,
            Latitude = centre.Latitude,
            Longitude = centre.Longitude,
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Add(area);
        foreach (var slug in topicSlugs)
        {
            var topicId = await db.Set<Topic>().Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync(Ct);
            db.Add(new TopicAssignment { TopicId = topicId, ItemKind = TopicKinds.ProgrammeArea, ItemKey = area.Id.ToString() });
        }

        await db.SaveChangesAsync(Ct);
        return area;
    }

    /// <summary>
    /// A polygon around a point as a simplifier leaves a quarter's boundary: 20–40 vertices, about 300–900 m across,
    /// coordinates with 5 or 6 decimals.
    /// </summary>
    public static string Polygon(Random random, double latitude, double longitude)
    {
        var vertices = random.Next(20, 41);
        var decimals = random.Next(5, 7);
        var format = decimals == 5 ? "0.#####" : "0.######";
        var radius = 0.002 + random.NextDouble() * 0.004;
        var ring = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        string first = "";
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var r = radius * (0.7 + random.NextDouble() * 0.3);
            var point = "[" + (longitude + r * 1.6 * Math.Cos(angle)).ToString(format, CultureInfo.InvariantCulture)
                + "," + (latitude + r * Math.Sin(angle)).ToString(format, CultureInfo.InvariantCulture) + "]";
            if (i == 0)
            {
                first = point;
            }

            ring.Append(point).Append(',');
        }

        ring.Append(first).Append("]]}");
        return ring.ToString();
    }

    public static async Task<T> ReadAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }
}

/// <summary>
/// Counts the SQL commands EF Core sends to one test database while it is open, through EF Core's diagnostic
/// events. Background jobs (mail sender, search indexer …) and the outbox rows a request writes are not counted.
/// </summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _dataSource;
    private readonly string _database;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _commands = [];

    private CommandCounter(string dataSource, string database)
    {
        _dataSource = dataSource;
        _database = database;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public static async Task<CommandCounter> StartAsync(QuartiersnetzFactory factory)
    {
        await using var scope = factory.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Database.GetDbConnection();
        return new CommandCounter(connection.DataSource, connection.Database);
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && Quartiersnetz.Platform.Hosting.BackgroundWork.Current is null
            && data.Command.Connection is { } connection && connection.DataSource == _dataSource && connection.Database == _database
            && !data.Command.CommandText.Contains("Outbox", StringComparison.Ordinal)
            && !data.Command.CommandText.Contains("SearchIndexPending", StringComparison.Ordinal))
        {
            lock (_commands)
            {
                _commands.Add(data.Command.CommandText);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
