using System.Text.Json.Serialization;
using System.Linq.Expressions;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>An event in a list (page and API).</summary>
internal sealed record EventSummary(
    Guid Id, string Title, EventType Type, DateTime StartUtc, DateTime EndUtc, PlaceMode PlaceMode, string? VenueName,
    EventAudience Audience, EventStatus Status, int? Capacity, int ConfirmedCount)
{
    public int? FreeSeats => Capacity is { } capacity ? Math.Max(0, capacity - ConfirmedCount) : null;
}

/// <summary>An event in a list as the shared partial <c>_EventSummary</c> shows it, under a heading of the given level.</summary>
internal sealed record EventSummaryView(EventSummary Event, int HeadingLevel);

internal sealed record EventTopic(string Slug, string Name);

/// <summary>
/// One event with everything the page and the API show. <see cref="OnlineLink"/> is filled only for confirmed
/// participants and the office.
/// </summary>
internal sealed record EventDetails(
    Guid Id, EventType Type, string Title, string Description, DateTime StartUtc, DateTime EndUtc, PlaceMode PlaceMode,
    string? VenueName, string? VenueAddress, string? OnlineLink, string? Organiser, EventAudience Audience, string Language,
    string? AccessibilityInfo, string? FeeText, int? Capacity, int ConfirmedCount, DateTime? RegistrationOpensUtc,
    DateTime? RegistrationClosesUtc, DateTime? CancellationDeadlineUtc, bool RequiresConfirmation, EventStatus Status,
    DateTime CreatedAtUtc, DateTime UpdatedAtUtc, int Sequence, IReadOnlyList<EventTopic> Topics, int CompanionsAllowed = 0, int? OfferHours = null)
{
    public int? FreeSeats => Capacity is { } capacity ? Math.Max(0, capacity - ConfirmedCount) : null;
}

/// <summary>Who looks at events; decides which audiences they may see.</summary>
internal sealed record EventViewer(Guid? AccountId, bool IsMember, bool IsOffice)
{
    public static EventViewer From(RegistrationActor actor) => new(actor.AccountId, actor.IsMember, actor.IsOffice);
}

/// <summary>Filters of the event list; <see cref="FromUtc"/> defaults to now (upcoming events: not yet ended).</summary>
/// <remarks><see cref="RegionCode"/>: Regierungsbezirk (3 digits) of the venue's municipality; <see cref="Online"/>: true = online or hybrid, false = on site or hybrid.</remarks>
internal sealed record EventFilter(
    EventType? Type = null, DateTime? FromUtc = null, DateTime? ToUtc = null, string? TopicSlug = null, string? RegionCode = null, bool? Online = null);

internal static class ListEvents
{
    /// <summary>Sees every event and its online link: reads the details that <see cref="KeptDetailsAsync"/> keeps.</summary>
    private static readonly EventViewer OfficeViewer = new(null, IsMember: true, IsOffice: true);

    /// <summary>
    /// The events the viewer may see, as a condition inside the query: public ones for everyone, members-only ones for
    /// members, invitation-only ones for the office and for people registered for them. <see cref="IsVisibleTo"/> is the
    /// same rule in memory — change both together.
    /// </summary>
    public static Expression<Func<Event, bool>> VisibleTo(QuartiersnetzDbContext db, EventViewer viewer)
    {
        if (viewer.IsOffice)
        {
            return e => true;
        }

        var isMember = viewer.IsMember;
        var me = viewer.AccountId ?? Guid.Empty;
        return e => e.Audience == EventAudience.Public
            || (isMember && e.Audience == EventAudience.Members)
            || (e.Audience == EventAudience.Invited && db.Set<EventRegistration>()
                .Any(r => r.EventId == e.Id && r.PersonId == me && r.Status != RegistrationStatus.Cancelled));
    }

