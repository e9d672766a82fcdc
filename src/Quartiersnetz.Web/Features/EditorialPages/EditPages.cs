using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>A refusal: the input field (PascalCase, as in the form) or "" for the whole action, and a German source text with its arguments.</summary>
internal sealed record PageRefusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office's changes to the page tree. Every check runs before anything is stored, so a refused change leaves the
/// tree as it was. Every change of the content writes a revision; restoring writes a new one with the old content.
/// </summary>
internal static class EditPages
{
    /// <summary>What the office writes on a page.</summary>
    internal sealed class Content
    {
        [Required(ErrorMessage = "Bitte geben Sie den Titel der Seite ein.")]
        [StringLength(EditorialPage.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        /// <summary>The address part; made from the title when left out on a new page, kept when left out on an existing one.</summary>
        [StringLength(EditorialPage.SlugMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? Slug { get; set; }

        [StringLength(EditorialPage.DescriptionMaxLength, ErrorMessage = "Die Kurzbeschreibung darf höchstens {1} Zeichen haben.")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie den Text der Seite ein.")]
        [StringLength(EditorialPage.BodyMaxLength, ErrorMessage = "Der Text darf höchstens {1} Zeichen haben.")]
        public string? Body { get; set; }

        public bool ShowInNavigation { get; set; }

        [StringLength(EditorialPageRevision.NoteMaxLength, ErrorMessage = "Die Notiz darf höchstens {1} Zeichen haben.")]
        public string? Note { get; set; }
    }

    internal sealed record Outcome(Guid? Id, IReadOnlyList<PageRefusal> Refusals)
    {
        public bool Succeeded => Refusals.Count == 0;

        /// <summary>Set when the save was refused because someone saved a newer revision meanwhile: the form continues from it.</summary>
        public int? CurrentRevision { get; init; }

        public static Outcome Done(Guid id) => new(id, []);

        public static Outcome Refused(params PageRefusal[] refusals) => new(null, refusals);
    }

    private const string SystemPageRefusal =
        "Diese Seite füllt eine feste Seite der Website (z. B. die Erklärung zur Barrierefreiheit). Ihr Text lässt sich bearbeiten, aber sie kann nicht verschoben, zurückgezogen oder gelöscht werden.";

    private const string GoneRefusal = "Diese Seite gibt es nicht mehr.";

    public static async Task<Outcome> CreateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid? parentId, Content input, CancellationToken cancellationToken)
    {
        var refusals = Validate(input);
        var tree = await PageTree.LoadAsync(db, cancellationToken);
        if (parentId is { } parent && tree.Find(parent) is not { SystemKey: null })
        {
            refusals.Add(new PageRefusal("ParentId", "Die gewählte übergeordnete Seite gibt es nicht (mehr). Bitte wählen Sie eine andere."));
        }

        var slug = Clean(input.Slug) ?? FoldedSlug(input.Title ?? "");
        CheckSlug(refusals, tree, slug, parentId, null);
        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var page = new EditorialPage
        {
            ParentId = parentId,
            Slug = slug,
            SortOrder = tree.ChildrenOf(parentId).Select(n => n.SortOrder + 1).DefaultIfEmpty(0).Max(),
            CreatedUtc = now,
        };
        Apply(page, input, actor, now);
        page.Revision = 1;
        db.Add(page);
        db.Add(RevisionOf(page, actor, now, Clean(input.Note)));
        audit.Record(actor, "page.created", "EditorialPage", page.Id.ToString(), page.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Someone created a page with this address between our check and our write, and the unique index refused
            // ours: answer as the check would have. Anything else is a bug and stays an error.
            db.ChangeTracker.Clear();
            var clash = new List<PageRefusal>();
            CheckSlug(clash, await PageTree.LoadAsync(db, cancellationToken), slug, parentId, null);
            if (clash.Count == 0)
            {
                throw;
            }

            return new Outcome(null, clash);
        }

        return Outcome.Done(page.Id);
    }

    /// <summary>
    /// Saves the content. <paramref name="baseRevision"/> is the revision the form was loaded from: when someone saved a
    /// newer one meanwhile, nothing is stored and the refusal names who saved when (the form keeps what was typed).
    /// </summary>
    public static async Task<Outcome> UpdateAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, int baseRevision, Content input, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return Outcome.Refused(new PageRefusal("", GoneRefusal));
        }

        if (page.Revision != baseRevision)
        {
            return Conflict(page);
        }

        var refusals = Validate(input);
        var slug = page.SystemKey is null ? Clean(input.Slug) ?? page.Slug : page.Slug;
        if (slug != page.Slug)
        {
            CheckSlug(refusals, await PageTree.LoadAsync(db, cancellationToken), slug, page.ParentId, page.Id);
        }

        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new List<AuditChange>();
        if (page.Title != input.Title!.Trim())
        {
            changes.Add(new AuditChange("Titel", page.Title, input.Title.Trim()));
        }

        if (slug != page.Slug)
        {
            changes.Add(new AuditChange("Adresse", page.Slug, slug));
        }

        page.Slug = slug;
        Apply(page, input, actor, now);
        page.Revision++;
        db.Add(RevisionOf(page, actor, now, Clean(input.Note)));
        audit.Record(actor, "page.updated", "EditorialPage", page.Id.ToString(), page.Title, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!Overload.IsOverload(ex))
        {
            // Someone saved between our read and our write (the revision token or the revision number clashed):
            // report their save like the check above. Anything else is a bug and stays an error.
            db.ChangeTracker.Clear();
            var current = await db.Set<EditorialPage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (current is null)
            {
                return Outcome.Refused(new PageRefusal("", GoneRefusal));
            }

            if (current.Revision != baseRevision)
            {
                return Conflict(current);
            }

            throw;
        }

        return Outcome.Done(page.Id);
    }

    /// <summary>Makes an old revision the current content again, as a new revision; the history stays as it was.</summary>
    public static async Task<Outcome> RestoreAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, int number, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var revision = await db.Set<EditorialPageRevision>().AsNoTracking().SingleOrDefaultAsync(r => r.PageId == id && r.Number == number, cancellationToken);
        if (page is null || revision is null)
        {
            return Outcome.Refused(new PageRefusal("", "Diese Version gibt es nicht."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        page.Title = revision.Title;
        page.Description = revision.Description;
        page.Body = revision.Body;
        page.UpdatedUtc = now;
        page.UpdatedBy = actor.Name;
        page.Revision++;
        db.Add(RevisionOf(page, actor, now, string.Format(CultureInfo.InvariantCulture, "Wiederhergestellt aus Version {0}", number)));
        audit.Record(actor, "page.restored", "EditorialPage", page.Id.ToString(), page.Title,
            [new AuditChange("Version", (page.Revision - 1).ToString(CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture))]);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(page.Id);
    }

    /// <summary>Hangs the page (with its sub-pages) under another page or at the top; never under itself or its own sub-pages.</summary>
    public static async Task<Outcome> MoveAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, Guid? newParentId, CancellationToken cancellationToken)
    {
        var tree = await PageTree.LoadAsync(db, cancellationToken);
        if (tree.Find(id) is not { } node)
        {
            return Outcome.Refused(new PageRefusal("", GoneRefusal));
        }

        if (node.SystemKey is not null)
        {
            return Outcome.Refused(new PageRefusal("", SystemPageRefusal));
        }

        if (node.ParentId == newParentId)
        {
            return Outcome.Done(id);
        }

        if (newParentId is { } target)
        {
            if (tree.Find(target) is not { SystemKey: null })
            {
                return Outcome.Refused(new PageRefusal("NewParentId", "Die gewählte übergeordnete Seite gibt es nicht (mehr). Bitte wählen Sie eine andere."));
            }

            if (tree.IsSelfOrDescendant(target, id))
            {
                return Outcome.Refused(new PageRefusal("NewParentId",
                    "Eine Seite kann nicht unter sich selbst oder unter eine ihrer eigenen Unterseiten verschoben werden. Bitte wählen Sie eine Seite außerhalb von „{0}“.", node.Title));
            }
        }

        if (tree.ChildrenOf(newParentId).Any(n => n.Slug == node.Slug))
        {
            return Outcome.Refused(new PageRefusal("NewParentId",
                "Dort gibt es schon eine Seite mit der Adresse „{0}“. Ändern Sie zuerst die Adresse dieser Seite oder wählen Sie einen anderen Ort.", node.Slug));
        }

        var page = await db.Set<EditorialPage>().SingleAsync(p => p.Id == id, cancellationToken);
        var before = node.ParentId is { } oldParent ? tree.Find(oldParent)?.Title : null;
        page.ParentId = newParentId;
        page.SortOrder = tree.ChildrenOf(newParentId).Select(n => n.SortOrder + 1).DefaultIfEmpty(0).Max();
        audit.Record(actor, "page.moved", "EditorialPage", id.ToString(), page.Title,
            [new AuditChange("Übergeordnete Seite", before ?? "(oberste Ebene)", newParentId is { } p ? tree.Find(p)!.Title : "(oberste Ebene)")]);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(id);
    }

    /// <summary>Moves the page one place up (-1) or down (+1) among its siblings.</summary>
    public static async Task<Outcome> ShiftAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, int direction, CancellationToken cancellationToken)
    {
        var tree = await PageTree.LoadAsync(db, cancellationToken);
        if (tree.Find(id) is not { } node)
        {
            return Outcome.Refused(new PageRefusal("", GoneRefusal));
        }

        if (node.SystemKey is not null)
        {
            return Outcome.Refused(new PageRefusal("", SystemPageRefusal));
        }

        var siblings = tree.ChildrenOf(node.ParentId).ToList();
        var index = siblings.FindIndex(n => n.Id == id);
        var other = index + Math.Sign(direction);
        if (direction == 0 || other < 0 || other >= siblings.Count)
        {
            return Outcome.Done(id);
        }

        // Numbers the siblings afresh in the new order, so equal or missing sort numbers cannot block a move.
        (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        var ids = siblings.Select(s => s.Id).ToList();
        var pages = await db.Set<EditorialPage>().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var page in pages)
        {
            page.SortOrder = ids.IndexOf(page.Id);
        }

        audit.Record(actor, "page.reordered", "EditorialPage", id.ToString(), node.Title);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(id);
    }

    public static async Task<Outcome> SetPublishedAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Guid id, bool published, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return Outcome.Refused(new PageRefusal("", GoneRefusal));
        }

