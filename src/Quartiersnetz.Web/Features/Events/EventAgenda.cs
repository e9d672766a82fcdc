using System.Globalization;
using System.Text;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// A speaker as the reader may see them. A directory person whose name the reader may not see has
/// <see cref="Name"/> and <see cref="PersonId"/> null, so neither the name nor the profile address leaks.
/// </summary>
internal sealed record AgendaSpeakerView(Guid Id, Guid? PersonId, string? Name, string? Organisation, string? Bio, bool FromDirectory);

/// <summary>
/// An event's agenda as stored, for participants or for everyone else: speakers carry their profile names with the
/// visibility settings, which only <see cref="EventAgenda.ForReader"/> applies. Never shown as it is.
/// </summary>
internal sealed record AgendaData(
    IReadOnlyList<AgendaData.Item> Items, IReadOnlyList<AgendaData.Speaker> Speakers, IReadOnlyList<AgendaData.Material> Materials,
    IReadOnlyList<AgendaData.ItemTopic> Topics)
{
    public static AgendaData Empty { get; } = new([], [], [], []);

    /// <summary>Rough size in units of about 1 KB (descriptions and bios are the bulk).</summary>
    public long Size => (Items.Sum(i => i.Title.Length + i.Description.Length) + Speakers.Sum(s => (s.Bio?.Length ?? 0) + 100)) / 1024;

    internal sealed record Item(Guid Id, DateTime StartUtc, DateTime EndUtc, string Title, string Description, AgendaItemType Type);

    internal sealed record Speaker(
        Guid Id, Guid AgendaItemId, Guid? AccountId, string? Name, string? Organisation, string? Bio,
        string? PersonName, ProfileVisibility? NameVisibility, string? PersonOrganisation, ProfileVisibility? OrganisationVisibility);

    internal sealed record Material(Guid AgendaItemId, EventDocumentView View);

    internal sealed record ItemTopic(string ItemKey, string SortKey, TopicChoice Choice);
}

/// <summary>One agenda item as the page, the PDF, the .ics and the API show it.</summary>
internal sealed record AgendaItemView(
    Guid Id, DateTime StartUtc, DateTime EndUtc, string Title, string Description, AgendaItemType Type,
    IReadOnlyList<TopicChoice> Topics, IReadOnlyList<AgendaSpeakerView> Speakers, IReadOnlyList<EventDocumentView> Materials);

/// <summary>Who reads the agenda: their profile view level (speakers' names) and whether participants-only materials are theirs.</summary>
internal sealed record AgendaReader(ProfileViewer Level, Guid? AccountId, bool Participant)
{
    public static AgendaReader From(RegistrationActor actor, bool confirmed) => new(
        actor.IsOffice ? ProfileViewer.Office : actor.IsMember ? ProfileViewer.Member : ProfileViewer.Public,
        actor.AccountId, actor.IsOffice || confirmed);

    public static AgendaReader Office { get; } = new(ProfileViewer.Office, null, true);
}

/// <summary>
/// The timed agenda of an event: the office adds, changes, orders and removes items, their speakers and materials;
/// readers get it filtered by what they may see. Every write saves once, so nothing is stored half.
/// </summary>
internal static class EventAgenda
{
    internal enum Result
    {
        Saved,
        NotFound,
        Refused,
    }

    internal sealed record Outcome(Result Result, Guid? ItemId, IReadOnlyList<Refusal> Refusals)
    {
        public static Outcome NotFound { get; } = new(Result.NotFound, null, []);

        public static Outcome Refuse(string field, string message, params object[] args) => new(Result.Refused, null, [new Refusal(field, message, args)]);
    }

    /// <summary>What the item form posts: day as yyyy-MM-dd, times as HH:mm (Berlin), type as the enum name.</summary>
    internal sealed record ItemInput(string? Day, string? Start, string? End, string? Title, string? Description, string? Type, IReadOnlyList<string>? Topics);

