using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// A person's secret calendar address (/kalender/{token}.ics). Only a SHA-256 of the token is stored, so the
/// database alone does not reveal the address; one per person — renewing replaces it, revoking deletes it.
/// </summary>
internal sealed class CalendarFeedToken
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid PersonId { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> builder)
    {
        builder.ToTable("CalendarFeedTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.PersonId).IsUnique();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Creating, renewing and revoking the personal calendar address.</summary>
internal static class PersonalCalendarFeed
{
    /// <summary>A new secret address for the person; an older one stops working at once. Returns the token (shown once).</summary>
    public static async Task<string> RenewAsync(QuartiersnetzDbContext db, TimeProvider clock, Guid personId, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var row = await db.Set<CalendarFeedToken>().SingleOrDefaultAsync(t => t.PersonId == personId, cancellationToken);
        if (row is null)
        {
            row = new CalendarFeedToken { PersonId = personId };
            db.Add(row);
        }

        row.TokenHash = Hash(token);
        row.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public static Task<int> RevokeAsync(QuartiersnetzDbContext db, Guid personId, CancellationToken cancellationToken) =>
        db.Set<CalendarFeedToken>().Where(t => t.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

    public static async Task<Guid?> PersonForAsync(QuartiersnetzDbContext db, string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.Set<CalendarFeedToken>().AsNoTracking().Where(t => t.TokenHash == hash).Select(t => (Guid?)t.PersonId).SingleOrDefaultAsync(cancellationToken);
    }

    public static string Path(string token) => $"/kalender/{token}.ics";

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// The calendar feeds: one event (/veranstaltungen/{id}.ics, visible as its page is), the public calendar
/// (/kalender.ics: public events, published or cancelled, from three months back), and the personal feed
/// (/kalender/{token}.ics: the person's registrations, the online link only where confirmed).
/// </summary>
internal static class CalendarFeeds
{
    /// <summary>How far back the feeds reach, so old events drop out and the files stay small.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(92);

    /// <summary>Upper bound of events in one feed.</summary>
    public const int MaxEvents = 1000;

    public static void MapEventFeeds(this IEndpointRouteBuilder app)
    {
        // Public feeds are kept for anonymous callers like the public pages (ADR 0004); the personal feed never is.
        app.MapGet("/veranstaltungen/{id:guid}.ics", EventAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/veranstaltungen/reihen/{id:guid}.ics", SeriesAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/kalender.ics", PublicAsync).AllowAnonymous().CacheOutput(Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName).ExcludeFromDescription();
        app.MapGet("/kalender/{token}.ics", PersonalAsync).AllowAnonymous().ExcludeFromDescription();
        // The printable agenda sits beside the event's .ics: another file form of the same page.
        app.MapAgendaPdf();
    }

    private static async Task<IResult> EventAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, EventLinks links, CancellationToken cancellationToken)
    {
        var actor = await RegistrationActor.FromAsync(authorization, http.User);
        var details = await ListEvents.DetailsAsync(db, EventViewer.From(actor), id, cancellationToken);
        if (details is null)
        {
            return Results.NotFound();
        }

        var entry = new CalendarEntry(
            details.Id, details.Title, details.Description, details.StartUtc, details.EndUtc, details.PlaceMode, details.VenueName,
            details.VenueAddress, details.OnlineLink, details.Status, details.Sequence, details.UpdatedAtUtc)
        {
            // Only the single-event download carries the agenda: feeds would need it for every event and stay small without.
            Agenda = await AgendaTextAsync(db, actor, id, cancellationToken),
        };
        http.Response.Headers.CacheControl = "private, no-cache";
        return Calendar(EventCalendar.Write([entry], EventUrl(links)), $"veranstaltung-{id:N}.ics");
    }

    private static async Task<string?> AgendaTextAsync(QuartiersnetzDbContext db, RegistrationActor actor, Guid id, CancellationToken cancellationToken)
    {
        var me = actor.AccountId ?? Guid.Empty;
        var confirmed = actor.AccountId is not null && await db.Set<EventRegistration>()
            .AnyAsync(r => r.EventId == id && r.PersonId == me && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        var items = await EventAgenda.ForReaderAsync(db, id, AgendaReader.From(actor, confirmed), cancellationToken);
        return items.Count == 0 ? null : EventAgenda.PlainText(items);
    }

    /// <summary>
    /// One series: every date the viewer may see, as the series page lists them — past ones, moved ones at their new
    /// time, cancelled ones as STATUS:CANCELLED — each with its own UID, so a subscribed calendar updates the one date
    /// that changed. No online link: a subscription is read without the reader's registration status.
    /// </summary>
    private static async Task<IResult> SeriesAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, EventLinks links, CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        var title = await db.Set<EventSeries>().AsNoTracking().Where(s => s.Id == id).Select(s => s.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return Results.NotFound();
        }

        var entries = await db.Set<Event>().AsNoTracking()
            .Where(e => e.SeriesId == id)
            .Where(ListEvents.VisibleTo(db, viewer))
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id)
            .Take(MaxEvents)
            .Select(e => new CalendarEntry(e.Id, e.Title, e.Description, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.VenueAddress, null, e.Status, e.Sequence, e.UpdatedAtUtc, false))
            .ToListAsync(cancellationToken);
        // The same rule as the series page (ListEventSeries.DetailsAsync): a series without a date the viewer may see does not exist for them.
        if (entries.Count == 0 && !viewer.IsOffice)
        {
            return Results.NotFound();
        }

        // What a signed-in person gets may include members-only dates: only anonymous answers may be shared by caches.
        http.Response.Headers.CacheControl = viewer.AccountId is null ? "public, max-age=300" : "private, no-cache";
        return Calendar(EventCalendar.Write(entries, EventUrl(links), title), $"reihe-{id:N}.ics");
    }

    private static async Task<IResult> PublicAsync(HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, EventLinks links, CancellationToken cancellationToken)
    {
        var from = clock.GetUtcNow().UtcDateTime - Window;
        var entries = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Audience == EventAudience.Public && e.EndUtc >= from)
            .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled)
            .OrderBy(e => e.StartUtc).ThenBy(e => e.Id)
            .Take(MaxEvents)
            .Select(e => new CalendarEntry(e.Id, e.Title, e.Description, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.VenueAddress, null, e.Status, e.Sequence, e.UpdatedAtUtc, false))
            .ToListAsync(cancellationToken);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Calendar(EventCalendar.Write(entries, EventUrl(links), "Quartiersnetz – Veranstaltungen"), "kalender.ics");
    }

    private static async Task<IResult> PersonalAsync(
        string token, HttpContext http, QuartiersnetzDbContext db, TimeProvider clock, EventLinks links, CancellationToken cancellationToken)
    {
        var person = await PersonalCalendarFeed.PersonForAsync(db, token, cancellationToken);
        if (person is null)
        {
            return Results.NotFound();
        }

        var from = clock.GetUtcNow().UtcDateTime - Window;
        var rows = await db.Set<EventRegistration>().AsNoTracking()
            .Where(r => r.PersonId == person && r.Status != RegistrationStatus.Cancelled)
            .Join(db.Set<Event>().Where(e => e.EndUtc >= from), r => r.EventId, e => e.Id, (r, e) => new { Event = e, r.Status })
            .OrderBy(x => x.Event.StartUtc).ThenBy(x => x.Event.Id)
            .Take(MaxEvents)
            .ToListAsync(cancellationToken);
        var entries = rows.Select(x => CalendarEntry.From(x.Event, withOnlineLink: x.Status == RegistrationStatus.Confirmed) with
        {
            Tentative = x.Status != RegistrationStatus.Confirmed,
        });
        // The address is the secret: no shared caches, and no search engine should keep it.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Calendar(EventCalendar.Write(entries, EventUrl(links), "Quartiersnetz – Meine Veranstaltungen"), "meine-veranstaltungen.ics");
    }

    private static Func<Guid, string> EventUrl(EventLinks links) => id => links.Absolute($"/veranstaltungen/{id}");

    private static InlineCalendar Calendar(string text, string fileName) => new(text, fileName);

    /// <summary>text/calendar, inline with a file name, so browsers offer it to the calendar app and subscriptions read it.</summary>
    private sealed class InlineCalendar(string text, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = EventCalendar.ContentType;
            httpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
            await httpContext.Response.WriteAsync(text, System.Text.Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
