using System.Net;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.IntegrationTests.Exports;

/// <summary>A downloaded export read back as a spreadsheet program would: a header row and rows of text cells.</summary>
internal sealed record ExportFile(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, HttpResponseMessage Response)
{
    public IReadOnlyList<string> Column(string header) => Rows.Select(r => r[header]).ToList();
}

internal static class ExportTestSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Downloads an export and reads it: CSV with CsvHelper (';', BOM checked), XLSX with MiniExcel (first sheet).</summary>
    public static async Task<ExportFile> DownloadAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {response.Headers.Location}");
        return url.Contains("format=csv", StringComparison.Ordinal) ? ReadCsv(bytes, response) : ReadXlsx(bytes, response);
    }

    public static ExportFile ReadCsv(byte[] bytes, HttpResponseMessage response)
    {
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var csv = CsvReader.Create(bytes[3..], new CsvReaderOptions { HasHeader = false, Separator = ';' });
        var records = new List<string[]>();
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            records.Add(fields);
        }

        var headers = records[0];
        var rows = records.Skip(1).Select(r => (IReadOnlyDictionary<string, string>)headers.Select((h, i) => (h, v: i < r.Length ? r[i] : ""))
            .ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal)).ToList();
        return new ExportFile(headers, rows, response);
    }

    public static ExportFile ReadXlsx(byte[] bytes, HttpResponseMessage response, string? sheetName = null)
    {
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        // The first row without header mapping: MiniExcel finds no columns in a sheet that has only its header row.
        var headers = ((IDictionary<string, object?>)MiniExcel.Query(new MemoryStream(bytes), sheetName: sheetName).First()).Values
            .Select(v => v?.ToString() ?? "").ToList();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: sheetName)
            .Cast<IDictionary<string, object?>>()
            .Select(r => (IReadOnlyDictionary<string, string>)r.ToDictionary(
                c => c.Key, c => Convert.ToString(c.Value, System.Globalization.CultureInfo.GetCultureInfo("de-DE")) ?? "", StringComparer.Ordinal))
            .ToList();
        return new ExportFile(headers, rows, response);
    }

    /// <summary>
    /// Many people straight into the database in one save (no password hashing), so a test can have more than a
    /// page of them quickly. Returns their ids in creation order.
    /// </summary>
    public static async Task<List<Guid>> AddPeopleAsync(
        this QuartiersnetzFactory factory, int count, Func<int, string> name, string? municipalityAgs = null, string? role = null,
        Action<int, UserAccount>? configure = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var roleId = role is null ? (Guid?)null : await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(Ct);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var email = $"export-{Guid.NewGuid():N}@quartiersnetz.test";
            var person = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = name(i), MunicipalityAgs = municipalityAgs,
                CreatedAtUtc = new DateTime(2026, 6, 30, 22, 30, 0, DateTimeKind.Utc), SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            configure?.Invoke(i, person);
            db.Users.Add(person);
            if (roleId is { } id)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = person.Id, RoleId = id });
            }

            ids.Add(person.Id);
        }

        await db.SaveChangesAsync(Ct);
        return ids;
    }

    public static async Task<T> QueryDbAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    public static async Task ArrangeAsync(this QuartiersnetzFactory factory, Action<QuartiersnetzDbContext> arrange)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        arrange(db);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The German display order of names, as the lists sort them (ordinal on the stored text).</summary>
    public static bool IsSorted(IReadOnlyList<string> values) =>
        values.SequenceEqual(values.Order(StringComparer.Ordinal));
}
