using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.News;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Projects;

/// <summary>A refusal: the input field (PascalCase, as in the form) and a German source text with its arguments.</summary>
internal sealed record ProjectRefusal(string Field, string Message, params object[] Args);

/// <summary>Who saves a project: the office may change any and publish; a member only their own unpublished proposals.</summary>
internal sealed record ProjectEditor(Guid? AccountId, bool IsOffice, AuditActor Actor);

/// <summary>
/// Members propose good-practice projects and revise them until the office publishes them; the office edits any project,
/// publishes it or returns it with a note (the proposer gets a mail either way). Every check runs before anything is stored.
/// The form posts text only, so a wrong number or year gets a German message from here, not the model binder's.
/// </summary>
internal static class SaveProject
{
    public const int MaxImages = 10;

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Titel des Projekts ein.")]
        [StringLength(Project.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        /// <summary>The address part (/praxisprojekte/{slug}); made from the title when left out. Only the office changes it.</summary>
        [StringLength(Project.SlugMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Bitte beschreiben Sie das Projekt in zwei, drei Sätzen.")]
        [StringLength(Project.SummaryMaxLength, ErrorMessage = "Die Kurzbeschreibung darf höchstens {1} Zeichen haben.")]
        public string? Summary { get; set; }

        /// <summary>Name or AGS of the municipality.</summary>
        [Required(ErrorMessage = "Bitte geben Sie die Stadt oder Gemeinde an.")]
        public string? Municipality { get; set; }

        /// <summary>Name of a programme area of that municipality; empty for a project of the whole town.</summary>
        public string? ProgrammeArea { get; set; }

        public string? Programme { get; set; } = nameof(UrbanDevelopmentProgramme.SozialerZusammenhalt);

        [Required(ErrorMessage = "Bitte wählen Sie den Stand des Projekts.")]
        public string? Status { get; set; }

        public string? StartYear { get; set; }

        public string? EndYear { get; set; }

        public string? Costs { get; set; }

        [StringLength(Project.FundingMaxLength, ErrorMessage = "Die Finanzierung darf höchstens {1} Zeichen haben.")]
        public string? FundingSources { get; set; }

        [StringLength(Project.PartnersMaxLength, ErrorMessage = "Die Partner dürfen höchstens {1} Zeichen haben.")]
        public string? Partners { get; set; }

        [StringLength(Project.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string? ContactName { get; set; }

        [StringLength(Project.NameMaxLength, ErrorMessage = "Die Organisation darf höchstens {1} Zeichen haben.")]
        public string? ContactOrganisation { get; set; }

        [StringLength(Project.EmailMaxLength, ErrorMessage = "Die E-Mail-Adresse darf höchstens {1} Zeichen haben.")]
        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@stadt.de.")]
        public string? ContactEmail { get; set; }

        [Required(ErrorMessage = "Bitte beschreiben Sie die Ziele des Projekts.")]
        [StringLength(Project.TextMaxLength, ErrorMessage = "Die Ziele dürfen höchstens {1} Zeichen haben.")]
        public string? Goals { get; set; }

        [StringLength(Project.TextMaxLength, ErrorMessage = "Das Vorgehen darf höchstens {1} Zeichen haben.")]
        public string? Approach { get; set; }

        [StringLength(Project.TextMaxLength, ErrorMessage = "Die Ergebnisse dürfen höchstens {1} Zeichen haben.")]
        public string? Results { get; set; }

        [StringLength(Project.TextMaxLength, ErrorMessage = "Die Erfahrungen dürfen höchstens {1} Zeichen haben.")]
        public string? LessonsLearned { get; set; }

        public string? WebsiteUrl { get; set; }

        public string? VideoUrl { get; set; }

        /// <summary>"51.5136, 7.4653" (decimal degrees, as a map service copies them); empty: the area's or town's point.</summary>
        public string? Location { get; set; }

        public List<string> Topics { get; set; } = [];

        /// <summary>Shown on the home page once published; only the office sets it (a member's value is ignored).</summary>
        public bool Featured { get; set; }

        /// <summary>Related publications of the library, one per line: address (/bibliothek/…), slug or exact title.</summary>
        public string? RelatedPublications { get; set; }

        /// <summary>Related events, one per line: address (/veranstaltungen/…), id or exact title.</summary>
        public string? RelatedEvents { get; set; }
    }

    internal sealed record Outcome(Guid? Id, IReadOnlyList<ProjectRefusal> Refusals)
    {
        public bool Succeeded => Refusals.Count == 0;

        public static Outcome Refused(params ProjectRefusal[] refusals) => new(null, refusals);
    }

    /// <summary>What a save does with the review state.</summary>
    internal enum Intent
    {
        /// <summary>Keep the state (a member saving a draft, the office correcting a published project).</summary>
        Save,

        /// <summary>A member sends the proposal to the office.</summary>
        Submit,

        /// <summary>The office publishes it.</summary>
        Publish,
    }

    /// <summary>Whether this person may change this project now.</summary>
    public static bool MayEdit(ProjectEditor editor, Guid? proposedBy, ProjectReviewState state) =>
        editor.IsOffice || (editor.AccountId is { } me && proposedBy == me && state != ProjectReviewState.Published);

    public static async Task<Outcome> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, ProjectMails mails, ProjectEditor editor, Guid? id, Input input,
        Intent intent, CancellationToken cancellationToken)
    {
        if (intent == Intent.Publish && !editor.IsOffice)
        {
            throw new InvalidOperationException("Only the office publishes projects.");
        }

        var refusals = new List<ProjectRefusal>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        refusals.AddRange(results.Select(r => new ProjectRefusal(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "")));

        Project? project = null;
        if (id is { } existingId)
        {
            project = await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == existingId, cancellationToken);
            if (project is null || !MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
            {
                return Outcome.Refused(new ProjectRefusal("", "Dieses Projekt gibt es nicht mehr, oder es ist schon veröffentlicht und kann nur noch von der Geschäftsstelle geändert werden."));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var slug = editor.IsOffice && !string.IsNullOrWhiteSpace(input.Slug) ? input.Slug.Trim() : null;
        if (slug is not null && !Slugs.IsValid(slug))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, z. B. stadtteilgarten-nordstadt."));
        }
        else if (slug is not null && await db.Set<Project>().AnyAsync(p => p.Slug == slug && p.Id != (id ?? Guid.Empty), cancellationToken))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse „{0}“ hat schon ein anderes Projekt. Bitte wählen Sie eine andere.", slug));
        }

        var programme = ProjectLabels.Parse<UrbanDevelopmentProgramme>(input.Programme);
        if (programme is null)
        {
            refusals.Add(new(nameof(Input.Programme), "Bitte wählen Sie ein Programm aus der Liste."));
        }

        var status = ProjectLabels.Parse<ProjectStatus>(input.Status);
        if (status is null && !string.IsNullOrWhiteSpace(input.Status))
        {
            refusals.Add(new(nameof(Input.Status), "Bitte wählen Sie den Stand des Projekts."));
        }

        var maxYear = now.Year + 10;
        var startYear = Year(input.StartYear, nameof(Input.StartYear), maxYear, refusals);
        var endYear = Year(input.EndYear, nameof(Input.EndYear), maxYear, refusals);
        if (startYear is { } s && endYear is { } e && e < s)
        {
            refusals.Add(new(nameof(Input.EndYear), "Das Ende ({0}) liegt vor dem Beginn ({1}).", e, s));
        }

        var costs = Costs(input.Costs, refusals);
        var website = Url(input.WebsiteUrl, nameof(Input.WebsiteUrl), refusals);
        var video = Url(input.VideoUrl, nameof(Input.VideoUrl), refusals);
        var location = Location(input.Location, refusals);

        string? ags = null;
        if (!string.IsNullOrWhiteSpace(input.Municipality))
        {
            var (found, unresolved) = await MunicipalityNames.ResolveAsync(db, [input.Municipality.Trim()], cancellationToken);
            ags = found.SingleOrDefault();
            refusals.AddRange(unresolved.Select(u => new ProjectRefusal(nameof(Input.Municipality), u.Message, u.ShownText)));
        }

        Guid? areaId = null;
        if (ags is not null && !string.IsNullOrWhiteSpace(input.ProgrammeArea))
        {
            var name = input.ProgrammeArea.Trim();
            var areas = await db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.MunicipalityAgs == ags)
                .OrderBy(a => a.SortKey).Select(a => new { a.Id, a.Name, a.SortKey }).ToListAsync(cancellationToken);
            var match = areas.Where(a => ProgrammeAreaNames.Names(name, a.Id, a.SortKey)).ToList();
            if (match.Count == 1)
            {
                areaId = match[0].Id;
            }
            else
            {
                refusals.Add(areas.Count == 0
                    ? new(nameof(Input.ProgrammeArea), "Für diese Gemeinde ist kein Programmgebiet verzeichnet. Bitte lassen Sie das Feld leer.")
                    : new(nameof(Input.ProgrammeArea), "Kein Programmgebiet „{0}“ in dieser Gemeinde. Verzeichnet sind: {1}.",
                        name.Length > 60 ? name[..60] + "…" : name, string.Join(", ", areas.Take(10).Select(a => a.Name))));
            }
        }

        // The office links anything; a member only what members may see, so a draft's or an invited event's title tells them nothing.
        var audience = editor.IsOffice ? SearchAudience.Office : SearchAudience.Members;
        var publicationIds = await LinkedPublicationsAsync(db, audience, input.RelatedPublications, refusals, cancellationToken);
        var eventIds = await LinkedEventsAsync(db, audience, input.RelatedEvents, refusals, cancellationToken);

        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        var isNew = project is null;
        project ??= new Project
        {
            CreatedAtUtc = now,
            ProposedByAccountId = editor.IsOffice ? null : editor.AccountId,
            ReviewState = ProjectReviewState.Draft,
        };
        project.Slug = slug ?? (project.Slug.Length > 0 ? project.Slug : await FreeSlugAsync(db, input.Title!, cancellationToken));
        project.Title = input.Title!.Trim();
        project.Summary = input.Summary!.Trim();
        project.MunicipalityAgs = ags!;
        project.ProgrammeAreaId = areaId;
        project.Programme = programme!.Value;
        project.Status = status!.Value;
        project.StartYear = startYear;
        project.EndYear = endYear;
        project.CostsEuro = costs;
        project.FundingSources = Clean(input.FundingSources);
        project.Partners = Clean(input.Partners);
        project.ContactName = Clean(input.ContactName);
        project.ContactOrganisation = Clean(input.ContactOrganisation);
        project.ContactEmail = Clean(input.ContactEmail);
        project.Goals = input.Goals!.Trim();
        project.Approach = Clean(input.Approach);
        project.Results = Clean(input.Results);
        project.LessonsLearned = Clean(input.LessonsLearned);
        project.WebsiteUrl = website;
        project.VideoUrl = video;
        project.Latitude = location?.Latitude;
        project.Longitude = location?.Longitude;
        project.IsFeatured = editor.IsOffice ? input.Featured : project.IsFeatured;
        project.UpdatedAtUtc = now;
        switch (intent)
        {
            case Intent.Submit when project.ReviewState != ProjectReviewState.Published:
                project.ReviewState = ProjectReviewState.Submitted;
                project.SubmittedAtUtc = now;
                break;
            case Intent.Publish:
                if (project.ReviewState != ProjectReviewState.Published)
                {
                    await mails.PublishedAsync(project.ProposedByAccountId, project.Title, project.Slug, cancellationToken);
                }

                project.ReviewState = ProjectReviewState.Published;
                project.PublishedAtUtc ??= now;
                project.ReviewNote = null;
                break;
        }

        if (isNew)
        {
            db.Add(project);
        }

        await StageLinksAsync(db, project.Id, audience, publicationIds, eventIds, cancellationToken);
        var topics = await AssignTopics.HandleAsync(db, Project.TopicKind, project.Id.ToString(), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(new ProjectRefusal(nameof(Input.Topics), topics.Error!));
        }

        audit.Record(editor.Actor, intent switch
        {
            Intent.Publish => "project.published",
            Intent.Submit => "project.submitted",
            _ => isNew ? "project.created" : "project.updated",
        }, "Praxisprojekt", project.Id.ToString(), project.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Another project took this address between our check and our write: answer as the check would have.
            var taken = project.Slug;
            var projectId = project.Id;
            db.ChangeTracker.Clear();
            if (!await db.Set<Project>().AnyAsync(p => p.Slug == taken && p.Id != projectId, cancellationToken))
            {
                throw;
            }

            return Outcome.Refused(new ProjectRefusal(nameof(Input.Slug), "Die Adresse „{0}“ hat schon ein anderes Projekt. Bitte wählen Sie eine andere.", taken));
        }

        return new Outcome(project.Id, []);
    }

    /// <summary>The office sends a proposal back with a note saying what is missing; the proposer revises it.</summary>
    public static async Task<ProjectRefusal?> ReturnAsync(
        QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, ProjectMails mails, AuditActor actor, Guid id, string? note,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return new ProjectRefusal("note", "Bitte schreiben Sie, was am Vorschlag fehlt oder geändert werden soll.");
        }

        if (note.Trim().Length > Project.NoteMaxLength)
        {
            return new ProjectRefusal("note", "Die Notiz darf höchstens {0} Zeichen haben.", Project.NoteMaxLength);
        }

        var project = await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null || project.ProposedByAccountId is null || project.ReviewState == ProjectReviewState.Published)
        {
            return new ProjectRefusal("", "Nur ein noch nicht veröffentlichter Vorschlag eines Mitglieds kann zurückgegeben werden.");
        }

        project.ReviewState = ProjectReviewState.Returned;
        project.ReviewNote = note.Trim();
        await mails.ReturnedAsync(project.ProposedByAccountId, project.Id, project.Title, project.ReviewNote, cancellationToken);
        project.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "project.returned", "Praxisprojekt", project.Id.ToString(), project.Title);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Takes a published project off the website again (back to the proposer's list as returned, or to the office's drafts).</summary>
    public static async Task<bool> UnpublishAsync(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == id && p.ReviewState == ProjectReviewState.Published, cancellationToken);
        if (project is null)
        {
            return false;
        }

        project.ReviewState = project.ProposedByAccountId is null ? ProjectReviewState.Draft : ProjectReviewState.Submitted;
        project.PublishedAtUtc = null;
        project.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "project.unpublished", "Praxisprojekt", project.Id.ToString(), project.Title);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a project with its images and topics; files go after the rows are gone.</summary>
    public static async Task<bool> DeleteAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, ProjectEditor editor, Guid id, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null || !MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
        {
            return false;
        }

