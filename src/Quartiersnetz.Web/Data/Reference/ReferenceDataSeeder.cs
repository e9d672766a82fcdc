using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CsvHelper;

namespace Quartiersnetz.Data.Reference;

/// <summary>
/// Loads the NRW municipalities and districts from the bundled Destatis/BKG files. Idempotent: a file
/// whose hash was imported before is skipped; a corrected file updates the rows that differ.
/// Rows are never deleted, since other data refers to municipalities by key.
/// </summary>
internal sealed class ReferenceDataSeeder(QuartiersnetzDbContext db, IReferenceDataSource source, TimeProvider clock)
{
    public const string DistrictsFile = "nrw_kreise.csv";
    public const string MunicipalitiesFile = "nrw_gemeinden.csv";
    public const string BoundariesFile = "nrw_gemeinden.geojson";

    private static readonly string[] Files = [DistrictsFile, MunicipalitiesFile, BoundariesFile];

    /// <summary>Raise when the way rows are derived from the files changes, so existing databases are updated.</summary>
    private const string DerivationVersion = "2";

    /// <summary>Returns the number of rows inserted or changed (0 when every file was imported before).</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var contents = Files.ToDictionary(f => f, ReadAll);
        var hashes = contents.ToDictionary(c => c.Key, c => Convert.ToHexStringLower(SHA256.HashData([.. c.Value, .. System.Text.Encoding.UTF8.GetBytes(DerivationVersion)])));
        var imports = await db.Set<ReferenceDataImport>().ToDictionaryAsync(i => i.Source, cancellationToken);
        if (Files.All(f => imports.TryGetValue(f, out var i) && i.ContentHash == hashes[f]))
        {
            return 0;
        }

        var districts = ParseDistricts(contents[DistrictsFile]);
        var boundaries = ParseBoundaries(contents[BoundariesFile]);
        var municipalities = ParseMunicipalities(contents[MunicipalitiesFile], boundaries);

        var knownDistricts = await db.Set<District>().ToDictionaryAsync(d => d.Ags, cancellationToken);
        foreach (var district in districts)
        {
            if (knownDistricts.TryGetValue(district.Ags, out var existing))
            {
                db.Entry(existing).CurrentValues.SetValues(district);
            }
            else
            {
                db.Add(district);
            }
        }

        var knownMunicipalities = await db.Set<Municipality>().ToDictionaryAsync(m => m.Ags, cancellationToken);
        foreach (var municipality in municipalities)
        {
            if (knownMunicipalities.TryGetValue(municipality.Ags, out var existing))
            {
                db.Entry(existing).CurrentValues.SetValues(municipality);
            }
            else
            {
                db.Add(municipality);
            }
        }

        db.ChangeTracker.DetectChanges();
        var changedRows = db.ChangeTracker.Entries()
            .Count(e => e.State is EntityState.Added or EntityState.Modified);

        var now = clock.GetUtcNow().UtcDateTime;
        var rowCounts = new Dictionary<string, int>
        {
            [DistrictsFile] = districts.Count,
            [MunicipalitiesFile] = municipalities.Count,
            [BoundariesFile] = boundaries.Count,
        };
        foreach (var file in Files)
        {
            if (imports.TryGetValue(file, out var import))
            {
                import.ContentHash = hashes[file];
                import.ImportedAtUtc = now;
                import.RowCount = rowCounts[file];
            }
            else
            {
                db.Add(new ReferenceDataImport
                {
                    Source = file, ContentHash = hashes[file], ImportedAtUtc = now, RowCount = rowCounts[file],
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changedRows;
    }

    private byte[] ReadAll(string fileName)
    {
        using var stream = source.Open(fileName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static List<District> ParseDistricts(byte[] content)
    {
        var result = new List<District>();
        foreach (var row in ReadCsv(content, DistrictsFile))
        {
            var ags = row.Key("kreis_ags", 5);
            result.Add(new District
            {
                Ags = ags,
                Name = row.Text("name"),
                Type = row.Text("kreis_typ"),
                RegionCode = row.Key("rb_code", 3),
                RegionName = row.Text("rb_name"),
                SortKey = GermanSortKey.For(row.Text("name")),
            });
        }

        return result;
    }

    private static List<Municipality> ParseMunicipalities(byte[] content, Dictionary<string, string> boundaries)
    {
        var result = new List<Municipality>();
        foreach (var row in ReadCsv(content, MunicipalitiesFile))
        {
            var ags = row.Key("ags", 8);
            var shortName = row.Text("name_kurz");
            result.Add(new Municipality
            {
                Ags = ags,
                Ars = row.Key("ars", 12),
                Name = row.Text("name"),
                ShortName = shortName,
                SortKey = GermanSortKey.For(shortName),
                Type = row.Text("gemeindetyp"),
                DistrictAgs = row.Key("kreis_ags", 5),
                AreaKm2 = row.Decimal("flaeche_km2"),
                Population = row.Int("einwohner_2023"),
                PostalCode = row.Text("plz_verwaltungssitz"),
                Longitude = row.Double("lon"),
                Latitude = row.Double("lat"),
                Urbanisation = row.Text("verstaedterung"),
                BoundaryGeoJson = boundaries.GetValueOrDefault(ags),
            });
        }

        return result;
    }

    private static Dictionary<string, string> ParseBoundaries(byte[] content)
    {
        using var document = JsonDocument.Parse(content);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var ags = feature.GetProperty("properties").GetProperty("ags").GetString()
                ?? throw new InvalidDataException($"{BoundariesFile}: a feature has no ags.");
            result[ags] = feature.GetProperty("geometry").GetRawText();
        }

        return result;
    }

    private static List<CsvRow> ReadCsv(byte[] content, string fileName)
    {
        using var csv = CsvReader.Create(content, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true });
        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var header = csv.Headers.ToArray();
            var values = new string[csv.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = csv.GetString(i);
            }

            rows.Add(new CsvRow(fileName, (int)csv.LineNumber, header, values));
        }

        return rows;
    }

    /// <summary>One line of a bundled file; a bad value names the file, line and column.</summary>
    private sealed class CsvRow(string file, int line, string[] header, string[] values)
    {
        public string Text(string column)
        {
            var index = Array.IndexOf(header, column);
            if (index < 0 || index >= values.Length)
            {
                throw new InvalidDataException($"{file} line {line}: column {column} is missing.");
            }

            return values[index].Trim();
        }

        public string Key(string column, int digits)
        {
            var value = Text(column);
            return value.Length == digits && value.All(char.IsAsciiDigit)
                ? value
                : throw new InvalidDataException($"{file} line {line}: {column} '{value}' is not a {digits}-digit key.");
        }

        public int Int(string column) => int.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw Invalid(column);

        public decimal Decimal(string column) => decimal.TryParse(Text(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
            ? v : throw Invalid(column);

        public double Double(string column) => double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw Invalid(column);

        private InvalidDataException Invalid(string column) =>
            new($"{file} line {line}: {column} '{Text(column)}' is not a number.");
    }
}
