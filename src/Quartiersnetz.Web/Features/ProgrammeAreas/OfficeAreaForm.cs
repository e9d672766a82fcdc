using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Security;

namespace Quartiersnetz.Features.ProgrammeAreas;

internal sealed record AreaMunicipalityOption(string Ags, string Name);

/// <summary>A contact of an area as the office's edit page lists it.</summary>
internal sealed record AreaContactRow(Guid PersonId, string DisplayName, string Role);

/// <summary>A person found by the contact search of the edit page.</summary>
internal sealed record AreaPersonOption(Guid Id, string DisplayName, string? Email, string? MunicipalityName);

/// <summary>
/// What the office's create and edit form posts. Numbers arrive as text so that German decimal commas ("12,5") and
/// dots ("51.45") both work and a typo gets a German message; <see cref="ToInput"/> turns them into the input of
/// <see cref="SaveProgrammeArea"/>, which does every other check. Property names match that input, so its field
/// errors land on the right form fields.
/// </summary>
internal sealed class AreaFormInput
{
    public string? Name { get; set; }

    public string? MunicipalityAgs { get; set; }

    public string? Programme { get; set; }

    public string? Status { get; set; }

    public string? AdmissionYear { get; set; }

    public string? EndYear { get; set; }

    public string? SizeHectares { get; set; }

    public string? Population { get; set; }

    public string? Description { get; set; }

    public string? PlanTitle { get; set; }