    /// <summary>A directory person (<see cref="AccountId"/>) or an external speaker (name, organisation, short bio).</summary>
    internal sealed record SpeakerInput(Guid? AccountId, string? Name, string? Organisation, string? Bio);

    public static async Task<Outcome> SaveItemAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid? itemId, ItemInput input, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, e.StartUtc, e.EndUtc, Items = db.Set<AgendaItem>().Count(i => i.EventId == e.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return Outcome.NotFound;
        }

        AgendaItem? item = null;
        if (itemId is { } existing)
        {
            item = await db.Set<AgendaItem>().SingleOrDefaultAsync(i => i.Id == existing && i.EventId == eventId, cancellationToken);
            if (item is null)
            {
                return Outcome.NotFound;
            }
        }
        else if (ev.Items >= AgendaItem.MaxPerEvent)
        {
            return Outcome.Refuse("", "Eine Tagesordnung kann höchstens {0} Punkte haben.", AgendaItem.MaxPerEvent);
        }

        var refusals = new List<Refusal>();
        var days = EventProgramme.DaysOf(ev.StartUtc, ev.EndUtc);
        DateOnly? day = null;
        if (string.IsNullOrWhiteSpace(input.Day))
        {
            // A one-day event needs no day: the form leaves the field out.
            if (days.Count == 1)
            {
                day = days[0];
            }
            else
            {
                refusals.Add(new Refusal("Day", "Bitte wählen Sie den Tag."));
            }
        }
        else if (DateOnly.TryParseExact(input.Day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay))
        {
            day = parsedDay;
        }
        else
        {
            refusals.Add(new Refusal("Day", "Bitte geben Sie den Tag als Datum an, z. B. 2027-03-04."));
        }