        if (page.SystemKey is not null)
        {
            return Outcome.Refused(new PageRefusal("", SystemPageRefusal));
        }

        if (page.Published != published)
        {
            page.Published = published;
            page.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            audit.Record(actor, published ? "page.published" : "page.unpublished", "EditorialPage", id.ToString(), page.Title);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Done(id);
    }

    /// <summary>Deletes a page with its revisions; refused while it has sub-pages, so nothing disappears unseen.</summary>
    public static async Task<Outcome> DeleteAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var page = await db.Set<EditorialPage>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return Outcome.Refused(new PageRefusal("", GoneRefusal));
        }

        if (page.SystemKey is not null)
        {
            return Outcome.Refused(new PageRefusal("", SystemPageRefusal));
        }

        var children = await db.Set<EditorialPage>().CountAsync(p => p.ParentId == id, cancellationToken);
        if (children > 0)
        {
            return Outcome.Refused(new PageRefusal("",
                "Die Seite „{0}“ hat {1} Unterseite(n). Verschieben oder löschen Sie zuerst die Unterseiten; so geht nichts unbemerkt verloren.", page.Title, children));
        }

        db.Remove(page);
        audit.Record(actor, "page.deleted", "EditorialPage", id.ToString(), page.Title);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(id);
    }

    /// <summary>A slug from a title (German letters folded: ä → ae, ß → ss).</summary>
    public static string FoldedSlug(string title) => Slugs.Fold(title, EditorialPage.SlugMaxLength) is { Length: > 0 } slug ? slug : "seite";

    private static Outcome Conflict(EditorialPage current) =>
        new(null, [new PageRefusal("",
            "Diese Seite wurde inzwischen von {0} am {1} gespeichert (Version {2}). Ihr Text wurde nicht gespeichert, steht aber unten noch im Formular. Vergleichen Sie ihn mit der neuen Fassung (Seite in einem neuen Tab öffnen). Klicken Sie erneut auf „Speichern“, wenn Ihre Fassung trotzdem gelten soll – die Fassung von {0} bleibt dann in den Versionen erhalten.",
            current.UpdatedBy, BerlinTime.FormatDateTime(current.UpdatedUtc), current.Revision)])
        {
            CurrentRevision = current.Revision,
        };

    private static List<PageRefusal> Validate(Content input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return [.. results.Select(r => new PageRefusal(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? ""))];
    }

    private static void CheckSlug(List<PageRefusal> refusals, PageTree tree, string slug, Guid? parentId, Guid? self)
    {
        if (!Slugs.IsValid(slug) || slug.Length > EditorialPage.SlugMaxLength)
        {
            refusals.Add(new PageRefusal(nameof(Content.Slug), "Die Adresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, z. B. ueber-uns."));
        }
        else if (tree.ChildrenOf(parentId).Any(n => n.Slug == slug && n.Id != self))
        {
            refusals.Add(new PageRefusal(nameof(Content.Slug),
                "Auf dieser Ebene gibt es schon eine Seite mit der Adresse „{0}“. Bitte wählen Sie eine andere Adresse.", slug));
        }
    }

    private static void Apply(EditorialPage page, Content input, AuditActor actor, DateTime now)
    {
        page.Title = input.Title!.Trim();
        page.Description = Clean(input.Description);
        page.Body = input.Body!;
        page.ShowInNavigation = input.ShowInNavigation;
        page.UpdatedUtc = now;
        page.UpdatedBy = actor.Name;
    }

    private static EditorialPageRevision RevisionOf(EditorialPage page, AuditActor actor, DateTime now, string? note) => new()
    {
        PageId = page.Id,
        Number = page.Revision,
        Title = page.Title,
        Description = page.Description,
        Body = page.Body,
        Author = actor.Name,
        CreatedUtc = now,
        Note = note,
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