    public string? BoundaryGeoJson { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public List<string> TopicSlugs { get; set; } = [];

    /// <summary>The values of a stored area, for the edit form.</summary>
    public static AreaFormInput From(ProgrammeArea area, IEnumerable<string> topicSlugs) => new()
    {
        Name = area.Name,
        MunicipalityAgs = area.MunicipalityAgs,
        Programme = area.Programme.ToString(),
        Status = area.Status.ToString(),
        AdmissionYear = area.AdmissionYear?.ToString(CultureInfo.InvariantCulture),
        EndYear = area.EndYear?.ToString(CultureInfo.InvariantCulture),
        SizeHectares = area.SizeHectares?.ToString("0.##", LocalizationSetup.German),
        Population = area.Population?.ToString(CultureInfo.InvariantCulture),
        Description = area.Description,
        PlanTitle = area.PlanTitle,
        BoundaryGeoJson = area.BoundaryGeoJson,
        Latitude = area.Latitude.ToString("0.######", LocalizationSetup.German),
        Longitude = area.Longitude.ToString("0.######", LocalizationSetup.German),
        TopicSlugs = [.. topicSlugs],
    };

    /// <summary>
    /// The input for <see cref="SaveProgrammeArea"/> and the fields whose text is no number (German source text).
    /// An unknown programme or status stays empty, so the check's "Bitte wählen Sie … aus der Liste" answers it.
    /// </summary>
    public (SaveProgrammeArea.Input Input, List<SaveProgrammeArea.FieldError> Errors) ToInput(IEnumerable<SaveProgrammeArea.ContactInput> contacts)
    {
        var errors = new List<SaveProgrammeArea.FieldError>();
        var input = new SaveProgrammeArea.Input
        {
            Name = Blank(Name),
            MunicipalityAgs = Blank(MunicipalityAgs),
            // Enum.TryParse also takes numbers ("7"), which a forged form could send; only names count.
            Programme = Enum.GetValues<UrbanDevelopmentProgramme>().Cast<UrbanDevelopmentProgramme?>().FirstOrDefault(p => p.ToString() == Programme?.Trim()),
            Status = Enum.GetValues<ProgrammeAreaStatus>().Cast<ProgrammeAreaStatus?>().FirstOrDefault(s => s.ToString() == Status?.Trim()),
            AdmissionYear = Whole(AdmissionYear, nameof(AdmissionYear), "Bitte geben Sie das Aufnahmejahr als Jahreszahl ein, z. B. 2015."),
            EndYear = Whole(EndYear, nameof(EndYear), "Bitte geben Sie das Endjahr als Jahreszahl ein, z. B. 2027."),
            SizeHectares = Size(SizeHectares),
            Population = Whole(Population, nameof(Population), "Bitte geben Sie die Einwohnerzahl als ganze Zahl ein, z. B. 8400."),
            Description = Blank(Description),
            PlanTitle = Blank(PlanTitle),
            BoundaryGeoJson = Blank(BoundaryGeoJson),
            Latitude = Coordinate(Latitude, nameof(Latitude), "Bitte geben Sie den Breitengrad als Dezimalzahl ein, z. B. 51,4556."),
            Longitude = Coordinate(Longitude, nameof(Longitude), "Bitte geben Sie den Längengrad als Dezimalzahl ein, z. B. 7,0116."),
            TopicSlugs = [.. TopicSlugs],
            Contacts = [.. contacts],
        };
        var halfAPoint = input is { Latitude: null, Longitude: not null } or { Latitude: not null, Longitude: null };
        if (halfAPoint && input.BoundaryGeoJson is null && !errors.Any(e => e.Field is nameof(Latitude) or nameof(Longitude)))
        {
            errors.Add(new(input.Latitude is null ? nameof(Latitude) : nameof(Longitude), "Bitte geben Sie Breiten- und Längengrad zusammen an.", []));
        }

        return (input, errors);

        int? Whole(string? text, string field, string message)
        {
            if (Blank(text) is not { } value)
            {
                return null;
            }

            if (int.TryParse(value.Replace(".", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors.Add(new(field, message, []));
            return null;
        }

        decimal? Size(string? text)
        {
            if (Blank(text) is not { } value)
            {
                return null;
            }

            if (GermanNumber.TryParseDecimal(value, out var number))
            {
                return number;
            }

            errors.Add(new(nameof(SizeHectares), "Bitte geben Sie die Größe in Hektar als Zahl ein, z. B. 12,5.", []));
            return null;
        }

        double? Coordinate(string? text, string field, string message)
        {
            if (Blank(text) is not { } value)
            {
                return null;
            }

            if (GermanNumber.TryParseCoordinate(value, out var number))
            {
                return number;
            }

            errors.Add(new(field, message, []));
            return null;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Reads numbers as people in Germany type them, and tolerates the dot that GIS tools write.</summary>
internal static class GermanNumber
{
    /// <summary>"12,5", "1.200,5", "1200" and – when the dot cannot be a thousands separator – "12.5".</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        var trimmed = text.Trim();
        var lastDot = trimmed.LastIndexOf('.');
        if (!trimmed.Contains(',', StringComparison.Ordinal) && lastDot >= 0 && trimmed.Count(c => c == '.') == 1 && trimmed.Length - lastDot - 1 != 3)
        {
            return decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        return decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, LocalizationSetup.German, out value);
    }

    /// <summary>Degrees with a comma or a dot ("51,4556", "51.4556", "-0,5"); coordinates never have thousands separators.</summary>
    public static bool TryParseCoordinate(string text, out double value) =>
        double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

/// <summary>What the shared form partial of the create and edit pages needs.</summary>
internal sealed record AreaFormModel(
    ModelStateDictionary State,
    AreaFormInput Input,
    IReadOnlyList<AreaMunicipalityOption> Municipalities,
    IReadOnlyList<TopicGroup> Topics,
    string? TileUrl,
    string SubmitLabel)
{
    public string? ErrorOf(string field) =>
        State.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string? Attempted(string field, string? current) =>
        State.TryGetValue("Input." + field, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : current;
}

/// <summary>Loads what the office's area pages show and turns the checks' messages into model-state errors.</summary>
internal static class OfficeAreaForm
{
    /// <summary>The area form's request limit: a boundary file and the same text in the field, plus the other fields.</summary>
    public const long MaxRequestBytes = (2L * AreaGeometry.MaxGeoJsonLength) + (256 * 1024);

    /// <summary>The map's background tiles, as the CSP allows them (one rule for every map of the site).</summary>
    public static string? TileUrl(IConfiguration configuration) => SecurityHeaders.TileUrl(configuration);

    public static Task<List<AreaMunicipalityOption>> MunicipalitiesAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new AreaMunicipalityOption(m.Ags, m.Name))
            .ToListAsync(cancellationToken);

    public static async Task<List<AreaContactRow>> ContactsAsync(QuartiersnetzDbContext db, Guid areaId, CancellationToken cancellationToken) =>
        await db.Set<ProgrammeAreaContact>().AsNoTracking()
            .Where(c => c.AreaId == areaId)
            .Join(db.Users, c => c.PersonId, u => u.Id, (c, u) => new { c.PersonId, u.DisplayName, c.Role })
            .OrderBy(c => c.DisplayName).ThenBy(c => c.PersonId)
            .Select(c => new AreaContactRow(c.PersonId, c.DisplayName, c.Role))
            .ToListAsync(cancellationToken);

    /// <summary>Up to 20 people whose name or e-mail address contains the text.</summary>
    public static async Task<List<AreaPersonOption>> FindPeopleAsync(QuartiersnetzDbContext db, string text, CancellationToken cancellationToken)
    {
        var lower = text.Trim().ToLowerInvariant();
        var upper = text.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
        return await db.Users.AsNoTracking()
            .Where(u => u.DisplayName.ToLower().Contains(lower) || u.NormalizedEmail!.Contains(upper))
#pragma warning restore CA1304, CA1311, CA1862
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(20)
            .Select(u => new AreaPersonOption(u.Id, u.DisplayName, u.Email,
                db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds the checks' messages, localized with their arguments, under the form's field names.</summary>
    public static void AddErrors(ModelStateDictionary state, IStringLocalizer l, IEnumerable<SaveProgrammeArea.FieldError> errors)
    {
        foreach (var error in errors)
        {
            state.AddModelError(error.Field.Length == 0 ? "" : "Input." + error.Field, l[error.Message, error.Arguments]);
        }
    }

    /// <summary>
    /// Takes an uploaded boundary file into the form's GeoJSON field (so it also survives a failed check), or adds
    /// the file's problem to the model state and answers false.
    /// </summary>
    public static async Task<bool> TakeBoundaryFileAsync(PageModel page, AreaFormInput input, IFormFile? file, IStringLocalizer l, CancellationToken cancellationToken)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return true;
        }

        var (text, error) = await ReadBoundaryFileAsync(file, cancellationToken);
        if (error is not null)
        {
            page.ModelState.AddModelError("BoundaryFile", l[error]);
            return false;
        }

        input.BoundaryGeoJson = text;
        page.ModelState.SetModelValue("Input." + nameof(AreaFormInput.BoundaryGeoJson), text, text);
        return true;
    }

    /// <summary>
    /// Reads an uploaded boundary file: UTF-8 text of at most <see cref="AreaGeometry.MaxGeoJsonLength"/> bytes that
    /// parses as JSON. The geometry itself is checked with the rest of the input.
    /// </summary>
    public static async Task<(string? GeoJson, string? Error)> ReadBoundaryFileAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > AreaGeometry.MaxGeoJsonLength)
        {
            return (null, "Die GeoJSON-Datei ist zu groß. Erlaubt ist höchstens 1 MB.");
        }

        if (file.Length == 0)
        {
            return (null, "Die GeoJSON-Datei ist leer.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, "Die Datei ist keine GeoJSON-Datei (Text in UTF-8). Bitte laden Sie eine .geojson- oder .json-Datei hoch.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "Die Datei enthält kein GeoJSON-Objekt.");
            }
        }
        catch (JsonException)
        {
            return (null, "Die Datei ist keine GeoJSON-Datei (kein lesbares JSON). Bitte laden Sie eine .geojson- oder .json-Datei hoch.");
        }

        return (text, null);
    }
}