        var start = Time("Start", input.Start, "Bitte geben Sie die Beginnzeit an, z. B. 10:00.");
        var end = Time("End", input.End, "Bitte geben Sie die Endzeit an, z. B. 10:30.");
        DateTime? startUtc = null, endUtc = null;
        if (day is { } d && start is { } s && end is { } en)
        {
            startUtc = BerlinTime.ToUtc(d.ToDateTime(s));
            endUtc = BerlinTime.ToUtc(d.ToDateTime(en));
            if (startUtc is null || endUtc is null)
            {
                refusals.Add(new Refusal(startUtc is null ? "Start" : "End", "Diese Uhrzeit gibt es wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere."));
            }
            else if (endUtc <= startUtc)
            {
                refusals.Add(new Refusal("End", "Das Ende muss nach dem Beginn liegen."));
            }
            else if (startUtc < ev.StartUtc || endUtc > ev.EndUtc)
            {
                refusals.Add(new Refusal("Start", "Der Punkt muss in der Zeit der Veranstaltung liegen: {0} bis {1}.",
                    BerlinTime.FormatDateTime(ev.StartUtc), BerlinTime.FormatDateTime(ev.EndUtc)));
            }
        }

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            refusals.Add(new Refusal("Title", "Bitte geben Sie einen Titel ein."));
        }
        else if (title.Length > AgendaItem.TitleMaxLength)
        {
            refusals.Add(new Refusal("Title", "Der Titel darf höchstens {0} Zeichen haben.", AgendaItem.TitleMaxLength));
        }

        var description = input.Description?.Trim().ReplaceLineEndings("\n") ?? "";
        if (description.Length > AgendaItem.DescriptionMaxLength)
        {
            refusals.Add(new Refusal("Description", "Die Beschreibung darf höchstens {0} Zeichen haben.", AgendaItem.DescriptionMaxLength));
        }

        var type = ParseType(input.Type);
        if (type is null)
        {
            refusals.Add(new Refusal("Type", "Bitte wählen Sie die Art des Punkts."));
        }

        if (refusals.Count > 0)
        {
            return new Outcome(Result.Refused, itemId, refusals);
        }

        var isNew = item is null;
        if (item is null)
        {
            var last = await db.Set<AgendaItem>().Where(i => i.EventId == eventId).MaxAsync(i => (int?)i.SortOrder, cancellationToken);
            item = new AgendaItem { EventId = eventId, SortOrder = (last ?? 0) + 1 };
            db.Add(item);
        }

        var before = isNew ? null : $"{BerlinTime.FormatDateTime(item.StartUtc)} {item.Title}";
        (item.StartUtc, item.EndUtc, item.Title, item.Description, item.Type) = (startUtc!.Value, endUtc!.Value, title, description, type!.Value);
        var topics = await AssignTopics.HandleAsync(db, AgendaItem.TopicKind, item.Id.ToString(), input.Topics ?? [], cancellationToken);
        if (!topics.Succeeded)
        {
            return Outcome.Refuse("Topics", topics.Error!);
        }

        audit.Record(actor, isNew ? "event.agenda_item_added" : "event.agenda_item_changed", "Veranstaltung", eventId.ToString(), ev.Title,
            [new AuditChange("Tagesordnungspunkt", before, $"{BerlinTime.FormatDateTime(item.StartUtc)} {item.Title}")]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Saved, item.Id, []);

        TimeOnly? Time(string field, string? value, string message)
        {
            if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            refusals.Add(new Refusal(field, message));
            return null;
        }
    }

    public static AgendaItemType? ParseType(string? value) =>
        Enum.TryParse<AgendaItemType>(value?.Trim(), ignoreCase: true, out var type) && Enum.IsDefined(type) ? type : null;

    /// <summary>Removes an item with its speakers, materials (rows, then files) and topic assignments.</summary>
    public static async Task<Result> DeleteItemAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid eventId, Guid itemId, CancellationToken cancellationToken)
    {
        var item = await db.Set<AgendaItem>().SingleOrDefaultAsync(i => i.Id == itemId && i.EventId == eventId, cancellationToken);
        if (item is null)
        {
            return Result.NotFound;
        }

        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var keys = await db.Set<AgendaMaterial>().Where(m => m.AgendaItemId == itemId).Select(m => m.FileKey).ToListAsync(cancellationToken);
        var key = itemId.ToString();
        db.RemoveRange(await db.Set<TopicAssignment>().Where(a => a.ItemKind == AgendaItem.TopicKind && a.ItemKey == key).ToListAsync(cancellationToken));
        db.Remove(item);
        audit.Record(actor, "event.agenda_item_removed", "Veranstaltung", eventId.ToString(), eventTitle,
            [new AuditChange("Tagesordnungspunkt", $"{BerlinTime.FormatDateTime(item.StartUtc)} {item.Title}", null)]);
        await db.SaveChangesAsync(cancellationToken);
        // After the commit: a failed delete leaves an orphan file, never a row pointing at a missing file.
        foreach (var fileKey in keys)
        {
            await files.DeleteAsync(fileKey, CancellationToken.None);
        }

        return Result.Saved;
    }

    /// <summary>
    /// Moves an item one place up or down among the items that start at the same time (parallel sessions). Items that
    /// start at different times follow their times; moving one past another would contradict the clock, so it is refused.
    /// </summary>
    public static async Task<Outcome> MoveAsync(QuartiersnetzDbContext db, Guid eventId, Guid itemId, bool up, CancellationToken cancellationToken)
    {
        var items = await db.Set<AgendaItem>().Where(i => i.EventId == eventId).ToListAsync(cancellationToken);
        var ordered = items.OrderBy(i => i.StartUtc).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).ToList();
        var index = ordered.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            return Outcome.NotFound;
        }

        var other = index + (up ? -1 : 1);
        if (other < 0 || other >= ordered.Count || ordered[other].StartUtc != ordered[index].StartUtc)
        {
            return Outcome.Refuse("", "Die Reihenfolge folgt den Uhrzeiten. Nur Punkte mit derselben Beginnzeit lassen sich verschieben; ändern Sie sonst die Uhrzeit.");
        }

        // Renumbered in display order first, so equal sort orders of older rows cannot make the swap a no-op.
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].SortOrder = i + 1;
        }

        (ordered[index].SortOrder, ordered[other].SortOrder) = (ordered[other].SortOrder, ordered[index].SortOrder);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Saved, itemId, []);
    }

    public static async Task<Outcome> AddSpeakerAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid itemId, SpeakerInput input, CancellationToken cancellationToken)
    {
        var item = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.Id == itemId && i.EventId == eventId)
            .Select(i => new { i.Title, Speakers = db.Set<AgendaSpeaker>().Count(s => s.AgendaItemId == i.Id), Last = db.Set<AgendaSpeaker>().Where(s => s.AgendaItemId == i.Id).Max(s => (int?)s.SortOrder) })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return Outcome.NotFound;
        }

        var field = $"speaker-{itemId:N}";
        if (item.Speakers >= AgendaSpeaker.MaxPerItem)
        {
            return Outcome.Refuse(field + "-name", "Ein Punkt kann höchstens {0} Vortragende haben.", AgendaSpeaker.MaxPerItem);
        }

        var speaker = new AgendaSpeaker { AgendaItemId = itemId, SortOrder = (item.Last ?? 0) + 1 };
        string label;
        if (input.AccountId is { } accountId)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == accountId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            if (name is null)
            {
                return Outcome.Refuse(field + "-person", "Diese Person gibt es im Verzeichnis nicht. Bitte suchen Sie erneut.");
            }

            if (await db.Set<AgendaSpeaker>().AnyAsync(s => s.AgendaItemId == itemId && s.AccountId == accountId, cancellationToken))
            {
                return Outcome.Refuse(field + "-person", "{0} ist bei diesem Punkt schon eingetragen.", name);
            }

            speaker.AccountId = accountId;
            label = name;
        }
        else
        {
            var name = input.Name?.Trim() ?? "";
            var organisation = input.Organisation?.Trim() ?? "";
            var bio = input.Bio?.Trim().ReplaceLineEndings("\n") ?? "";
            var refusals = new List<Refusal>();
            if (name.Length == 0)
            {
                refusals.Add(new Refusal(field + "-name", "Bitte geben Sie den Namen der oder des Vortragenden ein."));
            }
            else if (name.Length > AgendaSpeaker.NameMaxLength)
            {
                refusals.Add(new Refusal(field + "-name", "Der Name darf höchstens {0} Zeichen haben.", AgendaSpeaker.NameMaxLength));
            }

            if (organisation.Length > AgendaSpeaker.OrganisationMaxLength)
            {
                refusals.Add(new Refusal(field + "-organisation", "Die Organisation darf höchstens {0} Zeichen haben.", AgendaSpeaker.OrganisationMaxLength));
            }

            if (bio.Length > AgendaSpeaker.BioMaxLength)
            {
                refusals.Add(new Refusal(field + "-bio", "Die Kurzbiografie darf höchstens {0} Zeichen haben.", AgendaSpeaker.BioMaxLength));
            }

            if (refusals.Count > 0)
            {
                return new Outcome(Result.Refused, itemId, refusals);
            }

            (speaker.Name, speaker.Organisation, speaker.Bio) = (name, organisation.Length == 0 ? null : organisation, bio.Length == 0 ? null : bio);
            label = name;
        }

        db.Add(speaker);
        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "event.agenda_speaker_added", "Veranstaltung", eventId.ToString(), eventTitle,
            [new AuditChange($"Vortragende bei „{item.Title}“", null, label)]);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(Result.Saved, itemId, []);
    }

    public static async Task<Result> RemoveSpeakerAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid itemId, Guid speakerId, CancellationToken cancellationToken)
    {
        var speaker = await db.Set<AgendaSpeaker>()
            .Where(s => s.Id == speakerId && s.AgendaItemId == itemId && db.Set<AgendaItem>().Any(i => i.Id == itemId && i.EventId == eventId))
            .SingleOrDefaultAsync(cancellationToken);
        if (speaker is null)
        {
            return Result.NotFound;
        }

        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var label = speaker.Name ?? await db.Users.Where(u => u.Id == speaker.AccountId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        db.Remove(speaker);
        audit.Record(actor, "event.agenda_speaker_removed", "Veranstaltung", eventId.ToString(), eventTitle, [new AuditChange("Vortragende", label, null)]);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Saved;
    }

    /// <summary>
    /// Attaches slides or a document to an item, under the same file rules as event documents
    /// (<see cref="EventDocuments.CheckFile"/>): content-detected type, size limit; a refused file stores nothing.
    /// </summary>
    public static async Task<EventDocuments.Problem> UploadMaterialAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock,
        Guid eventId, Guid itemId, byte[] content, string? title, string? uploadedFileName, bool participantsOnly, long maxBytes, CancellationToken cancellationToken)
    {
        var item = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.Id == itemId && i.EventId == eventId)
            .Select(i => new { i.Title, Materials = db.Set<AgendaMaterial>().Count(m => m.AgendaItemId == i.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return EventDocuments.Problem.NotFound;
        }

        if (item.Materials >= AgendaMaterial.MaxPerItem)
        {
            return EventDocuments.Problem.TooMany;
        }

        var problem = EventDocuments.CheckFile(content, maxBytes, uploadedFileName, out var kind);
        if (problem != EventDocuments.Problem.None)
        {
            return problem;
        }

        var name = string.IsNullOrWhiteSpace(title) ? EventDocuments.DefaultTitle(uploadedFileName) : title.Trim();
        if (name.Length == 0)
        {
            return EventDocuments.Problem.TitleMissing;
        }

        if (name.Length > EventDocument.TitleMaxLength)
        {
            return EventDocuments.Problem.TitleTooLong;
        }

        var material = new AgendaMaterial
        {
            AgendaItemId = itemId,
            EventId = eventId,
            Title = name,
            FileKey = $"agenda/{eventId:N}-{Guid.NewGuid():N}.{kind!.Extension}",
            Extension = kind.Extension,
            SizeBytes = content.Length,
            ParticipantsOnly = participantsOnly,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await files.SaveAsync(material.FileKey, content, cancellationToken);
        db.Add(material);
        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "event.agenda_material_added", "Veranstaltung", eventId.ToString(), eventTitle,
        [
            new AuditChange($"Material zu „{item.Title}“", null, $"{name} ({kind.Label}, {DocumentContent.FormatSize(content.Length)})"),
            new AuditChange("Sichtbar für", null, participantsOnly ? "Teilnehmende" : "alle, die die Veranstaltung sehen"),
        ]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // No row points at the file: it would be an orphan.
            await files.DeleteAsync(material.FileKey, CancellationToken.None);
            throw;
        }

        return EventDocuments.Problem.None;
    }

    public static async Task<Result> RemoveMaterialAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid eventId, Guid itemId, Guid materialId, CancellationToken cancellationToken)
    {
        var material = await db.Set<AgendaMaterial>().SingleOrDefaultAsync(m => m.Id == materialId && m.AgendaItemId == itemId && m.EventId == eventId, cancellationToken);
        if (material is null)
        {
            return Result.NotFound;
        }

        var eventTitle = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        db.Remove(material);
        audit.Record(actor, "event.agenda_material_removed", "Veranstaltung", eventId.ToString(), eventTitle, [new AuditChange("Material", material.Title, null)]);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(material.FileKey, cancellationToken);
        return Result.Saved;
    }

    /// <summary>
    /// The agenda of an event the caller has already found visible to the reader, in four queries whatever its size:
    /// items, speakers with their profiles, materials, topics. Speakers' names follow their profile visibility;
    /// participants-only materials are left out unless the reader is a participant or the office.
    /// </summary>
    public static async Task<IReadOnlyList<AgendaItemView>> ForReaderAsync(
        QuartiersnetzDbContext db, Guid eventId, AgendaReader reader, CancellationToken cancellationToken) =>
        ForReader(await ReadAsync(db, eventId, reader.Participant, cancellationToken), reader);

    /// <summary>
    /// What the agenda holds for participants or for everyone else, before any profile visibility is applied: the same
    /// for every reader of that kind, so the event page can keep it (<see cref="ForReader"/> then filters per reader).
    /// </summary>
    public static async Task<AgendaData> ReadAsync(QuartiersnetzDbContext db, Guid eventId, bool participant, CancellationToken cancellationToken)
    {
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.EventId == eventId)
            .OrderBy(i => i.StartUtc).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new AgendaData.Item(i.Id, i.StartUtc, i.EndUtc, i.Title, i.Description, i.Type))
            .ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return AgendaData.Empty;
        }

        var speakers = await (
            from s in db.Set<AgendaSpeaker>().AsNoTracking()
            join i in db.Set<AgendaItem>() on s.AgendaItemId equals i.Id
            where i.EventId == eventId
            join u in db.Users on s.AccountId equals (Guid?)u.Id into people
            from u in people.DefaultIfEmpty()
            join o in db.Set<Organisation>() on u!.OrganisationId equals (Guid?)o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            orderby s.SortOrder, s.Id
            select new AgendaData.Speaker(
                s.Id, s.AgendaItemId, s.AccountId, s.Name, s.Organisation, s.Bio,
                u != null ? u.DisplayName : null,
                u != null ? (ProfileVisibility?)u.NameVisibility : null,
                o != null ? o.Name : u != null ? u.Organisation : null,
                u != null ? (ProfileVisibility?)u.OrganisationVisibility : null)).ToListAsync(cancellationToken);
        var materials = await db.Set<AgendaMaterial>().AsNoTracking()
            .Where(m => m.EventId == eventId && (participant || !m.ParticipantsOnly))
            .OrderBy(m => m.UploadedAtUtc).ThenBy(m => m.Title)
            .Select(m => new AgendaData.Material(m.AgendaItemId, new EventDocumentView(m.Id, m.Title, m.Extension, m.SizeBytes, m.ParticipantsOnly)))
            .ToListAsync(cancellationToken);
        var keys = items.Select(i => i.Id.ToString()).ToList();
        var topics = await db.Set<TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == AgendaItem.TopicKind && keys.Contains(a.ItemKey))
            .Join(db.Set<Topic>().Where(t => t.Status == TopicStatus.Active), a => a.TopicId, t => t.Id, (a, t) => new AgendaData.ItemTopic(a.ItemKey, t.SortKey, new TopicChoice(t.Id, t.Slug, t.Name, t.ParentId)))
            .ToListAsync(cancellationToken);
        return new AgendaData(items, speakers, materials, topics);
    }

    /// <summary>The agenda as one reader may see it: speakers' names and organisations by their profile visibility.</summary>
    public static IReadOnlyList<AgendaItemView> ForReader(AgendaData data, AgendaReader reader) =>
        [.. data.Items.Select(i => new AgendaItemView(
            i.Id, i.StartUtc, i.EndUtc, i.Title, i.Description, i.Type,
            [.. data.Topics.Where(t => t.ItemKey == i.Id.ToString()).OrderBy(t => t.SortKey, StringComparer.Ordinal).Select(t => t.Choice)],
            [.. data.Speakers.Where(s => s.AgendaItemId == i.Id && (s.AccountId is not null || s.Name is not null)).Select(s =>
            {
                if (s.AccountId is not { } person)
                {
                    return new AgendaSpeakerView(s.Id, null, s.Name, s.Organisation, s.Bio, false);
                }

                var level = person == reader.AccountId ? ProfileViewer.Self : reader.Level;
                var named = ProfileVisibilityRules.CanSee(s.NameVisibility!.Value, level);
                return named
                    ? new AgendaSpeakerView(s.Id, person, s.PersonName, ProfileVisibilityRules.CanSee(s.OrganisationVisibility!.Value, level) ? s.PersonOrganisation : null, null, true)
                    : new AgendaSpeakerView(s.Id, null, null, null, null, true);
            })],
            [.. data.Materials.Where(m => m.AgendaItemId == i.Id).Select(m => m.View)]))];

    /// <summary>The material if the reader may download it: same rules as <see cref="EventDocuments.FindForViewerAsync"/>.</summary>
    public static async Task<AgendaMaterial?> FindMaterialForViewerAsync(
        QuartiersnetzDbContext db, EventViewer viewer, Guid eventId, Guid materialId, CancellationToken cancellationToken)
    {
        var me = viewer.AccountId ?? Guid.Empty;
        var row = await db.Set<AgendaMaterial>().AsNoTracking()
            .Where(m => m.Id == materialId && m.EventId == eventId)
            .Join(db.Set<Event>().Where(ListEvents.VisibleTo(db, viewer)), m => m.EventId, e => e.Id, (m, e) => new
            {
                Material = m,
                Confirmed = db.Set<EventRegistration>().Any(r => r.EventId == e.Id && r.PersonId == me && r.Status == RegistrationStatus.Confirmed),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return row?.Material is not { } material || (material.ParticipantsOnly && !viewer.IsOffice && !row.Confirmed) ? null : material;
    }

    /// <summary>Directory people matching a name, for picking a speaker (the office sees every name).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name, string? Organisation)>> SearchPeopleAsync(
        QuartiersnetzDbContext db, string? query, CancellationToken cancellationToken)
    {
        var text = query?.Trim() ?? "";
        if (text.Length < 2)
        {
            return [];
        }

        // The folded sort key makes "Ozlem", "Özlem" and "Oezlem" find the same person on both databases.
        var folded = Data.Reference.GermanSortKey.For(text.Length > 100 ? text[..100] : text);
        var rows = await db.Users.AsNoTracking().Where(u => u.SortKey.Contains(folded))
            .OrderBy(u => u.SortKey).ThenBy(u => u.Id).Take(10)
            .Select(u => new { u.Id, u.DisplayName, u.Organisation }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.DisplayName, r.Organisation))];
    }

    /// <summary>"10:00–10:30" (Berlin); with the day ("Do., 04.03.") when the event spans more than one day.</summary>
    public static string FormatTime(AgendaItemView item, bool withDay)
    {
        var start = BerlinTime.ToBerlin(item.StartUtc);
        var end = BerlinTime.ToBerlin(item.EndUtc);
        var time = start.ToString("HH:mm", BerlinTime.Culture) + "–" + end.ToString("HH:mm", BerlinTime.Culture);
        return withDay ? start.ToString("ddd, dd.MM.", BerlinTime.Culture) + " " + time : time;
    }

    public static bool SpansDays(IReadOnlyList<AgendaItemView> items) =>
        items.Select(i => DateOnly.FromDateTime(BerlinTime.ToBerlin(i.StartUtc))).Distinct().Count() > 1;

    /// <summary>The speaker line as plain text; a hidden directory person appears as <paramref name="hiddenPerson"/>.</summary>
    public static string SpeakerLine(AgendaSpeakerView speaker, string hiddenPerson) =>
        speaker.Name is null ? hiddenPerson : speaker.Organisation is null ? speaker.Name : $"{speaker.Name} ({speaker.Organisation})";

    /// <summary>
    /// The agenda as plain text for the .ics DESCRIPTION: calendar apps show no markup, so one line per item with
    /// time, title and type, then its speakers. Texts are German source texts (calendars are read outside the site).
    /// </summary>
    public static string PlainText(IReadOnlyList<AgendaItemView> items)
    {
        var text = new StringBuilder("Tagesordnung:");
        var withDay = SpansDays(items);
        foreach (var item in items)
        {
            text.Append('\n').Append(FormatTime(item, withDay)).Append(' ').Append(item.Title).Append(" (").Append(AgendaLabels.Label(item.Type)).Append(')');
            if (item.Speakers.Count > 0)
            {
                text.Append("\n  ").Append(string.Join(", ", item.Speakers.Select(s => SpeakerLine(s, "Person aus dem Netzwerk"))));
            }
        }

        return text.ToString();
    }
}
