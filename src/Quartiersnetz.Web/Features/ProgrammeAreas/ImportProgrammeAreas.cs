using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using F = Quartiersnetz.Features.ProgrammeAreas.ProgrammeAreaFile;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// Imports programme areas from CSV (as the export writes it) or GeoJSON (a FeatureCollection whose features carry
/// the same properties). The whole file is checked first with the same rules as the form; if one line is wrong,
/// nothing is imported and every error is listed with its line. An area that exists already (same municipality,
/// same name, compared folded) is updated; the file is the truth for every column it has, a column it lacks is
/// left alone. Contacts are not part of the file: they are people, chosen in the form.
/// </summary>
internal sealed class ImportProgrammeAreas(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5000;

    /// <summary>A problem with one line (CSV) or feature (GeoJSON), numbered from 1; 0 is the file as a whole.</summary>
    internal sealed record LineError(int Line, string Message, object[] Arguments);

    internal sealed record Outcome(int Created, int Updated, bool IsGeoJson, IReadOnlyList<LineError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>One parsed line: the form input, and which optional columns the file has.</summary>
    private sealed record Row(int Line, SaveProgrammeArea.Input Input, bool HasTopics, List<LineError> Errors);

    public async Task<Outcome> HandleAsync(byte[] content, string fileName, AuditActor actor, CancellationToken cancellationToken)
    {
        var isGeoJson = fileName.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || FirstCharacter(content) == '{';
        var (rows, fileErrors) = isGeoJson ? ReadGeoJson(content) : ReadCsv(content);
        if (fileErrors.Count > 0)
        {
            return new Outcome(0, 0, isGeoJson, fileErrors);
        }

        var errors = rows.SelectMany(r => r.Errors).ToList();
        var references = await SaveProgrammeArea.References.LoadAsync(
            db, rows.Select(r => r.Input.MunicipalityAgs).OfType<string>().Distinct().ToList(), [], cancellationToken);
        var activeTopics = (await db.Set<Topic>().AsNoTracking().Where(t => t.Status == TopicStatus.Active).Select(t => t.Slug).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        var accepted = new List<(Row Row, SaveProgrammeArea.Checked Checked, Guid? ExistingId)>();
        foreach (var row in rows.Where(r => r.Errors.Count == 0))
        {
            var input = row.Input;
            var key = (input.MunicipalityAgs ?? "", GermanSortKey.For(input.Name ?? ""));
            if (seen.TryGetValue(key, out var earlier))
            {
                errors.Add(new LineError(row.Line, "Das Gebiet „{0}“ steht mehrfach in der Datei (auch in Zeile {1}).", [input.Name!, earlier]));
                continue;
            }

            seen[key] = row.Line;
            if (input.TopicSlugs.FirstOrDefault(s => !activeTopics.Contains(s)) is { } unknownTopic)
            {
                errors.Add(new LineError(row.Line, "Unbekanntes Thema „{0}“. Bitte verwenden Sie die Kurznamen von der Themenseite.", [unknownTopic]));
                continue;
            }

            Guid? existing = references.Areas.TryGetValue(key, out var id) ? id : null;
            var (problems, checkedInput) = SaveProgrammeArea.Check(input, existing, references);
            errors.AddRange(problems.Select(p => new LineError(row.Line, p.Message, p.Arguments)));
            if (checkedInput is not null)
            {
                accepted.Add((row, checkedInput, existing));
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome(0, 0, isGeoJson, [.. errors.OrderBy(e => e.Line)]);
        }

        var existingIds = accepted.Where(a => a.ExistingId is not null).Select(a => a.ExistingId!.Value).ToList();
        var existingAreas = await db.Set<ProgrammeArea>().Where(a => existingIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        int created = 0, updated = 0;
        foreach (var (row, checkedInput, existingId) in accepted)
        {
            var area = existingId is { } known ? existingAreas[known] : new ProgrammeArea { CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            if (row.HasTopics)
            {
                // An import is an office action on a whole file; a query pair per line is acceptable here, not on a page.
                await AssignTopics.HandleAsync(db, TopicKinds.ProgrammeArea, area.Id.ToString(), row.Input.TopicSlugs, cancellationToken);
            }

            var changes = SaveProgrammeArea.Apply(area, checkedInput, clock);
            if (existingId is null)
            {
                db.Add(area);
                audit.Record(actor, "area.imported", "Programmgebiet", area.Id.ToString(), area.Name, changes);
                created++;
            }
            else if (changes.Count > 0)
            {
                audit.Record(actor, "area.updated", "Programmgebiet", area.Id.ToString(), area.Name, changes);
                updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(created, updated, isGeoJson, []);
    }

    private static (List<Row> Rows, List<LineError> Errors) ReadCsv(byte[] content)
    {
        var rows = new List<Row>();
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
        }
        catch (DecoderFallbackException)
        {
            return (rows, [new LineError(0, "Die Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie als „CSV UTF-8“.", [])]);
        }

        using var csv = CsvReader.Create(content, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = 4 * 1024 * 1024 });
        try
        {
            if (!csv.Read())
            {
                return (rows, [new LineError(0, "Die Datei enthält keine Gebiete.", [])]);
            }

            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var missing = new[] { F.Ags, F.Name, F.Programme, F.Status }.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return (rows, [new LineError(0, "Der Datei fehlen die Spalten {0}. Erwartet wird die Kopfzeile: {1}", [string.Join(", ", missing), string.Join(";", F.Columns)])]);
            }

            do
            {
                if (rows.Count == MaxRows)
                {
                    return (rows, [new LineError(0, "Die Datei hat mehr als {0} Gebiete. Bitte teilen Sie sie auf.", [MaxRows])]);
                }

                var line = (int)csv.LineNumber;
                var values = header.Select((column, index) => (column, value: index < csv.FieldCount ? csv.GetString(index).Trim() : "")).ToDictionary(p => p.column, p => p.value);
                rows.Add(ToRow(line, column => values.TryGetValue(column, out var v) ? v : null, header.Contains(F.Topics)));
            }
            while (csv.Read());
        }
        catch (CsvFormatException)
        {
            return (rows, [new LineError(0, "Die CSV-Datei ist nicht lesbar (z. B. ein Anführungszeichen ohne Gegenstück).", [])]);
        }

        return (rows, []);
    }

    private static (List<Row> Rows, List<LineError> Errors) ReadGeoJson(byte[] content)
    {
        var rows = new List<Row>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return (rows, [new LineError(0, "Die Datei ist kein lesbares GeoJSON.", [])]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection" || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                return (rows, [new LineError(0, "Erwartet wird eine GeoJSON-FeatureCollection mit einem Feature je Gebiet.", [])]);
            }

            if (features.GetArrayLength() == 0)
            {
                return (rows, [new LineError(0, "Die Datei enthält keine Gebiete.", [])]);
            }

            if (features.GetArrayLength() > MaxRows)
            {
                return (rows, [new LineError(0, "Die Datei hat mehr als {0} Gebiete. Bitte teilen Sie sie auf.", [MaxRows])]);
            }

            var crs = root.TryGetProperty("crs", out var c) ? c.GetRawText() : null;
            var number = 0;
            foreach (var feature in features.EnumerateArray())
            {
                number++;
                var properties = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                var hasTopics = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(F.Topics, out _);
                var row = ToRow(number, column => Property(properties, column), hasTopics);
                if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object)
                {
                    if (geometry.TryGetProperty("type", out var g) && g.ValueKind == JsonValueKind.String && g.GetString() == "Point"
                        && geometry.TryGetProperty("coordinates", out var point) && point.ValueKind == JsonValueKind.Array && point.GetArrayLength() >= 2
                        && point[0].ValueKind == JsonValueKind.Number && point[1].ValueKind == JsonValueKind.Number)
                    {
                        row.Input.Longitude = point[0].GetDouble();
                        row.Input.Latitude = point[1].GetDouble();
                    }
                    else
                    {
                        // The collection's "crs" applies to each feature; AreaGeometry refuses anything but WGS84.
                        row.Input.BoundaryGeoJson = crs is null ? geometry.GetRawText() : $$"""{"type":"Feature","crs":{{crs}},"properties":{},"geometry":{{geometry.GetRawText()}}}""";
                    }
                }

                rows.Add(row);
            }
        }

        return (rows, []);
    }

    private static string? Property(JsonElement properties, string name)
    {
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Array => string.Join(F.TopicSeparator, value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }

    /// <summary>Turns the text values of one line into the form's input; values that do not parse become line errors.</summary>
    private static Row ToRow(int line, Func<string, string?> value, bool hasTopics)
    {
        var errors = new List<LineError>();
        var input = new SaveProgrammeArea.Input
        {
            MunicipalityAgs = Blank(value(F.Ags)),
            Name = Blank(value(F.Name)),
            Description = Blank(value(F.Description)),
            BoundaryGeoJson = Blank(value(F.Boundary)),
            TopicSlugs = (value(F.Topics) ?? "").Split([F.TopicSeparator, ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        };
        if (Blank(value(F.Programme)) is { } programme)
        {
            input.Programme = F.ParseProgramme(programme);
            if (input.Programme is null)
            {
                errors.Add(new LineError(line, "Unbekanntes Programm „{0}“. Erlaubt sind: {1}.", [programme, string.Join(", ", ProgrammeAreaLabels.Programmes.Select(ProgrammeAreaLabels.Label))]));
            }
        }

        if (Blank(value(F.Status)) is { } status)
        {
            input.Status = F.ParseStatus(status);
            if (input.Status is null)
            {
                errors.Add(new LineError(line, "Unbekannter Stand „{0}“. Erlaubt sind: {1}.", [status, string.Join(", ", ProgrammeAreaLabels.Statuses.Select(ProgrammeAreaLabels.Label))]));
            }
        }

        input.AdmissionYear = Integer(F.AdmissionYear, "Das Aufnahmejahr „{0}“ ist keine Jahreszahl.");
        input.EndYear = Integer(F.EndYear, "Das Endjahr „{0}“ ist keine Jahreszahl.");
        input.Population = Integer(F.Population, "Die Einwohnerzahl „{0}“ ist keine ganze Zahl.");
        input.SizeHectares = Number(F.SizeHectares, "Die Größe „{0}“ ist keine Zahl (z. B. 12,5).");
        input.Latitude = (double?)Number(F.Latitude, "Der Breitengrad „{0}“ ist keine Zahl (z. B. 51,4556).");
        input.Longitude = (double?)Number(F.Longitude, "Der Längengrad „{0}“ ist keine Zahl (z. B. 7,0116).");
        return new Row(line, input, hasTopics, errors);

        int? Integer(string column, string message)
        {
            if (Blank(value(column)) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors.Add(new LineError(line, message, [text]));
            return null;
        }

        decimal? Number(string column, string message)
        {
            if (Blank(value(column)) is not { } text)
            {
                return null;
            }

            if (F.TryParseDecimal(text, out var number))
            {
                return number;
            }

            errors.Add(new LineError(line, message, [text]));
            return null;
        }
    }

    private static char FirstCharacter(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 64)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return text.Length == 0 ? '\0' : text[0];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
