using System.Globalization;
using System.Text;
using CsvHelper;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// Imports the descriptions of publications from a CSV file (semicolon-separated, UTF-8, German headers; files are
/// attached on each publication's page afterwards). Every line goes through <see cref="SavePublication.CheckAsync"/>,
/// the rules of the form; if one line is wrong, nothing is imported and every error is listed with its line. The
/// import only adds: a title or address that exists already, in the library or twice in the file, is an error.
/// </summary>
internal sealed class ImportPublications(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 1000;

    /// <summary>Separates several values in one cell (authors, topics, municipalities, areas).</summary>
    public const char ListSeparator = '|';

    public const string Type = "Typ";
    public const string Title = "Titel";
    public const string Subtitle = "Untertitel";
    public const string Authors = "Autorinnen/Autoren";
    public const string Editors = "Herausgebende";
    public const string Publisher = "Verlag/Herausgeber";
    public const string Year = "Jahr";
    public const string Date = "Datum";
    public const string Abstract = "Kurzfassung";
    public const string Language = "Sprache";
    public const string Licence = "Lizenz";
    public const string Doi = "DOI";
    public const string Isbn = "ISBN";
    public const string Urn = "URN";
    public const string Topics = "Themen";
    public const string Municipalities = "Gemeinden";

    /// <summary>Programme areas as in the form ("Gemeinde: Gebietsname", or the name alone when unique), separated by <see cref="ListSeparator"/>.</summary>
    public const string Areas = "Fördergebiete";
    public const string Visibility = "Sichtbarkeit";
    public const string Published = "Veröffentlicht";

    /// <summary>The header of the template, in this order; a file may leave out any but <see cref="Required"/>, and order them as it likes.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [Type, Title, Subtitle, Authors, Editors, Publisher, Year, Date, Abstract, Language, Licence, Doi, Isbn, Urn, Topics, Municipalities, Areas, Visibility, Published];

    public static readonly IReadOnlyList<string> Required = [Type, Title, Year, Abstract, Visibility];

    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    /// <summary>A problem with one line of the file (its line number as a spreadsheet shows it, the header is line 1); 0 is the file as a whole.</summary>
    internal sealed record LineError(int Line, string Message, object[] Arguments);

    internal sealed record Outcome(int Created, IReadOnlyList<LineError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    private sealed record Row(int Line, SavePublication.Input Input, List<LineError> Errors);

    /// <summary>The template offered for download: the header and one example line.</summary>
    public static byte[] Template()
    {
        var text = string.Join(';', Columns) + "\r\n"
            + "Arbeitshilfe;Beispiel: Verfügungsfonds im Quartier;Eine Arbeitshilfe;Dr. Jana Beispiel|Planungsbüro Quartier;AG Soziale Stadt NRW;Eigenverlag;2025;14.03.2025;"
            + "\"Kurzfassung in Markdown; bitte ersetzen.\";de;CC BY 4.0;;;;;Gelsenkirchen;;öffentlich;nein\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    public async Task<Outcome> HandleAsync(byte[] content, AuditActor actor, CancellationToken cancellationToken)
    {
        if (content.Length > MaxBytes)
        {
            return new Outcome(0, [new LineError(0, "Die Datei ist größer als {0} MB. Bitte teilen Sie sie auf.", [MaxBytes / (1024 * 1024)])]);
        }

        var topics = await db.Set<Topic>().AsNoTracking().Where(t => t.Status == TopicStatus.Active).Select(t => new { t.Slug, t.SortKey }).ToListAsync(cancellationToken);
        var (rows, fileErrors) = Read(content, value =>
            topics.FirstOrDefault(t => t.Slug == value)?.Slug ?? topics.FirstOrDefault(t => t.SortKey == GermanSortKey.For(value))?.Slug);
        if (fileErrors.Count > 0)
        {
            return new Outcome(0, fileErrors);
        }

        var errors = rows.SelectMany(r => r.Errors).ToList();
        var titles = rows.Select(r => r.Input.Title).OfType<string>().Select(t => t.Trim()).Distinct().ToList();
        var existingTitles = (await db.Set<Publication>().AsNoTracking().Where(p => titles.Contains(p.Title)).Select(p => p.Title).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<(Row Row, SavePublication.Checked Valid)>();
        foreach (var row in rows.Where(r => r.Errors.Count == 0))
        {
            if (row.Input.Title is { } title)
            {
                if (seen.TryGetValue(row.Input.Slug ?? GermanSortKey.For(title), out var earlier))
                {
                    errors.Add(new LineError(row.Line, "Die Veröffentlichung „{0}“ steht mehrfach in der Datei (auch in Zeile {1}).", [Shorten(title), earlier]));
                    continue;
                }

                seen[row.Input.Slug ?? GermanSortKey.For(title)] = row.Line;
                if (existingTitles.Contains(title.Trim()))
                {
                    errors.Add(new LineError(row.Line, "Eine Veröffentlichung mit dem Titel „{0}“ gibt es schon in der Bibliothek.", [Shorten(title)]));
                    continue;
                }
            }

            // The form's rules, one publication at a time; an office action on a whole file may take a few queries per line.
            var (valid, refusals) = await SavePublication.CheckAsync(db, clock, null, row.Input, cancellationToken);
            errors.AddRange(refusals.Select(r => new LineError(row.Line, r.Message, r.Args)));
            if (valid is not null)
            {
                accepted.Add((row, valid));
            }
        }

        if (errors.Count > 0)
        {
            return new Outcome(0, [.. errors.OrderBy(e => e.Line)]);
        }

        foreach (var (row, valid) in accepted)
        {
            var (publication, _, refusal) = await SavePublication.StageAsync(db, clock, valid, cancellationToken);
            if (refusal is not null)
            {
                db.ChangeTracker.Clear();
                return new Outcome(0, [new LineError(row.Line, refusal.Message, refusal.Args)]);
            }

            audit.Record(actor, "publication.imported", "Veröffentlichung", publication.Id.ToString(), publication.Title,
                [new AuditChange("Zeile", null, row.Line.ToString(CultureInfo.InvariantCulture))]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(accepted.Count, []);
    }

    private static (List<Row> Rows, List<LineError> Errors) Read(byte[] content, Func<string, string?> topicSlug)
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

        // The separator is fixed: "|" inside cells must not be taken for it.
        using var csv = CsvReader.Create(content, new CsvReaderOptions { HasHeader = true, Separator = ';', TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = 1024 * 1024 });
        try
        {
            if (!csv.Read())
            {
                return (rows, [new LineError(0, "Die Datei enthält keine Veröffentlichungen.", [])]);
            }

            var header = csv.Headers.Select(h => GermanSortKey.For(h.Trim().TrimStart('\uFEFF'))).ToList();
            var missing = Required.Where(c => !header.Contains(GermanSortKey.For(c))).ToList();
            if (missing.Count > 0)
            {
                return (rows, [new LineError(0, "Der Datei fehlen die Spalten {0}. Erwartet wird die Kopfzeile der Vorlage: {1}", [string.Join(", ", missing), string.Join(";", Columns)])]);
            }

            do
            {
                if (rows.Count == MaxRows)
                {
                    return (rows, [new LineError(0, "Die Datei hat mehr als {0} Veröffentlichungen. Bitte teilen Sie sie auf.", [MaxRows])]);
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    values[header[i]] = i < csv.FieldCount ? csv.GetString(i).Trim() : "";
                }

                rows.Add(ToRow((int)csv.LineNumber, column => values.TryGetValue(GermanSortKey.For(column), out var v) && v.Length > 0 ? v : null, topicSlug));
            }
            while (csv.Read());
        }
        catch (CsvFormatException)
        {
            return (rows, [new LineError(0, "Die CSV-Datei ist nicht lesbar (z. B. ein Anführungszeichen ohne Gegenstück).", [])]);
        }

        return (rows, []);
    }

    /// <summary>The text values of one line as the form's input; what does not parse becomes a line error.</summary>
    private static Row ToRow(int line, Func<string, string?> value, Func<string, string?> topicSlug)
    {
        var errors = new List<LineError>();
        var title = value(Title);
        var input = new SavePublication.Input
        {
            Title = title,
            Subtitle = value(Subtitle),
            // The address comes from the title, so the same title twice (in the file or the library) is found as such.
            Slug = title is null || Slugs.Fold(title, Publication.SlugMaxLength) is not { Length: > 0 } slug ? null : slug,
            Authors = List(value(Authors)),
            Editors = List(value(Editors)),
            Publisher = value(Publisher),
            Abstract = value(Abstract)?.Replace("\r\n", "\n", StringComparison.Ordinal),
            Licence = value(Licence),
            Doi = value(Doi),
            Isbn = value(Isbn),
            Urn = value(Urn),
            Municipalities = List(value(Municipalities)),
            Areas = List(value(Areas)),
        };

        if (value(Type) is { } type)
        {
            var key = GermanSortKey.For(type);
            input.Type = Enum.GetValues<PublicationType>().Cast<PublicationType?>()
                .FirstOrDefault(t => GermanSortKey.For(t!.Value.ToString()) == key || GermanSortKey.For(PublicationLabels.Label(t.Value)) == key);
            if (input.Type is null)
            {
                errors.Add(new LineError(line, "Unbekannter Typ „{0}“. Erlaubt sind: {1}.", [Shorten(type), string.Join(", ", Enum.GetValues<PublicationType>())]));
            }
        }

        if (value(Year) is { } year)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                input.Year = y;
            }
            else
            {
                errors.Add(new LineError(line, "Das Jahr „{0}“ ist keine Jahreszahl.", [Shorten(year)]));
            }
        }

        if (value(Date) is { } date)
        {
            if (DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                input.PublishedOn = day;
            }
            else
            {
                errors.Add(new LineError(line, "Das Datum „{0}“ ist kein Datum der Form 14.03.2025.", [Shorten(date)]));
            }
        }

        if (value(Language) is { } language)
        {
            var key = GermanSortKey.For(language);
            var match = SavePublication.Languages.FirstOrDefault(l => l.Code == key || GermanSortKey.For(l.Label) == key);
            // An unknown language is left to the form's rule, which names the choices.
            input.Language = match.Code ?? language;
        }

        if (value(Visibility) is { } visibility)
        {
            input.Visibility = GermanSortKey.For(visibility) switch
            {
                "offentlich" or "public" => PublicationVisibility.Public,
                "mitglieder" or "nur fur mitglieder" or "members" => PublicationVisibility.Members,
                _ => null,
            };
            if (input.Visibility is null)
            {
                errors.Add(new LineError(line, "Unbekannte Sichtbarkeit „{0}“. Erlaubt sind: öffentlich, Mitglieder.", [Shorten(visibility)]));
            }
        }

        if (value(Published) is { } published)
        {
            switch (published.ToLowerInvariant())
            {
                case "ja" or "true" or "1" or "x":
                    input.Published = true;
                    break;
                case "nein" or "false" or "0":
                    input.Published = false;
                    break;
                default:
                    errors.Add(new LineError(line, "„{0}“ in der Spalte Veröffentlicht: Erlaubt sind ja und nein.", [Shorten(published)]));
                    break;
            }
        }

        foreach (var topic in List(value(Topics)))
        {
            if (topicSlug(topic) is { } topicKey)
            {
                input.Topics.Add(topicKey);
            }
            else
            {
                errors.Add(new LineError(line, "Unbekanntes Thema „{0}“. Bitte verwenden Sie den Namen oder Kurznamen von der Themenseite.", [Shorten(topic)]));
            }
        }

        return new Row(line, input, errors);
    }

    private static List<string> List(string? cell) =>
        [.. (cell ?? "").Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
