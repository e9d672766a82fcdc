using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The office creates, changes and deletes programme areas — through the form, the API and the import, which all
/// check alike here. Every change is audited with before and after; the boundary is audited as "geändert" only.
/// </summary>
internal static class SaveProgrammeArea
{
    /// <summary>Earliest year of admission: the Städtebauförderung began in 1971.</summary>
    public const int FirstYear = 1971;

    public const int LastYear = 2100;

    internal sealed class ContactInput
    {
        public Guid PersonId { get; set; }

        [StringLength(ProgrammeAreaContact.RoleMaxLength, ErrorMessage = "Die Rolle darf höchstens {1} Zeichen haben.")]
        public string? Role { get; set; }
    }

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Namen des Gebiets ein.")]
        [StringLength(ProgrammeArea.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie eine Gemeinde aus der Liste.")]
        [RegularExpression("^05[0-9]{6}$", ErrorMessage = "Der Gemeindeschlüssel (AGS) einer NRW-Gemeinde hat 8 Ziffern und beginnt mit 05.")]
        [Display(Name = "Gemeinde")]
        public string? MunicipalityAgs { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie ein Programm aus der Liste.")]
        [EnumDataType(typeof(UrbanDevelopmentProgramme), ErrorMessage = "Bitte wählen Sie ein Programm aus der Liste.")]
        [Display(Name = "Programm")]
        public UrbanDevelopmentProgramme? Programme { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie einen Stand aus der Liste.")]
        [EnumDataType(typeof(ProgrammeAreaStatus), ErrorMessage = "Bitte wählen Sie einen Stand aus der Liste.")]
        [Display(Name = "Stand")]
        public ProgrammeAreaStatus? Status { get; set; }

        [Range(FirstYear, LastYear, ErrorMessage = "Das Aufnahmejahr muss zwischen {1} und {2} liegen.")]
        [Display(Name = "Aufnahmejahr")]
        public int? AdmissionYear { get; set; }

        [Range(FirstYear, LastYear, ErrorMessage = "Das Endjahr muss zwischen {1} und {2} liegen.")]
        [Display(Name = "Endjahr")]
        public int? EndYear { get; set; }

        [Range(typeof(decimal), "0.01", "100000", ParseLimitsInInvariantCulture = true, ErrorMessage = "Die Größe muss zwischen 0,01 und 100.000 Hektar liegen.")]
        [Display(Name = "Größe in Hektar")]
        public decimal? SizeHectares { get; set; }

        [Range(0, 2_000_000, ErrorMessage = "Die Einwohnerzahl muss zwischen {1} und {2} liegen.")]
        [Display(Name = "Einwohnerinnen und Einwohner")]
        public int? Population { get; set; }

        [StringLength(ProgrammeArea.DescriptionMaxLength, ErrorMessage = "Die Beschreibung darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Beschreibung")]
        public string? Description { get; set; }

        /// <summary>GeoJSON geometry, Feature or one-feature FeatureCollection (WGS84); empty keeps only the point.</summary>
        [Display(Name = "Grenze (GeoJSON)")]
        public string? BoundaryGeoJson { get; set; }

        [Display(Name = "Breitengrad")]
        public double? Latitude { get; set; }

        [Display(Name = "Längengrad")]
        public double? Longitude { get; set; }

        [StringLength(ProgrammeArea.PlanTitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        [Display(Name = "Titel des Entwicklungskonzepts")]
        public string? PlanTitle { get; set; }

        public List<string> TopicSlugs { get; set; } = [];

        public List<ContactInput> Contacts { get; set; } = [];
    }

    /// <summary>A German message (source text for the localizer, with its arguments) for one input field ("" for the whole input).</summary>
    internal sealed record FieldError(string Field, string Message, object[] Arguments);

    internal sealed record Outcome(Guid? Id, IReadOnlyList<FieldError> Errors, bool NotFound = false)
    {
        public bool Succeeded => Errors.Count == 0 && !NotFound;
    }

    /// <summary>What the checks look up, loaded once for one input or for a whole import file.</summary>
    internal sealed class References
    {
        public required Dictionary<string, (string Name, string? Boundary)> Municipalities { get; init; }

        /// <summary>Existing areas by municipality and folded name.</summary>
        public required Dictionary<(string Ags, string SortKey), Guid> Areas { get; init; }

        public required HashSet<Guid> People { get; init; }

        public static async Task<References> LoadAsync(
            QuartiersnetzDbContext db, IReadOnlyCollection<string> ags, IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
        {
            var municipalities = await db.Set<Municipality>().AsNoTracking().Where(m => ags.Contains(m.Ags))
                .Select(m => new { m.Ags, m.Name, m.BoundaryGeoJson }).ToListAsync(cancellationToken);
            var areas = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => ags.Contains(a.MunicipalityAgs))
                .Select(a => new { a.MunicipalityAgs, a.SortKey, a.Id }).ToListAsync(cancellationToken);
            var known = people.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
            return new References
            {
                Municipalities = municipalities.ToDictionary(m => m.Ags, m => (m.Name, m.BoundaryGeoJson)),
                Areas = areas.ToDictionary(a => (a.MunicipalityAgs, a.SortKey), a => a.Id),
                People = [.. known],
            };
        }
    }

    /// <summary>The checked values, ready to apply to an area.</summary>
    internal sealed record Checked(Input Input, string Name, string SortKey, string Ags, string MunicipalityName, CheckedBoundary? Boundary, double Latitude, double Longitude);

    public static async Task<Outcome> CreateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Input input, CancellationToken cancellationToken)
    {
        var references = await LoadFor(db, input, cancellationToken);
        var (errors, checkedInput) = Check(input, null, references);
        if (checkedInput is null)
        {
            return new Outcome(null, errors);
        }

        var area = new ProgrammeArea { CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var topics = await AssignTopics.HandleAsync(db, TopicKinds.ProgrammeArea, area.Id.ToString(), input.TopicSlugs, cancellationToken);
        if (!topics.Succeeded)
        {
            return new Outcome(null, [new FieldError(nameof(Input.TopicSlugs), topics.Error!, [])]);
        }

        var changes = Apply(area, checkedInput, clock);
        db.Add(area);
        ReplaceContacts(db, area.Id, [], input.Contacts, changes);
        audit.Record(actor, "area.created", "Programmgebiet", area.Id.ToString(), area.Name, changes);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(area.Id, []);
    }

    public static async Task<Outcome> UpdateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, Input input, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return new Outcome(null, [], NotFound: true);
        }

        var references = await LoadFor(db, input, cancellationToken);
        var (errors, checkedInput) = Check(input, id, references);
        if (checkedInput is null)
        {
            return new Outcome(id, errors);
        }

        var topics = await AssignTopics.HandleAsync(db, TopicKinds.ProgrammeArea, id.ToString(), input.TopicSlugs, cancellationToken);
        if (!topics.Succeeded)
        {
            return new Outcome(id, [new FieldError(nameof(Input.TopicSlugs), topics.Error!, [])]);
        }

        var changes = Apply(area, checkedInput, clock);
        var contacts = await db.Set<ProgrammeAreaContact>().Where(c => c.AreaId == id).ToListAsync(cancellationToken);
        ReplaceContacts(db, id, contacts, input.Contacts, changes);
        if (changes.Count > 0)
        {
            audit.Record(actor, "area.updated", "Programmgebiet", id.ToString(), area.Name, changes);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(id, []);
    }

    public static async Task<bool> DeleteAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, IFileStorage files, Guid id, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return false;
        }

        var key = id.ToString();
        db.RemoveRange(await db.Set<TopicAssignment>().Where(a => a.ItemKind == TopicKinds.ProgrammeArea && a.ItemKey == key).ToListAsync(cancellationToken));
        db.Remove(area);
        audit.Record(actor, "area.deleted", "Programmgebiet", key, area.Name, [new AuditChange("Name", area.Name, null), new AuditChange("Gemeinde", area.MunicipalityAgs, null)]);
        await db.SaveChangesAsync(cancellationToken);
        if (area.PlanFileName is not null)
        {
            // After the commit: a failed delete leaves an orphan file, never an area pointing at a missing file.
            await files.DeleteAsync(area.PlanFileName, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Checks one input against the loaded references. <paramref name="id"/> is the area being changed (null for a new
    /// one), so it does not collide with its own name.
    /// </summary>
    public static (IReadOnlyList<FieldError> Errors, Checked? Checked) Check(Input input, Guid? id, References references)
    {
        var errors = new List<FieldError>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            // The attributes format their own placeholders, so the message is final German text.
            errors.AddRange(results.Select(r => new FieldError(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "", [])));
        }

        foreach (var contact in input.Contacts)
        {
            if (!references.People.Contains(contact.PersonId))
            {
                errors.Add(new FieldError(nameof(Input.Contacts), "Bitte wählen Sie Ansprechpersonen aus dem Verzeichnis.", []));
            }
            else if (string.IsNullOrWhiteSpace(contact.Role) || contact.Role.Trim().Length > ProgrammeAreaContact.RoleMaxLength)
            {
                errors.Add(new FieldError(nameof(Input.Contacts), "Bitte geben Sie für jede Ansprechperson eine Rolle an (höchstens {0} Zeichen), z. B. Quartiersmanagement.", [ProgrammeAreaContact.RoleMaxLength]));
            }
        }

        if (input.Contacts.Select(c => c.PersonId).Distinct().Count() != input.Contacts.Count)
        {
            errors.Add(new FieldError(nameof(Input.Contacts), "Jede Person kann nur einmal Ansprechperson eines Gebiets sein.", []));
        }

        if (input is { AdmissionYear: { } from, EndYear: { } to } && to < from)
        {
            errors.Add(new FieldError(nameof(Input.EndYear), "Das Endjahr darf nicht vor dem Aufnahmejahr liegen.", []));
        }

        if (errors.Count > 0 || input.Name is null || input.MunicipalityAgs is null)
        {
            return (errors, null);
        }

        if (!references.Municipalities.TryGetValue(input.MunicipalityAgs, out var municipality))
        {
            return ([new FieldError(nameof(Input.MunicipalityAgs), "Es gibt keine NRW-Gemeinde mit dem Schlüssel {0}.", [input.MunicipalityAgs])], null);
        }

        var name = input.Name.Trim();
        var sortKey = GermanSortKey.For(name);
        if (references.Areas.TryGetValue((input.MunicipalityAgs, sortKey), out var other) && other != id)
        {
            return ([new FieldError(nameof(Input.Name), "In {0} gibt es bereits ein Programmgebiet mit dem Namen „{1}“.", [municipality.Name, name])], null);
        }

        CheckedBoundary? boundary = null;
        double latitude, longitude;
        if (!string.IsNullOrWhiteSpace(input.BoundaryGeoJson))
        {
            var check = AreaGeometry.CheckBoundary(input.BoundaryGeoJson, municipality.Boundary, municipality.Name);
            if (check.Boundary is null)
            {
                return ([new FieldError(nameof(Input.BoundaryGeoJson), check.Error!, check.ErrorArguments)], null);
            }

            boundary = check.Boundary;
            (latitude, longitude) = (boundary.Latitude, boundary.Longitude);
        }
        else if (input is { Latitude: { } lat, Longitude: { } lon })
        {
            if (AreaGeometry.CheckPoint(lat, lon, municipality.Boundary, municipality.Name, out var arguments) is { } pointError)
            {
                return ([new FieldError(nameof(Input.Latitude), pointError, arguments)], null);
            }

            (latitude, longitude) = (Math.Round(lat, 6), Math.Round(lon, 6));
        }
        else
        {
            return ([new FieldError(nameof(Input.BoundaryGeoJson), "Bitte geben Sie die Grenze des Gebiets (GeoJSON) oder mindestens einen Punkt (Breiten- und Längengrad) an.", [])], null);
        }

        return ([], new Checked(input, name, sortKey, input.MunicipalityAgs, municipality.Name, boundary, latitude, longitude));
    }

    /// <summary>Sets the checked values on the area and returns what changed, for the audit log.</summary>
    public static List<AuditChange> Apply(ProgrammeArea area, Checked value, TimeProvider clock)
    {
        var input = value.Input;
        var changes = new List<AuditChange>();
        var isNew = area.Name.Length == 0;
        Set("Name", isNew ? null : area.Name, value.Name, v => (area.Name, area.SortKey) = (v!, value.SortKey));
        Set("Gemeinde", isNew ? null : area.MunicipalityAgs, value.Ags, v => area.MunicipalityAgs = v!);
        Set("Programm", isNew ? null : ProgrammeAreaLabels.Label(area.Programme), ProgrammeAreaLabels.Label(input.Programme!.Value), _ => area.Programme = input.Programme.Value);
        Set("Stand", isNew ? null : ProgrammeAreaLabels.Label(area.Status), ProgrammeAreaLabels.Label(input.Status!.Value), _ => area.Status = input.Status.Value);
        Set("Aufnahmejahr", Text(area.AdmissionYear), Text(input.AdmissionYear), _ => area.AdmissionYear = input.AdmissionYear);
        Set("Endjahr", Text(area.EndYear), Text(input.EndYear), _ => area.EndYear = input.EndYear);
        Set("Größe in Hektar", Text(area.SizeHectares), Text(input.SizeHectares), _ => area.SizeHectares = input.SizeHectares);
        Set("Einwohnerinnen und Einwohner", Text(area.Population), Text(input.Population), _ => area.Population = input.Population);
        Set("Beschreibung", area.Description, Blank(input.Description), v => area.Description = v);
        Set("Titel des Entwicklungskonzepts", area.PlanTitle, Blank(input.PlanTitle), v => area.PlanTitle = v);
        if (!AreaGeometry.SameShape(area.BoundaryGeoJson, value.Boundary?.BoundaryGeoJson))
        {
            // Coordinates are no use in an audit trail; that the boundary changed is.
            changes.Add(new AuditChange("Grenze", area.BoundaryGeoJson is null ? null : "vorhanden", value.Boundary is null ? null : "geändert"));
            area.BoundaryGeoJson = value.Boundary?.BoundaryGeoJson;
            area.MapGeoJson = value.Boundary?.MapGeoJson;
        }

        Set("Punkt", isNew ? null : Point(area.Latitude, area.Longitude), Point(value.Latitude, value.Longitude), _ => (area.Latitude, area.Longitude) = (value.Latitude, value.Longitude));
        if (changes.Count > 0)
        {
            area.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        }

        return changes;

        void Set(string field, string? before, string? after, Action<string?> assign)
        {
            if (before != after)
            {
                changes.Add(new AuditChange(field, before, after));
                assign(after);
            }
        }
    }

    private static void ReplaceContacts(
        QuartiersnetzDbContext db, Guid areaId, List<ProgrammeAreaContact> current, List<ContactInput> wanted, List<AuditChange> changes)
    {
        var before = string.Join(", ", current.OrderBy(c => c.PersonId).Select(c => $"{c.PersonId} ({c.Role})"));
        db.RemoveRange(current.Where(c => wanted.All(w => w.PersonId != c.PersonId)));
        foreach (var contact in wanted)
        {
            var role = contact.Role!.Trim();
            if (current.Find(c => c.PersonId == contact.PersonId) is { } existing)
            {
                existing.Role = role;
            }
            else
            {
                db.Add(new ProgrammeAreaContact { AreaId = areaId, PersonId = contact.PersonId, Role = role });
            }
        }

        var after = string.Join(", ", wanted.OrderBy(c => c.PersonId).Select(c => $"{c.PersonId} ({c.Role!.Trim()})"));
        if (before != after)
        {
            changes.Add(new AuditChange("Ansprechpersonen", before.Length == 0 ? null : before, after.Length == 0 ? null : after));
        }
    }

    private static Task<References> LoadFor(QuartiersnetzDbContext db, Input input, CancellationToken cancellationToken) =>
        References.LoadAsync(db, input.MunicipalityAgs is { } ags ? [ags] : [], input.Contacts.Select(c => c.PersonId).ToList(), cancellationToken);

    private static string? Text<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture);

    private static string Point(double latitude, double longitude) => string.Create(CultureInfo.InvariantCulture, $"{latitude:0.######}, {longitude:0.######}");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
