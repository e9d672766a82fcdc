using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Minutes;

/// <summary>Who reads minutes and tasks: the account, its roles and its municipality (for "my municipality's tasks").</summary>
internal sealed record MinutesViewer(Guid? AccountId, bool IsMember, bool IsOffice, string? MunicipalityAgs)
{
    public static MinutesViewer Anonymous { get; } = new(null, false, false, null);

    public EventViewer Event => new(AccountId, IsMember, IsOffice);

    public ProfileViewer Level => IsOffice ? ProfileViewer.Office : IsMember ? ProfileViewer.Member : ProfileViewer.Public;

    public static async Task<MinutesViewer> FromAsync(IAuthorizationService authorization, ClaimsPrincipal user, QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var actor = await RegistrationActor.FromAsync(authorization, user);
        if (actor.AccountId is not { } id)
        {
            return Anonymous;
        }

        var ags = await db.Set<UserAccount>().Where(u => u.Id == id).Select(u => u.MunicipalityAgs).SingleOrDefaultAsync(cancellationToken);
        return new MinutesViewer(id, actor.IsMember, actor.IsOffice, ags);
    }
}

/// <summary>A decision or follow-up as a reader sees it; a person whose name the reader may not see is null.</summary>
internal sealed record MinutesItemView(
    Guid Id, MinutesItemKind Kind, string Text, Guid? ResponsibleId, string? ResponsibleName, string? ResponsibleAgs, string? MunicipalityName,
    DateOnly? DueDate, bool Overdue, DateTime? ClosedAtUtc, string? ClosedByName, string? ClosingNote, bool CanClose,
    Guid EventId, string EventTitle, DateTime EventStartUtc)
{
    public bool IsOpen => Kind == MinutesItemKind.FollowUp && ClosedAtUtc is null;
}

/// <summary>The minutes as a reader sees them.</summary>
internal sealed record MinutesView(
    Guid EventId, string EventTitle, DateTime EventStartUtc, EventAudience Audience, MinutesState State, int Revision, string Text, string Html,
    DateTime UpdatedAtUtc, DateTime? PublishedAtUtc, IReadOnlyList<MinutesItemView> Items);

/// <summary>Filter of the task list: open (default) or closed ones; the office may narrow to one municipality.</summary>
internal sealed record TaskFilter(bool Closed = false, string? MunicipalityAgs = null, bool OverdueOnly = false);

/// <summary>
/// Who may read minutes, decisions and follow-ups: the office always; the event's confirmed participants while the
/// minutes are "zur Abstimmung"; once published, whoever may see the event (public event: everyone; members event:
/// members; invited event: the invited). Drafts: the office only. The API shows published minutes only to non-office callers.
/// </summary>
internal static class ReadMinutes
{
    /// <summary>The rule above as a query condition; <see cref="IsReadable"/> is the same rule in memory — change both together.</summary>
    public static Expression<Func<EventMinutes, bool>> ReadableBy(QuartiersnetzDbContext db, MinutesViewer viewer, bool publishedOnly = false)
    {
        if (viewer.IsOffice)
        {
            return m => true;
        }

        var visibleEvents = db.Set<Event>().Where(ListEvents.VisibleTo(db, viewer.Event));
        var me = viewer.AccountId ?? Guid.Empty;
        var review = !publishedOnly && viewer.AccountId is not null;
        return m => (m.State == MinutesState.Published && visibleEvents.Any(e => e.Id == m.EventId))
            || (review && m.State == MinutesState.InReview && db.Set<EventRegistration>()
                .Any(r => r.EventId == m.EventId && r.PersonId == me && r.Status == RegistrationStatus.Confirmed));
    }

    /// <summary>
    /// <see cref="ReadableBy"/> decided in memory, for a page that has shown the viewer the event (so it is visible to
    /// them) and read their registration: published minutes for everyone who sees the event, minutes in review for
    /// confirmed participants, any state for the office.
    /// </summary>
    public static bool IsReadable(MinutesState state, bool isOffice, bool confirmedParticipant) =>
        isOffice || state == MinutesState.Published || (state == MinutesState.InReview && confirmedParticipant);

