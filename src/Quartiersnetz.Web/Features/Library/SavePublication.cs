using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Library;

/// <summary>A refusal: the input field (PascalCase, as in the form) and a German source text with its arguments.</summary>
internal sealed record PublicationRefusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office describes, publishes and deletes publications and attaches their files. Every check runs before anything is
/// stored: a refused publication or file leaves neither a row nor a file behind.
/// </summary>
internal static partial class SavePublication
{
    /// <summary>More files would make one publication an archive; annexes beyond this belong in a publication of their own.</summary>
    public const int MaxFiles = 20;

    /// <summary>Configuration key of the largest file accepted, in megabytes.</summary>
    public const string MaxMegabytesKey = "Library:MaxFileMegabytes";

    public const int DefaultMaxMegabytes = 50;

    /// <summary>The request limit of the upload page: the largest configurable file plus the form around it.</summary>
    public const long MaxRequestBytes = 110L * 1024 * 1024;

    public const int MaxContributors = 30;

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte wählen Sie die Art der Veröffentlichung.")]
        public PublicationType? Type { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie den Titel ein.")]
        [StringLength(Publication.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        [StringLength(Publication.SubtitleMaxLength, ErrorMessage = "Der Untertitel darf höchstens {1} Zeichen haben.")]
        public string? Subtitle { get; set; }

        /// <summary>The address part (/bibliothek/{slug}); made from the title when left out.</summary>
        [StringLength(Publication.SlugMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? Slug { get; set; }

        public List<string> Authors { get; set; } = [];

        public List<string> Editors { get; set; } = [];

        [StringLength(Publication.PublisherMaxLength, ErrorMessage = "Der Verlag oder die herausgebende Stelle darf höchstens {1} Zeichen haben.")]
        public string? Publisher { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie das Erscheinungsjahr an.")]
        public int? Year { get; set; }

        public DateOnly? PublishedOn { get; set; }

        [Required(ErrorMessage = "Bitte fassen Sie den Inhalt kurz zusammen.")]
        [StringLength(Publication.AbstractMaxLength, ErrorMessage = "Die Zusammenfassung darf höchstens {1} Zeichen haben.")]
        public string? Abstract { get; set; }

        public string Language { get; set; } = "de";

        [StringLength(Publication.LicenceMaxLength, ErrorMessage = "Die Lizenz darf höchstens {1} Zeichen haben.")]
        public string? Licence { get; set; }

        public string? Doi { get; set; }

        public string? Isbn { get; set; }

        public string? Urn { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie, wer die Veröffentlichung lesen darf.")]
        public PublicationVisibility? Visibility { get; set; }

        /// <summary>Published (shown to its readers) or a draft only the office sees.</summary>
        public bool Published { get; set; }

        public List<string> Topics { get; set; } = [];

        /// <summary>Municipalities the publication is about: AGS (8 digits) or name, one per line.</summary>
        public List<string> Municipalities { get; set; } = [];

        /// <summary>Programme areas (Fördergebiete) the publication is about, one per line: "Gemeinde: Gebietsname", or the name alone when unique.</summary>
        public List<string> Areas { get; set; } = [];

        /// <summary>Events the publication belongs to, one per line: the event's address (/veranstaltungen/…), its id, or its exact title.</summary>
        public List<string> RelatedEvents { get; set; } = [];

        /// <summary>Related publications, one per line: address (/bibliothek/…), slug or exact title. Shown on both pages.</summary>
        public List<string> RelatedPublications { get; set; } = [];
    }

    /// <summary>
    /// An input that passed every check, with its values cleaned and its references resolved; what
    /// <see cref="StageAsync"/> writes. Form, API and CSV import all go through <see cref="CheckAsync"/>.
    /// </summary>
    internal sealed record Checked(
        Input Input, Publication? Existing, string? Slug, List<string> Authors, List<string> Editors, string? Doi, string? Isbn, string? Urn,
        List<string> Municipalities, List<Guid> Areas, List<Guid> Events, List<Guid> RelatedPublications);

    public const int MaxMunicipalities = 50;

    /// <summary>The languages a publication can be in (ISO 639-1 code, German name as localizer key).</summary>
    public static IReadOnlyList<(string Code, string Label)> Languages { get; } = [("de", "Deutsch"), ("en", "Englisch")];

    internal sealed record Outcome(Guid? Id, string? Slug, IReadOnlyList<PublicationRefusal> Refusals)
    {
        public bool Succeeded => Refusals.Count == 0;

        public static Outcome Refused(params PublicationRefusal[] refusals) => new(null, null, refusals);
    }

    public static async Task<Outcome> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid? id, Input input, CancellationToken cancellationToken)
    {
        var (valid, refusals) = await CheckAsync(db, clock, id, input, cancellationToken);
        if (valid is null)
        {
            return new Outcome(null, null, refusals);
        }

        var (publication, isNew, topicRefusal) = await StageAsync(db, clock, valid, cancellationToken);
        if (topicRefusal is not null)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(topicRefusal);
        }

        audit.Record(actor, isNew ? "publication.created" : "publication.updated", "Veröffentlichung", publication.Id.ToString(), publication.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Someone saved a publication with this address between our check and our write, and the unique index
            // refused ours: answer as the check would have. Anything else is a bug and stays an error.
            var taken = publication.Slug;
            var publicationId = publication.Id;
            db.ChangeTracker.Clear();
            if (!await db.Set<Publication>().AnyAsync(p => p.Slug == taken && p.Id != publicationId, cancellationToken))
            {
                throw;
            }

            return Outcome.Refused(new PublicationRefusal(nameof(Input.Slug), "Die Adresse „{0}“ hat schon eine andere Veröffentlichung. Bitte wählen Sie eine andere.", taken));
        }

        return new Outcome(publication.Id, publication.Slug, []);
    }

    /// <summary>
    /// Every rule of a publication's input, without writing anything: the checked input, or null with the refusals.
    /// <paramref name="id"/> is the publication being changed (null for a new one).
    /// </summary>
    public static async Task<(Checked? Valid, List<PublicationRefusal> Refusals)> CheckAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Guid? id, Input input, CancellationToken cancellationToken)
    {
        var refusals = new List<PublicationRefusal>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        refusals.AddRange(results.Select(r => new PublicationRefusal(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "")));

        Publication? publication = null;
        if (id is { } existingId)
        {
            publication = await db.Set<Publication>().SingleOrDefaultAsync(p => p.Id == existingId, cancellationToken);
            if (publication is null)
            {
                return (null, [new PublicationRefusal("", "Diese Veröffentlichung gibt es nicht mehr.")]);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (slug is not null && !Slugs.IsValid(slug))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, z. B. arbeitshilfe-verfuegungsfonds."));
        }
        else if (slug is not null && await db.Set<Publication>().AnyAsync(p => p.Slug == slug && p.Id != (id ?? Guid.Empty), cancellationToken))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse „{0}“ hat schon eine andere Veröffentlichung. Bitte wählen Sie eine andere.", slug));
        }

        var maxYear = now.Year + 1;
        if (input.Year is { } year && (year < Publication.MinYear || year > maxYear))
        {
            refusals.Add(new(nameof(Input.Year), "Das Erscheinungsjahr muss zwischen {0} und {1} liegen.", Publication.MinYear, maxYear));
        }
        else if (input.PublishedOn is { } day && input.Year is { } y && day.Year != y)
        {
            refusals.Add(new(nameof(Input.PublishedOn), "Das Erscheinungsdatum liegt nicht im Erscheinungsjahr {0}.", y));
        }

        var authors = Names(input.Authors);
        var editors = Names(input.Editors);
        if (authors.Count + editors.Count == 0)
        {
            refusals.Add(new(nameof(Input.Authors), "Bitte nennen Sie mindestens eine Autorin, einen Autor oder eine herausgebende Stelle."));
        }
        else if (authors.Count + editors.Count > MaxContributors)
        {
            refusals.Add(new(nameof(Input.Authors), "Es können höchstens {0} Autorinnen, Autoren und Herausgebende genannt werden.", MaxContributors));
        }
        else if (authors.Concat(editors).FirstOrDefault(n => n.Length > PublicationContributor.NameMaxLength) is { } tooLong)
        {
            refusals.Add(new(nameof(Input.Authors), "Ein Name darf höchstens {0} Zeichen haben: „{1}…“", PublicationContributor.NameMaxLength, tooLong[..40]));
        }

        if (Languages.All(l => l.Code != input.Language))
        {
            refusals.Add(new(nameof(Input.Language), "Bitte wählen Sie eine Sprache aus der Liste."));
        }

        var doi = Clean(input.Doi);
        if (doi is not null)
        {
            doi = doi.StartsWith("https://doi.org/", StringComparison.OrdinalIgnoreCase) ? doi["https://doi.org/".Length..] : doi;
            if (!DoiPattern().IsMatch(doi) || doi.Length > Publication.IdentifierMaxLength)
            {
                refusals.Add(new(nameof(Input.Doi), "Die DOI hat nicht die Form 10.1234/abc (auch als https://doi.org/10.1234/abc)."));
            }
        }

        var isbn = Clean(input.Isbn);
        if (isbn is not null && !IsValidIsbn(isbn))
        {
            refusals.Add(new(nameof(Input.Isbn), "Die ISBN ist nicht gültig (10 oder 13 Ziffern mit Prüfziffer, Bindestriche erlaubt)."));
        }

        var urn = Clean(input.Urn);
        if (urn is not null && (!UrnPattern().IsMatch(urn) || urn.Length > Publication.IdentifierMaxLength))
        {
            refusals.Add(new(nameof(Input.Urn), "Die URN hat nicht die Form urn:nbn:de:…"));
        }

        var municipalities = await MunicipalitiesAsync(db, Names(input.Municipalities), refusals, cancellationToken);
        var areas = await AreasAsync(db, Names(input.Areas), refusals, cancellationToken);
        var events = await EventsAsync(db, Names(input.RelatedEvents), refusals, cancellationToken);
        var related = await RelatedPublicationsAsync(db, id, Names(input.RelatedPublications), refusals, cancellationToken);
        return refusals.Count > 0
            ? (null, refusals)
            : (new Checked(input, publication, slug, authors, editors, doi, isbn, urn, municipalities, areas, events, related), refusals);
    }

    /// <summary>
    /// Adds or changes the checked publication with its contributors, topics, municipalities and links in the context,
    /// without saving: the caller audits and saves once (one publication from the form, a whole file from the import).
    /// A topic the assignment refuses comes back as a refusal; the caller then clears the context.
    /// </summary>
    public static async Task<(Publication Publication, bool IsNew, PublicationRefusal? Refusal)> StageAsync(
        QuartiersnetzDbContext db, TimeProvider clock, Checked valid, CancellationToken cancellationToken)
    {
        var input = valid.Input;
        var now = clock.GetUtcNow().UtcDateTime;
        var publication = valid.Existing;
        var isNew = publication is null;
        publication ??= new Publication { CreatedAtUtc = now };
        publication.Slug = valid.Slug ?? (publication.Slug.Length > 0 ? publication.Slug : await FreeSlugAsync(db, input.Title!, cancellationToken));
        publication.Type = input.Type!.Value;
        publication.Title = input.Title!.Trim();
        publication.Subtitle = Clean(input.Subtitle);
        publication.Publisher = Clean(input.Publisher);
        publication.Year = input.Year!.Value;
        publication.PublishedOn = input.PublishedOn;
        publication.Abstract = input.Abstract!.Trim();
        publication.Language = input.Language;
        publication.Licence = Clean(input.Licence);
        publication.Doi = valid.Doi;
        publication.Isbn = valid.Isbn;
        publication.Urn = valid.Urn;
        publication.Visibility = input.Visibility!.Value;
        publication.PublishedAtUtc = input.Published ? publication.PublishedAtUtc ?? now : null;
        publication.UpdatedAtUtc = now;
        if (isNew)
        {
            db.Add(publication);
        }

        var topics = await AssignTopics.HandleAsync(db, Publication.TopicKind, publication.Id.ToString(), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            return (publication, isNew, new PublicationRefusal(nameof(Input.Topics), topics.Error!));
        }

        // Contributors are replaced as a whole: their order is the title page's.
        db.RemoveRange(await db.Set<PublicationContributor>().Where(c => c.PublicationId == publication.Id).ToListAsync(cancellationToken));
        var position = 0;
        var links = await ContributorLinks.ResolveAsync(db, valid.Authors.Concat(valid.Editors), cancellationToken);
        foreach (var (name, isEditor) in valid.Authors.Select(a => (a, false)).Concat(valid.Editors.Select(e => (e, true))))
        {
            var link = ContributorLinks.For(links, name);
            db.Add(new PublicationContributor
            {
                PublicationId = publication.Id, Position = position++, Name = name, IsEditor = isEditor, PersonId = link.PersonId, OrganisationId = link.OrganisationId,
            });
        }

        var municipalities = valid.Municipalities;
        var current = await db.Set<PublicationMunicipality>().Where(m => m.PublicationId == publication.Id).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(m => !municipalities.Contains(m.Ags)));
        foreach (var ags in municipalities.Where(a => current.All(m => m.Ags != a)))
        {
            db.Add(new PublicationMunicipality { PublicationId = publication.Id, Ags = ags });
        }

        var areas = valid.Areas;
        var currentAreas = await db.Set<PublicationArea>().Where(a => a.PublicationId == publication.Id).ToListAsync(cancellationToken);
        db.RemoveRange(currentAreas.Where(a => !areas.Contains(a.AreaId)));
        foreach (var areaId in areas.Where(a => currentAreas.All(c => c.AreaId != a)))
        {
            db.Add(new PublicationArea { PublicationId = publication.Id, AreaId = areaId });
        }

        var events = valid.Events;
        var currentEvents = await db.Set<PublicationEvent>().Where(e => e.PublicationId == publication.Id).ToListAsync(cancellationToken);
        db.RemoveRange(currentEvents.Where(e => !events.Contains(e.EventId)));
        foreach (var eventId in events.Where(e => currentEvents.All(c => c.EventId != e)))
        {
            db.Add(new PublicationEvent { PublicationId = publication.Id, EventId = eventId });
        }

        // A relation is stored once, whichever side named it; the form of either side shows and replaces it.
        var id = publication.Id;
        var related = valid.RelatedPublications;
        var currentRelations = await db.Set<PublicationRelation>().Where(r => r.PublicationId == id || r.RelatedPublicationId == id).ToListAsync(cancellationToken);
        db.RemoveRange(currentRelations.Where(r => !related.Contains(r.PublicationId == id ? r.RelatedPublicationId : r.PublicationId)));
        foreach (var other in related.Where(o => currentRelations.All(r => r.PublicationId != o && r.RelatedPublicationId != o)))
        {
            db.Add(new PublicationRelation { PublicationId = id, RelatedPublicationId = other });
        }

        return (publication, isNew, null);
    }

    /// <summary>Deletes the publication with its contributors, topics and files; false when it does not exist.</summary>
    public static async Task<bool> DeleteAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var publication = await db.Set<Publication>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (publication is null)
        {
            return false;
        }

        var key = publication.Id.ToString();
        var fileKeys = await db.Set<PublicationFile>().Where(f => f.PublicationId == id).Select(f => f.FileKey).ToListAsync(cancellationToken);
        if (publication.CoverKey is { } coverKey)
        {
            fileKeys.Add(coverKey);
        }
        db.RemoveRange(await db.Set<TopicAssignment>().Where(t => t.ItemKind == Publication.TopicKind && t.ItemKey == key).ToListAsync(cancellationToken));
        db.Remove(publication);
        audit.Record(actor, "publication.deleted", "Veröffentlichung", key, publication.Title);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var fileKey in fileKeys)
        {
            await files.DeleteAsync(fileKey, CancellationToken.None);
        }

        return true;
    }