    public static async Task<PagedResult<EventSummary>> HandleAsync(
        QuartiersnetzDbContext db, EventViewer viewer, EventFilter filter, DateTime nowUtc, PageRequest page, CancellationToken cancellationToken)
    {
        var from = filter.FromUtc ?? nowUtc;
        var query = db.Set<Event>().AsNoTracking().Where(VisibleTo(db, viewer)).Where(e => e.EndUtc >= from);
        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.StartUtc < to);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(e => e.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.TopicSlug))
        {
            // The topic or one of its sub-topics; an unknown slug yields no events.
            var slug = filter.TopicSlug;
            var topicIds = db.Set<Topic>().Where(t => t.Slug == slug || db.Set<Topic>().Any(p => p.Id == t.ParentId && p.Slug == slug)).Select(t => t.Id);
            // Guid text differs by provider (SQLite upper case, PostgreSQL lower case); AssignTopics stores lower case.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); culture and comparison overloads are not translatable
            query = query.Where(e => db.Set<TopicAssignment>()
                .Any(a => a.ItemKind == TopicKinds.Event && a.ItemKey == e.Id.ToString().ToLower() && topicIds.Contains(a.TopicId)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        query = ApplyPlaceFilters(db, query, filter);
        var total = await query.CountAsync(cancellationToken);
        // The page's ids come from the narrow (EndUtc, StartUtc, Audience, Id) index; only the page's rows are read whole,
        // not every upcoming event's description (5,000 of them at national scale) before sorting.
        var pageIds = query.OrderBy(e => e.StartUtc).ThenBy(e => e.Id).Skip(page.Skip).Take(page.PageSize).Select(e => e.Id);
        var items = await db.Set<Event>().AsNoTracking()
            .Where(e => pageIds.Contains(e.Id))
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id)
            .Select(e => new EventSummary(e.Id, e.Title, e.Type, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.Audience, e.Status, e.Capacity, e.ConfirmedCount))
            .ToListAsync(cancellationToken);
        return new PagedResult<EventSummary>(items, page.Page, page.PageSize, total);
    }

    /// <summary>The Regierungsbezirk (through the venue's municipality) and online/on-site filters of the calendar.</summary>
    public static IQueryable<Event> ApplyPlaceFilters(QuartiersnetzDbContext db, IQueryable<Event> query, EventFilter filter)
    {
        if (!string.IsNullOrEmpty(filter.RegionCode))
        {
            var region = filter.RegionCode;
            query = query.Where(e => db.Set<Quartiersnetz.Data.Reference.Municipality>().Any(m => m.Ags == e.MunicipalityAgs && m.District!.RegionCode == region));
        }

        return filter.Online switch
        {
            true => query.Where(e => e.PlaceMode != PlaceMode.OnSite),
            false => query.Where(e => e.PlaceMode != PlaceMode.Online),
            _ => query,
        };
    }

    /// <summary>
    /// The event if the viewer may see it; the online link only for the office and confirmed participants. Without
    /// <paramref name="withTopics"/> its topics are left empty, for a caller that has them already (the event page keeps them).
    /// </summary>
    public static async Task<EventDetails?> DetailsAsync(
        QuartiersnetzDbContext db, EventViewer viewer, Guid id, CancellationToken cancellationToken, bool withTopics = true)
    {
        var me = viewer.AccountId ?? Guid.Empty;
        var row = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Id == id)
            .Where(VisibleTo(db, viewer))
            .Select(e => new
            {
                Event = e,
                Confirmed = db.Set<EventRegistration>().Any(r => r.EventId == e.Id && r.PersonId == me && r.Status == RegistrationStatus.Confirmed),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var topics = withTopics ? await TopicsAsync(db, id, cancellationToken) : [];
        var e = row.Event;
        var link = viewer.IsOffice || row.Confirmed ? e.OnlineLink : null;
        return new EventDetails(
            e.Id, e.Type, e.Title, e.Description, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.VenueAddress, link, e.Organiser,
            e.Audience, e.Language, e.AccessibilityInfo, e.FeeText, e.Capacity, e.ConfirmedCount, e.RegistrationOpensUtc,
            e.RegistrationClosesUtc, e.CancellationDeadlineUtc, e.RequiresConfirmation, e.Status, e.CreatedAtUtc, e.UpdatedAtUtc, e.Sequence,
            topics, e.CompanionsAllowed, e.OfferHours);
    }

    /// <summary>
    /// <see cref="VisibleTo"/> decided in memory for one event: the same rule, for a page that keeps the event's details
    /// and has read the viewer's registration itself (<paramref name="registered"/>: one that is not cancelled).
    /// </summary>
    public static bool IsVisibleTo(EventAudience audience, EventViewer viewer, bool registered) =>
        viewer.IsOffice
        || audience == EventAudience.Public
        || (viewer.IsMember && audience == EventAudience.Members)
        || (audience == EventAudience.Invited && registered && viewer.AccountId is not null);

    /// <summary>
    /// The event's details as <see cref="DetailsAsync"/> gives them to this viewer (without topics), from a copy kept
    /// per event in the <see cref="AudienceDataCache"/>: the details are the same for everyone who may see the event
    /// except the online link, which only the office and confirmed participants get. The caller passes the viewer's
    /// registration (<see cref="RegisterForEvent.ForPersonAsync"/>), which decides both. Any saved change drops the copy
    /// (a registration too: the seat count is part of it).
    /// </summary>
    public static async Task<EventDetails?> KeptDetailsAsync(
        QuartiersnetzDbContext db, AudienceDataCache cache, EventViewer viewer, Guid id, RegistrationView? registration, CancellationToken cancellationToken)
    {
        var kept = await cache.GetOrCreateAsync(
            "event-details\u001f" + id.ToString(), AudienceDataCache.SavedChangeTags, _ => 2,
            async () => new KeptEvent(await DetailsAsync(db, OfficeViewer, id, cancellationToken, withTopics: false)),
            // An unknown id is not kept, so made-up addresses cannot crowd out real entries.
            k => k.Details is not null);
        if (kept.Details is not { } details || !IsVisibleTo(details.Audience, viewer, registration is not null))
        {
            return null;
        }

        return viewer.IsOffice || registration?.StatusValue == RegistrationStatus.Confirmed ? details : details with { OnlineLink = null };
    }

    private sealed record KeptEvent(EventDetails? Details);

    /// <summary>The event's topics as its page and the API show them.</summary>
    public static async Task<IReadOnlyList<EventTopic>> TopicsAsync(QuartiersnetzDbContext db, Guid id, CancellationToken cancellationToken) =>
        [.. (await AssignTopics.ForItemAsync(db, TopicKinds.Event, SaveEvent.TopicKey(id), cancellationToken)).Select(t => new EventTopic(t.Slug, t.Name))];
}