    public static async Task<MinutesView?> ForReaderAsync(
        QuartiersnetzDbContext db, MarkdownRenderer markdown, TimeProvider clock, MinutesViewer viewer, Guid eventId, bool publishedOnly,
        CancellationToken cancellationToken)
    {
        var row = await db.Set<EventMinutes>().AsNoTracking().Where(m => m.EventId == eventId).Where(ReadableBy(db, viewer, publishedOnly))
            .Join(db.Set<Event>(), m => m.EventId, e => e.Id, (m, e) => new { m, e.Title, e.StartUtc, e.Audience })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var items = await ItemsAsync(db, clock, viewer, db.Set<MinutesItem>().Where(i => i.MinutesId == row.m.Id)
            .OrderBy(i => i.Kind).ThenBy(i => i.CreatedAtUtc), cancellationToken);
        return new MinutesView(eventId, row.Title, row.StartUtc, row.Audience, row.m.State, row.m.Revision, row.m.Text, markdown.ToHtml(row.m.Text),
            row.m.UpdatedAtUtc, row.m.PublishedAtUtc, items);
    }

    /// <summary>
    /// The follow-ups the viewer may read: their own first, then their municipality's, then the rest; earliest due first.
    /// </summary>
    public static async Task<PagedResult<MinutesItemView>> TasksAsync(
        QuartiersnetzDbContext db, TimeProvider clock, MinutesViewer viewer, TaskFilter filter, PageRequest page, bool publishedOnly,
        CancellationToken cancellationToken)
    {
        var readable = db.Set<EventMinutes>().Where(ReadableBy(db, viewer, publishedOnly)).Select(m => m.Id);
        var query = db.Set<MinutesItem>().Where(i => i.Kind == MinutesItemKind.FollowUp && readable.Contains(i.MinutesId));
        query = filter.Closed ? query.Where(i => i.ClosedAtUtc != null) : query.Where(i => i.ClosedAtUtc == null);
        if (filter.MunicipalityAgs is { } ags)
        {
            query = query.Where(i => i.ResponsibleAgs == ags);
        }

        if (filter.OverdueOnly)
        {
            var today = BerlinTime.Today(clock);
            query = query.Where(i => i.ClosedAtUtc == null && i.DueDate < today);
        }

        var me = viewer.AccountId ?? Guid.Empty;
        var myAgs = viewer.MunicipalityAgs ?? "-";
        var ordered = query.OrderBy(i => i.ResponsibleAccountId == me ? 0 : i.ResponsibleAgs == myAgs ? 1 : 2)
            .ThenBy(i => i.DueDate).ThenBy(i => i.CreatedAtUtc).ThenBy(i => i.Id);
        var total = await query.CountAsync(cancellationToken);
        var items = await ItemsAsync(db, clock, viewer, ordered.Skip(page.Skip).Take(page.PageSize), cancellationToken);
        return new PagedResult<MinutesItemView>(items, page.Page, page.PageSize, total);
    }