    public enum FileProblem
    {
        None,
        NotFound,
        Missing,
        TooLarge,

        /// <summary>Not a PDF or Word file by its content (whatever its name says).</summary>
        UnknownType,
        NameMismatch,
        Encrypted,
        Damaged,
        TitleTooLong,
        TooMany,
    }

    public static long MaxFileBytes(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue(MaxMegabytesKey, DefaultMaxMegabytes), 1, 100) * 1024L * 1024L;

    /// <summary>
    /// Attaches a PDF or Word file. Its text is extracted afterwards by <see cref="DocumentTextJob"/> (wake it after a
    /// success); until then the publication is found by its description only.
    /// </summary>
    public static async Task<FileProblem> AddFileAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock,
        Guid publicationId, byte[] content, string? title, string? uploadedFileName, long maxBytes, CancellationToken cancellationToken)
    {
        var publication = await db.Set<Publication>().AsNoTracking().Where(p => p.Id == publicationId)
            .Select(p => new { p.Title, Files = db.Set<PublicationFile>().Count(f => f.PublicationId == p.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (publication is null)
        {
            return FileProblem.NotFound;
        }

        if (publication.Files >= MaxFiles)
        {
            return FileProblem.TooMany;
        }

        var problem = CheckDocument(content, maxBytes, uploadedFileName, out var kind, out var pages);
        if (problem != FileProblem.None)
        {
            return problem;
        }

        var name = string.IsNullOrWhiteSpace(title) ? EventDocuments.DefaultTitle(uploadedFileName) : title.Trim();
        if (name.Length == 0)
        {
            name = publication.Title.Length <= PublicationFile.TitleMaxLength ? publication.Title : publication.Title[..PublicationFile.TitleMaxLength];
        }

        if (name.Length > PublicationFile.TitleMaxLength)
        {
            return FileProblem.TitleTooLong;
        }

        var file = new PublicationFile
        {
            PublicationId = publicationId,
            Title = name,
            FileKey = $"publications/{publicationId:N}-{Guid.NewGuid():N}.{kind.Extension}",
            Extension = kind.Extension,
            SizeBytes = content.Length,
            PageCount = pages,
            TextStatus = DocumentTextStatus.Pending,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await files.SaveAsync(file.FileKey, content, cancellationToken);
        db.Add(file);
        audit.Record(actor, "publication.file_added", "Veröffentlichung", publicationId.ToString(), publication.Title,
            [new AuditChange("Datei", null, $"{name} ({kind.Label}, {DocumentContent.FormatSize(content.Length)})")]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row points at the file: it would be an orphan.
            await files.DeleteAsync(file.FileKey, CancellationToken.None);
            throw;
        }

        return FileProblem.None;
    }

    /// <summary>
    /// The rules of a downloadable document (a publication's file, a project's document): not empty, at most
    /// <paramref name="maxBytes"/>, a PDF or Word file by its content (<see cref="DocumentContent"/>: a renamed program, a
    /// spreadsheet or a "zip bomb" is neither), a name that does not promise another format, and a file that opens (a
    /// PDF without a password, not damaged). Gives the detected kind and a PDF's page count; reads the file only in memory.
    /// </summary>
    public static FileProblem CheckDocument(byte[] content, long maxBytes, string? uploadedFileName, out DocumentKind kind, out int? pages)
    {
        kind = DocumentContent.Pdf;
        pages = null;
        var checkedFile = EventDocuments.CheckFile(content, maxBytes, uploadedFileName, out var detected);
        if (checkedFile != EventDocuments.Problem.None)
        {
            return checkedFile switch
            {
                EventDocuments.Problem.Missing => FileProblem.Missing,
                EventDocuments.Problem.TooLarge => FileProblem.TooLarge,
                EventDocuments.Problem.NameMismatch => FileProblem.NameMismatch,
                _ => FileProblem.UnknownType,
            };
        }

        if (detected != DocumentContent.Pdf && detected != DocumentContent.Docx)
        {
            return FileProblem.UnknownType;
        }

        kind = detected;
        var (problem, pageCount) = DocumentText.Inspect(content, detected);
        pages = pageCount;
        return problem switch
        {
            DocumentText.Problem.None => FileProblem.None,
            DocumentText.Problem.Encrypted => FileProblem.Encrypted,
            _ => FileProblem.Damaged,
        };
    }

    public static async Task<bool> RemoveFileAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid publicationId, Guid fileId, CancellationToken cancellationToken)
    {
        // Title and key only: the extracted text of a long PDF can be megabytes.
        var file = await db.Set<PublicationFile>().AsNoTracking().Where(f => f.Id == fileId && f.PublicationId == publicationId)
            .Select(f => new { f.Title, f.FileKey }).SingleOrDefaultAsync(cancellationToken);
        if (file is null)
        {
            return false;
        }

        // Deleted by key; the stub carries the publication, which the search index re-indexes when a file goes.
        db.Remove(new PublicationFile { Id = fileId, PublicationId = publicationId });
        audit.Record(actor, "publication.file_removed", "Veröffentlichung", publicationId.ToString(), file.Title,
            [new AuditChange("Datei", file.Title, null)]);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(file.FileKey, CancellationToken.None);
        return true;
    }

    /// <summary>German message of a file problem (a localizer key) and its arguments.</summary>
    public static (string Message, object[] Args) Describe(FileProblem problem, long maxBytes) => problem switch
    {
        FileProblem.Missing => ("Bitte wählen Sie eine Datei aus.", []),
        FileProblem.TooLarge => ("Die Datei ist zu groß. Erlaubt sind höchstens {0} MB.", [maxBytes / (1024 * 1024)]),
        FileProblem.NameMismatch => ("Der Dateiname passt nicht zum Inhalt der Datei. Bitte prüfen Sie, ob Sie die richtige Datei gewählt haben.", []),
        FileProblem.Encrypted => ("Die PDF-Datei ist mit einem Kennwort geschützt. Bitte laden Sie eine Fassung ohne Kennwort hoch, damit alle sie lesen können.", []),
        FileProblem.Damaged => ("Die Datei lässt sich nicht öffnen; sie ist vermutlich beschädigt.", []),
        FileProblem.TitleTooLong => ("Der Titel der Datei darf höchstens {0} Zeichen haben.", [PublicationFile.TitleMaxLength]),
        FileProblem.TooMany => ("Eine Veröffentlichung kann höchstens {0} Dateien haben.", [MaxFiles]),
        FileProblem.NotFound => ("Diese Veröffentlichung gibt es nicht mehr.", []),
        _ => ("Erlaubt sind PDF- und Word-Dateien (.docx). Die Datei ist keines von beiden.", []),
    };

    /// <summary>
    /// The AGS of the named municipalities, in one query: a line is an AGS or a name as in the municipality directory
    /// (full or short name, case and umlaut spelling aside). Lines that name none or several get a refusal each.
    /// </summary>
    private static async Task<List<string>> MunicipalitiesAsync(
        QuartiersnetzDbContext db, List<string> lines, List<PublicationRefusal> refusals, CancellationToken cancellationToken)
    {
        if (lines.Count > MaxMunicipalities)
        {
            refusals.Add(new(nameof(Input.Municipalities), "Es können höchstens {0} Gemeinden genannt werden.", MaxMunicipalities));
            return [];
        }

        if (lines.Count == 0)
        {
            return [];
        }

        var (found, unresolved) = await MunicipalityNames.ResolveAsync(db, lines, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new PublicationRefusal(nameof(Input.Municipalities), u.Message, u.ShownText)));
        return found;
    }

    /// <summary>The ids of the named programme areas (<see cref="ProgrammeAreaNames"/>); unknown and ambiguous lines get a refusal each.</summary>
    private static async Task<List<Guid>> AreasAsync(
        QuartiersnetzDbContext db, List<string> lines, List<PublicationRefusal> refusals, CancellationToken cancellationToken)
    {
        if (lines.Count > MaxMunicipalities)
        {
            refusals.Add(new(nameof(Input.Areas), "Es können höchstens {0} Fördergebiete genannt werden.", MaxMunicipalities));
            return [];
        }

        var (found, unresolved) = await ProgrammeAreaNames.ResolveAsync(db, lines, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new PublicationRefusal(nameof(Input.Areas), u.Message, u.ShownText)));
        return found;
    }

    /// <summary>The ids of the named events (<see cref="RelatedItemNames"/>: address, id or exact title); the office may name any.</summary>
    private static async Task<List<Guid>> EventsAsync(
        QuartiersnetzDbContext db, List<string> lines, List<PublicationRefusal> refusals, CancellationToken cancellationToken)
    {
        if (lines.Count > RelatedItemNames.MaxLines)
        {
            refusals.Add(new(nameof(Input.RelatedEvents), "Es können höchstens {0} Veranstaltungen genannt werden.", RelatedItemNames.MaxLines));
            return [];
        }

        var (ids, unresolved) = await RelatedItemNames.EventsAsync(db.Set<Event>(), lines, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new PublicationRefusal(nameof(Input.RelatedEvents), u.Message, u.Args)));
        return ids;
    }

    /// <summary>
    /// The ids of the named publications (<see cref="RelatedItemNames"/>: address, slug or exact title; drafts too, the
    /// office names them). A publication cannot be related to itself.
    /// </summary>
    private static async Task<List<Guid>> RelatedPublicationsAsync(
        QuartiersnetzDbContext db, Guid? self, List<string> lines, List<PublicationRefusal> refusals, CancellationToken cancellationToken)
    {
        if (lines.Count > RelatedItemNames.MaxLines)
        {
            refusals.Add(new(nameof(Input.RelatedPublications), "Es können höchstens {0} verwandte Veröffentlichungen genannt werden.", RelatedItemNames.MaxLines));
            return [];
        }

        var (ids, unresolved) = await RelatedItemNames.PublicationsAsync(db.Set<Publication>(), lines, self, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new PublicationRefusal(nameof(Input.RelatedPublications), u.Message, u.Args)));
        return ids;
    }

    /// <summary>Names from text lines: trimmed, blank lines dropped, duplicates kept once.</summary>
    private static List<string> Names(IEnumerable<string> lines) =>
        [.. lines.SelectMany(l => (l ?? "").Split('\n')).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>ISBN-10 or ISBN-13 with a valid check digit; hyphens and spaces are ignored.</summary>
    internal static bool IsValidIsbn(string isbn)
    {
        var digits = isbn.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (digits.Length == 13 && digits.All(char.IsAsciiDigit))
        {
            var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
            return sum % 10 == 0;
        }

        if (digits.Length == 10 && digits[..9].All(char.IsAsciiDigit) && (char.IsAsciiDigit(digits[9]) || digits[9] == 'X'))
        {
            var sum = digits.Select((c, i) => (c == 'X' ? 10 : c - '0') * (10 - i)).Sum();
            return sum % 11 == 0;
        }

        return false;
    }

    /// <summary>A slug from the title (German letters folded: ä → ae, ß → ss), numbered when taken.</summary>
    private static async Task<string> FreeSlugAsync(QuartiersnetzDbContext db, string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugs.Fold(title, Publication.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "veroeffentlichung";
        var taken = await db.Set<Publication>().Where(p => p.Slug == baseSlug || p.Slug.StartsWith(baseSlug + "-")).Select(p => p.Slug).ToListAsync(cancellationToken);
        return Slugs.FirstFree(baseSlug, taken);
    }

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiPattern();

    [GeneratedRegex("^urn:nbn:[a-z]{2}(:[a-z0-9-]+)*:[a-z0-9()+,\\-.:=@;$_!*'%/?#]+$", RegexOptions.IgnoreCase)]
    private static partial Regex UrnPattern();
}