        var images = await db.Set<ProjectImage>().Where(i => i.ProjectId == id).ToListAsync(cancellationToken);
        var documents = await db.Set<ProjectDocument>().AsNoTracking().Where(d => d.ProjectId == id)
            .Select(d => new { d.Id, d.FileKey }).ToListAsync(cancellationToken);
        await AssignTopics.HandleAsync(db, Project.TopicKind, id.ToString(), [], cancellationToken);
        db.RemoveRange(images);
        db.RemoveRange(documents.Select(d => ProjectDocuments.Stub(d.Id, id)));
        db.Remove(project);
        audit.Record(editor.Actor, "project.deleted", "Praxisprojekt", id.ToString(), project.Title);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var key in images.Select(i => i.FileKey).Concat(documents.Select(d => d.FileKey)))
        {
            await files.DeleteAsync(key, CancellationToken.None);
        }

        return true;
    }

    /// <summary>Adds a photo: re-encoded as JPEG (metadata such as GPS positions dropped), with its required alt text.</summary>
    public static async Task<ProjectRefusal?> AddImageAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, ProjectEditor editor, Guid id, byte[]? upload,
        string? altText, string? credit, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, p.ProposedByAccountId, p.ReviewState }).SingleOrDefaultAsync(cancellationToken);
        if (project is null || !MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
        {
            return new ProjectRefusal("", "Dieses Projekt gibt es nicht mehr.");
        }

        if (upload is null || upload.Length == 0)
        {
            return new ProjectRefusal("image", "Bitte wählen Sie ein Bild aus.");
        }

        if (string.IsNullOrWhiteSpace(altText))
        {
            return new ProjectRefusal("altText", "Bitte beschreiben Sie das Bild in einem Alternativtext (für Menschen, die es nicht sehen).");
        }

        if (altText.Trim().Length > ProjectImage.AltTextMaxLength || (credit?.Trim().Length ?? 0) > ProjectImage.CreditMaxLength)
        {
            return new ProjectRefusal("altText", "Der Alternativtext darf höchstens {0}, die Bildrechte höchstens {1} Zeichen haben.",
                ProjectImage.AltTextMaxLength, ProjectImage.CreditMaxLength);
        }

        var count = await db.Set<ProjectImage>().CountAsync(i => i.ProjectId == id, cancellationToken);
        if (count >= MaxImages)
        {
            return new ProjectRefusal("image", "Ein Projekt kann höchstens {0} Bilder haben.", MaxImages);
        }

        var (jpeg, problem) = NewsImage.Reencode(upload);
        if (jpeg is null)
        {
            return new ProjectRefusal("image", problem == ImageProblem.TooLarge
                ? "Das Bild ist zu groß. Erlaubt sind höchstens {0} MB."
                : "Die Datei ist kein Bild im Format JPEG, PNG oder WebP (oder sie ist beschädigt oder zu groß in Pixeln).", NewsImage.MaxFileBytes / (1024 * 1024));
        }

        var key = $"projects/{id:N}/{Guid.NewGuid():N}.jpg";
        await files.SaveAsync(key, jpeg, cancellationToken);
        db.Add(new ProjectImage
        {
            ProjectId = id, Position = count, FileKey = key, AltText = altText.Trim(), Credit = Clean(credit),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record(editor.Actor, "project.image-added", "Praxisprojekt", id.ToString(), project.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row, no file: a failed save must not leave the stored image behind.
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        return null;
    }

    public static async Task<bool> RemoveImageAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, ProjectEditor editor, Guid id, Guid imageId, CancellationToken cancellationToken)
    {
        var project = await db.Set<Project>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, p.ProposedByAccountId, p.ReviewState }).SingleOrDefaultAsync(cancellationToken);
        var image = await db.Set<ProjectImage>().SingleOrDefaultAsync(i => i.Id == imageId && i.ProjectId == id, cancellationToken);
        if (project is null || image is null || !MayEdit(editor, project.ProposedByAccountId, project.ReviewState))
        {
            return false;
        }

        db.Remove(image);
        audit.Record(editor.Actor, "project.image-removed", "Praxisprojekt", id.ToString(), project.Title);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(image.FileKey, CancellationToken.None);
        return true;
    }

    /// <summary>The named publications (<see cref="RelatedItemNames"/>, the publication form's rules) among those the audience may read.</summary>
    private static async Task<List<Guid>> LinkedPublicationsAsync(
        QuartiersnetzDbContext db, SearchAudience audience, string? text, List<ProjectRefusal> refusals, CancellationToken cancellationToken)
    {
        var lines = RelatedItemNames.Lines([text]);
        if (lines.Count > RelatedItemNames.MaxLines)
        {
            refusals.Add(new(nameof(Input.RelatedPublications), "Es können höchstens {0} Veröffentlichungen genannt werden.", RelatedItemNames.MaxLines));
            return [];
        }

        var (ids, unresolved) = await RelatedItemNames.PublicationsAsync(LinkedItems.Readable(db, audience), lines, null, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new ProjectRefusal(nameof(Input.RelatedPublications), u.Message, u.Args)));
        return ids;
    }

    /// <summary>The named events (<see cref="RelatedItemNames"/>, the publication form's rules) among those the audience may see.</summary>
    private static async Task<List<Guid>> LinkedEventsAsync(
        QuartiersnetzDbContext db, SearchAudience audience, string? text, List<ProjectRefusal> refusals, CancellationToken cancellationToken)
    {
        var lines = RelatedItemNames.Lines([text]);
        if (lines.Count > RelatedItemNames.MaxLines)
        {
            refusals.Add(new(nameof(Input.RelatedEvents), "Es können höchstens {0} Veranstaltungen genannt werden.", RelatedItemNames.MaxLines));
            return [];
        }

        var (ids, unresolved) = await RelatedItemNames.EventsAsync(LinkedItems.LinkableEvents(db, audience), lines, cancellationToken);
        refusals.AddRange(unresolved.Select(u => new ProjectRefusal(nameof(Input.RelatedEvents), u.Message, u.Args)));
        return ids;
    }

    /// <summary>
    /// Replaces the project's links by the named ones, as far as the editor can see them: a link the office made to an item
    /// a member may not see is not in the member's form, so the member's save keeps it instead of dropping it.
    /// </summary>
    private static async Task StageLinksAsync(
        QuartiersnetzDbContext db, Guid id, SearchAudience audience, List<Guid> publicationIds, List<Guid> eventIds, CancellationToken cancellationToken)
    {
        var readable = LinkedItems.Readable(db, audience).Select(p => p.Id);
        var publications = await db.Set<ProjectPublication>().Where(l => l.ProjectId == id)
            .Select(l => new { Link = l, Visible = readable.Contains(l.PublicationId) }).ToListAsync(cancellationToken);
        db.RemoveRange(publications.Where(c => c.Visible && !publicationIds.Contains(c.Link.PublicationId)).Select(c => c.Link));
        foreach (var publicationId in publicationIds.Where(p => publications.All(c => c.Link.PublicationId != p)))
        {
            db.Add(new ProjectPublication { ProjectId = id, PublicationId = publicationId });
        }

        var linkable = LinkedItems.LinkableEvents(db, audience).Select(e => e.Id);
        var events = await db.Set<ProjectEvent>().Where(l => l.ProjectId == id)
            .Select(l => new { Link = l, Visible = linkable.Contains(l.EventId) }).ToListAsync(cancellationToken);
        db.RemoveRange(events.Where(c => c.Visible && !eventIds.Contains(c.Link.EventId)).Select(c => c.Link));
        foreach (var eventId in eventIds.Where(e => events.All(c => c.Link.EventId != e)))
        {
            db.Add(new ProjectEvent { ProjectId = id, EventId = eventId });
        }
    }

    private static int? Year(string? text, string field, int maxYear, List<ProjectRefusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= Project.MinYear && year <= maxYear)
        {
            return year;
        }

        refusals.Add(new(field, "Bitte geben Sie ein Jahr zwischen {0} und {1} an, z. B. 2021.", Project.MinYear, maxYear));
        return null;
    }

    /// <summary>Euros as Germans write them: "250.000", "250.000,50", "250000 €".</summary>
    private static decimal? Costs(string? text, List<ProjectRefusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (EuroAmounts.Parse(text) is { } euros)
        {
            return euros;
        }

        refusals.Add(new(nameof(Input.Costs), "Bitte geben Sie die Kosten als Betrag in Euro an, z. B. 250.000."));
        return null;
    }

    private static string? Url(string? text, string field, List<ProjectRefusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length <= Project.UrlMaxLength && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return uri.AbsoluteUri;
        }

        refusals.Add(new(field, "Bitte geben Sie eine vollständige Webadresse an, die mit https:// beginnt."));
        return null;
    }

    /// <summary>A point inside NRW's bounding box (with a margin), as "Breite, Länge" in decimal degrees.</summary>
    private static (double Latitude, double Longitude)? Location(string? text, List<ProjectRefusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && lat is >= 50.2 and <= 52.6 && lon is >= 5.8 and <= 9.5)
        {
            return (Math.Round(lat, 6), Math.Round(lon, 6));
        }

        refusals.Add(new(nameof(Input.Location), "Bitte geben Sie den Ort als Breite und Länge in Nordrhein-Westfalen an, z. B. 51.5136, 7.4653."));
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<string> FreeSlugAsync(QuartiersnetzDbContext db, string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugs.Fold(title, Project.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "projekt";
        var taken = await db.Set<Project>().Where(p => p.Slug == baseSlug || p.Slug.StartsWith(baseSlug + "-")).Select(p => p.Slug).ToListAsync(cancellationToken);
        return Slugs.FirstFree(baseSlug, taken);
    }
}