    private static async Task<IReadOnlyList<MinutesItemView>> ItemsAsync(
        QuartiersnetzDbContext db, TimeProvider clock, MinutesViewer viewer, IQueryable<MinutesItem> items, CancellationToken cancellationToken)
    {
        var rows = await (
            from i in items.AsNoTracking()
            join e in db.Set<Event>() on i.EventId equals e.Id
            join p in db.Set<UserAccount>() on i.ResponsibleAccountId equals p.Id into people
            from p in people.DefaultIfEmpty()
            join c in db.Set<UserAccount>() on i.ClosedById equals c.Id into closers
            from c in closers.DefaultIfEmpty()
            join mu in db.Set<Municipality>() on i.ResponsibleAgs equals mu.Ags into municipalities
            from mu in municipalities.DefaultIfEmpty()
            select new
            {
                i.Id, i.Kind, i.Text, i.ResponsibleAccountId, i.ResponsibleAgs, i.DueDate, i.ClosedAtUtc, i.ClosingNote, i.EventId, EventTitle = e.Title,
                EventStart = e.StartUtc,
                PersonName = p == null ? null : p.DisplayName, PersonVisibility = p == null ? (ProfileVisibility?)null : p.NameVisibility,
                CloserName = c == null ? null : c.DisplayName, CloserVisibility = c == null ? (ProfileVisibility?)null : c.NameVisibility,
                Municipality = mu == null ? null : mu.ShortName,
            }).ToListAsync(cancellationToken);
        var today = BerlinTime.Today(clock);
        return [.. rows.Select(r => new MinutesItemView(
            r.Id, r.Kind, r.Text, Visible(r.ResponsibleAccountId, r.PersonVisibility) ? r.ResponsibleAccountId : null,
            Visible(r.ResponsibleAccountId, r.PersonVisibility) ? r.PersonName : null, r.ResponsibleAgs, r.Municipality, r.DueDate,
            r.Kind == MinutesItemKind.FollowUp && r.ClosedAtUtc is null && r.DueDate < today, r.ClosedAtUtc,
            r.ClosedAtUtc is null ? null : CloserName(r.CloserName, r.CloserVisibility), r.ClosingNote,
            r.Kind == MinutesItemKind.FollowUp && r.ClosedAtUtc is null && MayClose(viewer, r.ResponsibleAccountId, r.ResponsibleAgs),
            r.EventId, r.EventTitle, r.EventStart))];

        bool Visible(Guid? id, ProfileVisibility? visibility) =>
            id is not null && visibility is { } v && (id == viewer.AccountId || ProfileVisibilityRules.CanSee(v, viewer.Level));

        string? CloserName(string? name, ProfileVisibility? visibility) =>
            name is not null && visibility is { } v && ProfileVisibilityRules.CanSee(v, viewer.Level) ? name : null;
    }

    /// <summary>The office, the responsible person, or a member of the responsible municipality closes a follow-up.</summary>
    public static bool MayClose(MinutesViewer viewer, Guid? responsibleId, string? responsibleAgs) =>
        viewer.IsOffice || (viewer.AccountId is { } me && viewer.IsMember
            && (responsibleId == me || (responsibleAgs is not null && responsibleAgs == viewer.MunicipalityAgs)));
}

/// <summary>Closing a follow-up with a note (what was done, or why it is dropped); audited.</summary>
internal static class CloseFollowUp
{
    internal enum Result
    {
        Closed,
        NotFound,
        Refused,
    }

    internal sealed record Outcome(Result Result, string? Message = null, object[]? Args = null);

    public static async Task<Outcome> HandleAsync(
        QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, MinutesViewer viewer, Guid itemId, string? note,
        CancellationToken cancellationToken)
    {
        var readable = db.Set<EventMinutes>().Where(ReadMinutes.ReadableBy(db, viewer)).Select(m => m.Id);
        var item = await db.Set<MinutesItem>().SingleOrDefaultAsync(
            i => i.Id == itemId && i.Kind == MinutesItemKind.FollowUp && readable.Contains(i.MinutesId), cancellationToken);
        if (item is null)
        {
            return new Outcome(Result.NotFound);
        }

        if (!ReadMinutes.MayClose(viewer, item.ResponsibleAccountId, item.ResponsibleAgs))
        {
            return new Outcome(Result.Refused, "Diese Aufgabe können nur die Geschäftsstelle und die Verantwortlichen als erledigt markieren.");
        }

        if (item.ClosedAtUtc is not null)
        {
            return new Outcome(Result.Refused, "Diese Aufgabe ist bereits erledigt.");
        }

        var text = note?.Trim().ReplaceLineEndings("\n") ?? "";
        if (text.Length == 0)
        {
            return new Outcome(Result.Refused, "Bitte schreiben Sie kurz, was erledigt wurde.");
        }

        if (text.Length > MinutesItem.ClosingNoteMaxLength)
        {
            return new Outcome(Result.Refused, "Die Notiz darf höchstens {0} Zeichen haben.", [MinutesItem.ClosingNoteMaxLength]);
        }

        (item.ClosedAtUtc, item.ClosedById, item.ClosingNote) = (clock.GetUtcNow().UtcDateTime, actor.Id, text);
        var eventTitle = await db.Set<Event>().Where(e => e.Id == item.EventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "minutes.follow_up_closed", "Veranstaltung", item.EventId.ToString(), eventTitle,
            [new AuditChange("Aufgabe", item.Text, "erledigt: " + text)]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (EditMinutes.IsCollision(ex))
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Refused, "Diese Aufgabe ist bereits erledigt.");
        }

        return new Outcome(Result.Closed);
    }
}
