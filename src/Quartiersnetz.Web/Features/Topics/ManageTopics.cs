using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Topics;

/// <summary>
/// The office keeps the topic vocabulary: create, edit, retire, reactivate and merge. Every change is audited
/// with before and after; a refused change changes nothing and names the reason in German.
/// </summary>
internal static class ManageTopics
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie einen Namen ein.")]
        [StringLength(Topic.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string Name { get; set; } = "";

        public Guid? ParentId { get; set; }

        [StringLength(Topic.DescriptionMaxLength, ErrorMessage = "Die Beschreibung darf höchstens {1} Zeichen haben.")]
        public string? Description { get; set; }
    }

    /// <summary>Done (with the topic's id), or an error keyed by input name ("" for the whole form).</summary>
    internal sealed record Outcome(Guid? TopicId, string? Field, string? Error)
    {
        public bool Succeeded => Error is null;

        public static Outcome Ok(Guid id) => new(id, null, null);

        public static Outcome Fail(string field, string error) => new(null, field, error);
    }

    public static async Task<Outcome> CreateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Input input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? "";
        var check = await CheckAsync(db, null, name, input.ParentId, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        var slug = Topic.SlugFor(name);
        if (await db.Set<Topic>().AnyAsync(t => t.Slug == slug, cancellationToken))
        {
            return Outcome.Fail(nameof(Input.Name), "Ein Thema mit dieser Adresse gibt es schon (auch ein stillgelegtes). Bitte wählen Sie einen anderen Namen.");
        }

        var topic = Topic.Create(name, input.ParentId, Blank(input.Description));
        db.Add(topic);
        audit.Record(actor, "topic.created", "Topic", topic.Id.ToString(), topic.Name,
            [new("Name", null, topic.Name), new("Adresse", null, topic.Slug), new("Übergeordnetes Thema", null, input.ParentId?.ToString()), new("Beschreibung", null, topic.Description)]);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(topic.Id);
    }

    public static async Task<Outcome> UpdateAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, Input input, CancellationToken cancellationToken)
    {
        var topic = await db.Set<Topic>().SingleAsync(t => t.Id == id, cancellationToken);
        var name = input.Name?.Trim() ?? "";
        var check = await CheckAsync(db, topic.Id, name, input.ParentId, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        if (input.ParentId is not null && await db.Set<Topic>().AnyAsync(t => t.ParentId == id, cancellationToken))
        {
            return Outcome.Fail(nameof(Input.ParentId), "Dieses Thema hat Unterthemen und kann deshalb nicht selbst ein Unterthema werden.");
        }

        var changes = new List<AuditChange>();
        if (topic.Name != name)
        {
            changes.Add(new("Name", topic.Name, name));
            topic.Rename(name);
        }

        if (topic.ParentId != input.ParentId)
        {
            changes.Add(new("Übergeordnetes Thema", topic.ParentId?.ToString(), input.ParentId?.ToString()));
            topic.ParentId = input.ParentId;
        }

        var description = Blank(input.Description);
        if (topic.Description != description)
        {
            changes.Add(new("Beschreibung", topic.Description, description));
            topic.Description = description;
        }

        if (changes.Count > 0)
        {
            audit.Record(actor, "topic.updated", "Topic", topic.Id.ToString(), topic.Name, changes);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Ok(topic.Id);
    }

    public static async Task<Outcome> SetRetiredAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid id, bool retired, CancellationToken cancellationToken)
    {
        var topic = await db.Set<Topic>().SingleAsync(t => t.Id == id, cancellationToken);
        if (!retired && topic.MergedIntoId is not null)
        {
            return Outcome.Fail("", "Ein zusammengeführtes Thema kann nicht wieder aktiviert werden; seine Zuordnungen gehören jetzt zum Zielthema.");
        }

        if (!retired && topic.ParentId is { } parentId
            && await db.Set<Topic>().AnyAsync(t => t.Id == parentId && t.Status == TopicStatus.Retired, cancellationToken))
        {
            return Outcome.Fail("", "Das übergeordnete Thema ist stillgelegt. Bitte aktivieren Sie zuerst das übergeordnete Thema.");
        }

        var status = retired ? TopicStatus.Retired : TopicStatus.Active;
        if (topic.Status != status)
        {
            audit.Record(actor, retired ? "topic.retired" : "topic.reactivated", "Topic", topic.Id.ToString(), topic.Name,
                [new("Status", StatusLabel(topic.Status), StatusLabel(status))]);
            topic.Status = status;
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Ok(topic.Id);
    }

    /// <summary>
    /// Moves every assignment of the source to the target (an item tagged with both keeps one), retires the
    /// source and remembers the target, so the source's address forwards there. A Handlungsfeld that still
    /// has sub-topics is refused: the office first moves or merges the sub-topics, so no sub-topic is
    /// silently re-parented.
    /// </summary>
    public static async Task<Outcome> MergeAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid sourceId, Guid? targetId, CancellationToken cancellationToken)
    {
        const string field = "TargetId";
        var source = await db.Set<Topic>().SingleAsync(t => t.Id == sourceId, cancellationToken);
        if (targetId is null)
        {
            return Outcome.Fail(field, "Bitte wählen Sie das Thema, in das zusammengeführt werden soll.");
        }

        if (targetId == sourceId)
        {
            return Outcome.Fail(field, "Ein Thema kann nicht mit sich selbst zusammengeführt werden.");
        }

        if (source.Status != TopicStatus.Active)
        {
            return Outcome.Fail(field, "Dieses Thema ist stillgelegt und kann nicht mehr zusammengeführt werden.");
        }

        var target = await db.Set<Topic>().SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null)
        {
            return Outcome.Fail(field, "Das gewählte Thema gibt es nicht.");
        }

        if (target.Status != TopicStatus.Active)
        {
            return Outcome.Fail(field, "In ein stillgelegtes Thema kann nicht zusammengeführt werden. Bitte wählen Sie ein aktives Thema.");
        }

        if (await db.Set<Topic>().AnyAsync(t => t.ParentId == sourceId && t.Status == TopicStatus.Active, cancellationToken))
        {
            return Outcome.Fail(field, "Dieses Thema hat noch aktive Unterthemen. Bitte ordnen Sie die Unterthemen zuerst einem anderen Thema zu oder führen Sie sie zusammen.");
        }

        var moving = await db.Set<TopicAssignment>().Where(a => a.TopicId == sourceId).ToListAsync(cancellationToken);
        var kinds = moving.Select(a => a.ItemKind).Distinct().ToList();
        var atTarget = (await db.Set<TopicAssignment>().AsNoTracking().Where(a => a.TopicId == target.Id && kinds.Contains(a.ItemKind))
            .Select(a => new { a.ItemKind, a.ItemKey }).ToListAsync(cancellationToken))
            .Select(a => (a.ItemKind, a.ItemKey)).ToHashSet();
        db.RemoveRange(moving);
        var moved = 0;
        foreach (var a in moving.Where(a => !atTarget.Contains((a.ItemKind, a.ItemKey))))
        {
            db.Add(new TopicAssignment { TopicId = target.Id, ItemKind = a.ItemKind, ItemKey = a.ItemKey });
            moved++;
        }

        source.Status = TopicStatus.Retired;
        source.MergedIntoId = target.Id;
        audit.Record(actor, "topic.merged", "Topic", source.Id.ToString(), source.Name,
        [
            new("Status", StatusLabel(TopicStatus.Active), StatusLabel(TopicStatus.Retired)),
            new("Zusammengeführt in", null, $"{target.Name} ({target.Slug})"),
            new("Zuordnungen", $"{moving.Count}", $"{moved} verschoben, {moving.Count - moved} schon vorhanden"),
        ]);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(target.Id);
    }

    public static string StatusLabel(TopicStatus status) => status == TopicStatus.Active ? "aktiv" : "stillgelegt";

    private static async Task<Outcome?> CheckAsync(QuartiersnetzDbContext db, Guid? self, string name, Guid? parentId, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return Outcome.Fail(nameof(Input.Name), "Bitte geben Sie einen Namen ein.");
        }

        if (Topic.SlugFor(name).Length == 0)
        {
            return Outcome.Fail(nameof(Input.Name), "Der Name muss mindestens einen Buchstaben oder eine Ziffer enthalten.");
        }

        var sortKey = Data.Reference.GermanSortKey.For(name);
        if (await db.Set<Topic>().AnyAsync(t => t.SortKey == sortKey && t.Id != self && t.Status == TopicStatus.Active, cancellationToken))
        {
            return Outcome.Fail(nameof(Input.Name), "Ein Thema mit diesem Namen gibt es schon.");
        }

        if (parentId is { } pid)
        {
            if (pid == self)
            {
                return Outcome.Fail(nameof(Input.ParentId), "Ein Thema kann nicht sein eigenes Unterthema sein.");
            }

            var parent = await db.Set<Topic>().AsNoTracking().Where(t => t.Id == pid).Select(t => new { t.ParentId, t.Status }).SingleOrDefaultAsync(cancellationToken);
            if (parent is null || parent.Status != TopicStatus.Active)
            {
                return Outcome.Fail(nameof(Input.ParentId), "Bitte wählen Sie ein aktives Thema aus der Liste.");
            }

            if (parent.ParentId is not null)
            {
                return Outcome.Fail(nameof(Input.ParentId), "Unterthemen können keine eigenen Unterthemen haben. Bitte wählen Sie ein Handlungsfeld.");
            }
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
