using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Studies;

/// <summary>A refusal: the input field (PascalCase, as in the form) and a German source text with its arguments.</summary>
internal sealed record StudyRefusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office records a commissioned study and follows it to its reports: the contract's facts, the deliverables it owes,
/// and for each deliverable the publication that fulfils it (an existing one, or a new draft made from the deliverable
/// with the contractor as author, ready for its file). Every check runs before anything is stored.
/// </summary>
internal static class SaveStudy
{
    public const int MaxDeliverables = 20;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"];

    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Titel des Forschungsauftrags ein.")]
        [StringLength(Study.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        [StringLength(Study.SlugMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Bitte beschreiben Sie die Fragestellung.")]
        [StringLength(Study.QuestionMaxLength, ErrorMessage = "Die Fragestellung darf höchstens {1} Zeichen haben.")]
        public string? Question { get; set; }

        [StringLength(Study.ContractorMaxLength, ErrorMessage = "Der Auftragnehmer darf höchstens {1} Zeichen haben.")]
        public string? Contractor { get; set; }

        public string? Budget { get; set; }

        public string? AwardedOn { get; set; }

        public string? StartOn { get; set; }

        public string? EndOn { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie den Stand des Auftrags.")]
        public string? Status { get; set; } = nameof(StudyStatus.Planned);

        [StringLength(Study.SteeringGroupMaxLength, ErrorMessage = "Die Lenkungsgruppe darf höchstens {1} Zeichen haben.")]
        public string? SteeringGroup { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie, wer den Forschungsauftrag sehen darf.")]
        public string? Visibility { get; set; } = nameof(PublicationVisibility.Public);

        public bool Published { get; set; }

        public List<string> Topics { get; set; } = [];
    }

    internal sealed record Outcome(Guid? Id, IReadOnlyList<StudyRefusal> Refusals)
    {
        public bool Succeeded => Refusals.Count == 0;

        public static Outcome Refused(params StudyRefusal[] refusals) => new(null, refusals);
    }

    public static async Task<Outcome> SaveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid? id, Input input, CancellationToken cancellationToken)
    {
        var refusals = new List<StudyRefusal>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        refusals.AddRange(results.Select(r => new StudyRefusal(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "")));

        Study? study = null;
        if (id is { } existingId)
        {
            study = await db.Set<Study>().SingleOrDefaultAsync(s => s.Id == existingId, cancellationToken);
            if (study is null)
            {
                return Outcome.Refused(new StudyRefusal("", "Diesen Forschungsauftrag gibt es nicht mehr."));
            }
        }

        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (slug is not null && !Slugs.IsValid(slug))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, z. B. evaluation-quartiersmanagement."));
        }
        else if (slug is not null && await db.Set<Study>().AnyAsync(s => s.Slug == slug && s.Id != (id ?? Guid.Empty), cancellationToken))
        {
            refusals.Add(new(nameof(Input.Slug), "Die Adresse „{0}“ hat schon ein anderer Forschungsauftrag. Bitte wählen Sie eine andere.", slug));
        }

        var status = PublicationLabels.Parse<StudyStatus>(input.Status);
        if (status is null && !string.IsNullOrWhiteSpace(input.Status))
        {
            refusals.Add(new(nameof(Input.Status), "Bitte wählen Sie den Stand des Auftrags."));
        }

        var visibility = PublicationLabels.Parse<PublicationVisibility>(input.Visibility);
        if (visibility is null && !string.IsNullOrWhiteSpace(input.Visibility))
        {
            refusals.Add(new(nameof(Input.Visibility), "Bitte wählen Sie, wer den Forschungsauftrag sehen darf."));
        }

        decimal? budget = null;
        if (!string.IsNullOrWhiteSpace(input.Budget))
        {
            budget = EuroAmounts.Parse(input.Budget);
            if (budget is null)
            {
                refusals.Add(new(nameof(Input.Budget), "Bitte geben Sie das Budget als Betrag in Euro an, z. B. 80.000."));
            }
        }

        var awarded = Date(input.AwardedOn, nameof(Input.AwardedOn), refusals);
        var start = Date(input.StartOn, nameof(Input.StartOn), refusals);
        var end = Date(input.EndOn, nameof(Input.EndOn), refusals);
        if (start is { } s && end is { } e && e < s)
        {
            refusals.Add(new(nameof(Input.EndOn), "Das Ende ({0}) liegt vor dem Beginn ({1}).", e.ToString("d", BerlinTime.Culture), s.ToString("d", BerlinTime.Culture)));
        }

        var contractor = Clean(input.Contractor);
        if (status is StudyStatus.Awarded or StudyStatus.InProgress or StudyStatus.Completed && contractor is null)
        {
            refusals.Add(new(nameof(Input.Contractor), "Ein vergebener Auftrag hat einen Auftragnehmer. Bitte tragen Sie ihn ein."));
        }

        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = study is null;
        study ??= new Study { CreatedAtUtc = now };
        study.Slug = slug ?? (study.Slug.Length > 0 ? study.Slug : await FreeSlugAsync(db, input.Title!, cancellationToken));
        study.Title = input.Title!.Trim();
        study.Question = input.Question!.Trim();
        study.Contractor = contractor;
        study.BudgetEuro = budget;
        study.AwardedOn = awarded;
        study.StartOn = start;
        study.EndOn = end;
        study.Status = status!.Value;
        study.SteeringGroup = Lines(input.SteeringGroup);
        study.Visibility = visibility!.Value;
        var publishing = input.Published && study.PublishedAtUtc is null;
        study.PublishedAtUtc = input.Published ? study.PublishedAtUtc ?? now : null;
        study.UpdatedAtUtc = now;
        if (isNew)
        {
            db.Add(study);
        }

        var topics = await AssignTopics.HandleAsync(db, Study.TopicKind, study.Id.ToString(), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(new StudyRefusal(nameof(Input.Topics), topics.Error!));
        }

        audit.Record(actor, isNew ? "study.created" : publishing ? "study.published" : "study.updated", "Forschungsauftrag", study.Id.ToString(), study.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Another study took this address between our check and our write: answer as the check would have.
            var taken = study.Slug;
            var studyId = study.Id;
            db.ChangeTracker.Clear();
            if (!await db.Set<Study>().AnyAsync(x => x.Slug == taken && x.Id != studyId, cancellationToken))
            {
                throw;
            }

            return Outcome.Refused(new StudyRefusal(nameof(Input.Slug), "Die Adresse „{0}“ hat schon ein anderer Forschungsauftrag. Bitte wählen Sie eine andere.", taken));
        }

        return new Outcome(study.Id, []);
    }

    /// <summary>Deletes the study with its deliverables; the publications that came from it stay in the library.</summary>
    public static async Task<bool> DeleteAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var study = await db.Set<Study>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (study is null)
        {
            return false;
        }

        await AssignTopics.HandleAsync(db, Study.TopicKind, id.ToString(), [], cancellationToken);
        db.RemoveRange(await db.Set<StudyDeliverable>().Where(d => d.StudyId == id).ToListAsync(cancellationToken));
        db.Remove(study);
        audit.Record(actor, "study.deleted", "Forschungsauftrag", id.ToString(), study.Title);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a report the contract owes. <paramref name="type"/> is a deliverable type's name, <paramref name="dueOn"/> optional.</summary>
    public static async Task<StudyRefusal?> AddDeliverableAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid studyId, string? type, string? title, string? dueOn, CancellationToken cancellationToken)
    {
        var study = await db.Set<Study>().AsNoTracking().Where(s => s.Id == studyId).Select(s => new { s.Title }).SingleOrDefaultAsync(cancellationToken);
        if (study is null)
        {
            return new StudyRefusal("", "Diesen Forschungsauftrag gibt es nicht mehr.");
        }

        var parsedType = PublicationLabels.Parse<PublicationType>(type);
        if (parsedType is null || !StudyLabels.DeliverableTypes.Contains(parsedType.Value))
        {
            return new StudyRefusal("DeliverableType", "Bitte wählen Sie die Art des Berichts.");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return new StudyRefusal("DeliverableTitle", "Bitte geben Sie den Titel des Berichts ein.");
        }

        if (title.Trim().Length > StudyDeliverable.TitleMaxLength)
        {
            return new StudyRefusal("DeliverableTitle", "Der Titel darf höchstens {0} Zeichen haben.", StudyDeliverable.TitleMaxLength);
        }

        var refusals = new List<StudyRefusal>();
        var due = Date(dueOn, "DeliverableDueOn", refusals);
        if (refusals.Count > 0)
        {
            return refusals[0];
        }

        var count = await db.Set<StudyDeliverable>().CountAsync(d => d.StudyId == studyId, cancellationToken);
        if (count >= MaxDeliverables)
        {
            return new StudyRefusal("DeliverableTitle", "Ein Forschungsauftrag kann höchstens {0} Berichte haben.", MaxDeliverables);
        }

        db.Add(new StudyDeliverable { StudyId = studyId, Position = count, Type = parsedType.Value, Title = title.Trim(), DueOn = due });
        audit.Record(actor, "study.deliverable-added", "Forschungsauftrag", studyId.ToString(), study.Title);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public static async Task<bool> RemoveDeliverableAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid studyId, Guid deliverableId, CancellationToken cancellationToken)
    {
        var deliverable = await db.Set<StudyDeliverable>().SingleOrDefaultAsync(d => d.Id == deliverableId && d.StudyId == studyId, cancellationToken);
        if (deliverable is null)
        {
            return false;
        }

        db.Remove(deliverable);
        audit.Record(actor, "study.deliverable-removed", "Forschungsauftrag", studyId.ToString(), deliverable.Title);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Names the publication that fulfils a deliverable: its address (/bibliothek/…) or slug; empty unlinks it. A
    /// publication fulfils at most one deliverable.
    /// </summary>
    public static async Task<StudyRefusal?> LinkPublicationAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid studyId, Guid deliverableId, string? publication, CancellationToken cancellationToken)
    {
        var deliverable = await db.Set<StudyDeliverable>().SingleOrDefaultAsync(d => d.Id == deliverableId && d.StudyId == studyId, cancellationToken);
        if (deliverable is null)
        {
            return new StudyRefusal("", "Diesen Bericht gibt es nicht mehr.");
        }

        Guid? publicationId = null;
        if (!string.IsNullOrWhiteSpace(publication))
        {
            var slug = RelatedItemNames.SlugIn(publication.Trim());
            publicationId = await db.Set<Publication>().AsNoTracking().Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (publicationId is null)
            {
                return new StudyRefusal("Publication", "Keine Veröffentlichung „{0}“ gefunden. Bitte geben Sie ihre Adresse (/bibliothek/…) an.",
                    publication.Trim().Length > 80 ? publication.Trim()[..80] + "…" : publication.Trim());
            }

            if (await db.Set<StudyDeliverable>().AnyAsync(d => d.PublicationId == publicationId && d.Id != deliverableId, cancellationToken))
            {
                return new StudyRefusal("Publication", "Diese Veröffentlichung ist schon einem anderen Bericht zugeordnet.");
            }
        }

        deliverable.PublicationId = publicationId;
        audit.Record(actor, publicationId is null ? "study.deliverable-unlinked" : "study.deliverable-linked", "Forschungsauftrag", studyId.ToString(), deliverable.Title);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The step from a deliverable to the library: a draft publication of the deliverable's type and title, with the
    /// contractor as author, the study's topics and visibility, linked to the deliverable — in one transaction. The office
    /// then adds the file and publishes it on the publication's page.
    /// </summary>
    public static async Task<(Guid? PublicationId, IReadOnlyList<StudyRefusal> Refusals)> CreatePublicationAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid studyId, Guid deliverableId, CancellationToken cancellationToken)
    {
        var deliverable = await db.Set<StudyDeliverable>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliverableId && d.StudyId == studyId, cancellationToken);
        var study = await db.Set<Study>().AsNoTracking().Where(s => s.Id == studyId)
            .Select(s => new { s.Title, s.Contractor, s.Visibility }).SingleOrDefaultAsync(cancellationToken);
        if (deliverable is null || study is null)
        {
            return (null, [new StudyRefusal("", "Diesen Bericht gibt es nicht mehr.")]);
        }

        if (deliverable.PublicationId is not null)
        {
            return (null, [new StudyRefusal("", "Dieser Bericht hat schon eine Veröffentlichung.")]);
        }

        var topics = (await AssignTopics.ForItemAsync(db, Study.TopicKind, studyId.ToString(), cancellationToken)).Select(t => t.Slug).ToList();
        var input = new SavePublication.Input
        {
            Type = deliverable.Type,
            Title = deliverable.Title,
            Authors = study.Contractor is null ? [] : [study.Contractor],
            // The network commissioned the report, so it is its editor (and the library wants someone responsible).
            Editors = ["AG Soziale Stadt NRW"],
            Publisher = "AG Soziale Stadt NRW",
            Year = (deliverable.DueOn?.Year) ?? BerlinTime.ToBerlin(clock.GetUtcNow().UtcDateTime).Year,
            Abstract = string.Format(CultureInfo.InvariantCulture, "{0} des Forschungsauftrags „{1}“.", PublicationLabels.Label(deliverable.Type), study.Title),
            Visibility = study.Visibility,
            Published = false,
            Topics = topics,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await SavePublication.SaveAsync(db, audit, actor, clock, null, input, cancellationToken);
        if (!outcome.Succeeded)
        {
            return (null, [.. outcome.Refusals.Select(r => new StudyRefusal("", r.Message, r.Args))]);
        }

        var tracked = await db.Set<StudyDeliverable>().SingleAsync(d => d.Id == deliverableId, cancellationToken);
        tracked.PublicationId = outcome.Id;
        audit.Record(actor, "study.deliverable-linked", "Forschungsauftrag", studyId.ToString(), deliverable.Title);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (outcome.Id, []);
    }

    private static DateOnly? Date(string? text, string field, List<StudyRefusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1990 and <= 2100)
        {
            return date;
        }

        refusals.Add(new(field, "Bitte geben Sie ein Datum an, z. B. 15.03.2026."));
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One entry per line, blank lines and spaces around them dropped.</summary>
    private static string? Lines(string? value) =>
        Clean(string.Join("\n", (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

    private static async Task<string> FreeSlugAsync(QuartiersnetzDbContext db, string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugs.Fold(title, Study.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "forschungsauftrag";
        var taken = await db.Set<Study>().Where(s => s.Slug == baseSlug || s.Slug.StartsWith(baseSlug + "-")).Select(s => s.Slug).ToListAsync(cancellationToken);
        return Slugs.FirstFree(baseSlug, taken);
    }
}
