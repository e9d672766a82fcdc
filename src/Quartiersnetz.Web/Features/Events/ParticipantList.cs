using System.Text.Json.Serialization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>Filters of the office's participant list: status and a text over name, municipality and organisation (guests: name and e-mail).</summary>
internal sealed record ParticipantFilter(RegistrationStatus? Status = null, string? Text = null)
{
    public const int TextMaxLength = 100;

    /// <summary>The text as searched: trimmed, at most <see cref="TextMaxLength"/> characters, null when blank.</summary>
    public static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is { Length: > TextMaxLength } long_ ? long_[..TextMaxLength] : text.Trim();
}

/// <summary>A row of the office's participant list, its exports, badges and bulk mail.</summary>
/// <remarks><see cref="Status"/> is "confirmed", "waitlisted", "pending", "offered" or "cancelled", as the registration endpoint answers.</remarks>
internal sealed record ParticipantListRow(
    Guid RegistrationId, Guid? PersonId, string? DisplayName, string? Email, string Status, DateTime RegisteredAtUtc, int? WaitlistPosition,
    int Companions, string? Organisation, string? Municipality, DateTime? OfferExpiresUtc)
{
    /// <summary>Parsed once: a page of the list asks for it several times per row.</summary>
    [JsonIgnore]
    public RegistrationStatus StatusValue { get; } = Enum.Parse<RegistrationStatus>(Status, ignoreCase: true);

    /// <summary>True for a guest without an account (name and e-mail from the guest registration).</summary>
    public bool IsGuest { get; init; }

    /// <summary>Answers to the registration questions, in form order (filled by <see cref="EventRegistrationApi.WithAnswersAsync"/>).</summary>
    public IReadOnlyList<ParticipantAnswer> Answers { get; init; } = [];

    /// <summary>Accessibility needs as German labels ("Sonstiges: …" with the free text).</summary>
    public IReadOnlyList<string> AccessibilityNeeds { get; init; } = [];

    /// <summary>The stored need codes and note, read with the row so the labels need no second query.</summary>
    [JsonIgnore]
    public string? AccessibilityNeedCodes { get; init; }

    /// <inheritdoc cref="AccessibilityNeedCodes"/>
    [JsonIgnore]
    public string? AccessibilityNote { get; init; }
}

/// <summary>
/// The office's participant list: registrations joined with the account, its organisation and municipality, the
/// waiting-list position as a correlated count. Pages, exports, PDFs and the bulk mail share it, so they select alike
/// and none needs a query per row.
/// </summary>
/// <remarks>
/// Filters, count, order and paging work on the registrations alone (the text through subqueries); only the rows of the
/// page are joined, in the same statement (EF keeps the order outside the limited subquery). Joining all 1,000
/// registrations of a big event to sort them cost about 10 ms per request on SQLite (bench: participant list).
/// </remarks>
internal static class ParticipantList
{
    /// <summary>The registrations the filter selects.</summary>
    /// <param name="forMail">Recipients of a bulk mail: only people with an address, and without a status filter not the cancelled ones.</param>
    private static IQueryable<EventRegistration> Selected(QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, bool forMail)
    {
        var registrations = db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == eventId);
        if (filter.Status is { } status)
        {
            registrations = registrations.Where(r => r.Status == status);
        }
        else if (forMail)
        {
            registrations = registrations.Where(r => r.Status != RegistrationStatus.Cancelled);
        }

        if (forMail)
        {
            registrations = registrations.Where(r => r.PersonId == null
                ? r.GuestEmail != null
                : db.Users.Any(u => u.Id == r.PersonId && u.Email != null));
        }

        if (ParticipantFilter.Clip(filter.Text) is { } text)
        {
            var lower = text.ToLowerInvariant();
            var organisations = db.Set<Organisation>();
            var municipalities = db.Set<Municipality>();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
            registrations = registrations.Where(r =>
                (r.GuestName != null && r.GuestName.ToLower().Contains(lower))
                || (r.GuestEmail != null && r.GuestEmail.ToLower().Contains(lower))
                || db.Users.Any(u => u.Id == r.PersonId
                    && (u.DisplayName.ToLower().Contains(lower)
                        // The organisation shown is the directory's when linked, else the free text (as in the rows).
                        || organisations.Any(o => o.Id == u.OrganisationId && o.Name.ToLower().Contains(lower))
                        || (u.Organisation != null && u.Organisation.ToLower().Contains(lower) && !organisations.Any(o => o.Id == u.OrganisationId))
                        || municipalities.Any(m => m.Ags == u.MunicipalityAgs && m.Name.ToLower().Contains(lower)))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return registrations;
    }

    /// <summary>Confirmed first, then offered, pending, waiting (in line), cancelled.</summary>
    private static IQueryable<EventRegistration> InListOrder(IQueryable<EventRegistration> registrations) =>
        registrations
            .OrderBy(r => r.Status == RegistrationStatus.Confirmed ? 0
                : r.Status == RegistrationStatus.Offered ? 1
                : r.Status == RegistrationStatus.Pending ? 2
                : r.Status == RegistrationStatus.Waitlisted ? 3 : 4)
            .ThenBy(r => r.WaitlistNumber).ThenBy(r => r.RegisteredAtUtc).ThenBy(r => r.Id);

    /// <summary>The rows of the given registrations, unordered.</summary>
    private static IQueryable<ParticipantListRow> Rows(QuartiersnetzDbContext db, Guid eventId, IQueryable<EventRegistration> registrations) =>
        from r in registrations
        join u in db.Users on r.PersonId equals (Guid?)u.Id into people
        from u in people.DefaultIfEmpty()
        join o in db.Set<Organisation>() on u!.OrganisationId equals (Guid?)o.Id into organisations
        from o in organisations.DefaultIfEmpty()
        join m in db.Set<Municipality>() on u!.MunicipalityAgs equals m.Ags into municipalities
        from m in municipalities.DefaultIfEmpty()
        select new ParticipantListRow(
            r.Id, r.PersonId, u == null ? r.GuestName : u.DisplayName, u == null ? r.GuestEmail : u.Email, EventLabels.ApiName(r.Status),
            r.RegisteredAtUtc,
            r.Status == RegistrationStatus.Waitlisted
                ? db.Set<EventRegistration>().Count(w => w.EventId == eventId && w.Status == RegistrationStatus.Waitlisted && w.WaitlistNumber <= r.WaitlistNumber)
                : null,
            r.Companions, o != null ? o.Name : u != null ? u.Organisation : null, m != null ? m.Name : null, r.OfferExpiresUtc)
        {
            IsGuest = r.PersonId == null,
            AccessibilityNeedCodes = r.AccessibilityNeedCodes,
            AccessibilityNote = r.AccessibilityNote,
        };

    /// <summary>
    /// The registrations the filter selects, to count inside a caller's own query (the office's page reads the count
    /// with the event's title and seats: one statement fewer per request) and pass to <see cref="PageAsync(QuartiersnetzDbContext, Guid, ParticipantFilter, PageRequest, int, CancellationToken)"/>.
    /// </summary>
    public static IQueryable<EventRegistration> Matching(QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter) =>
        Selected(db, eventId, filter, forMail: false);

    public static async Task<PagedResult<ParticipantListRow>> PageAsync(
        QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        await PageAsync(db, eventId, filter, page, await Matching(db, eventId, filter).CountAsync(cancellationToken), cancellationToken);

    /// <param name="total">The number of registrations <see cref="Matching"/> selects, counted by the caller.</param>
    public static async Task<PagedResult<ParticipantListRow>> PageAsync(
        QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, PageRequest page, int total, CancellationToken cancellationToken)
    {
        var selected = Selected(db, eventId, filter, forMail: false);
        // The page's keys come from a covering index (no table row read for the sort), then only its rows are read
        // whole, by key: sorting all of a big event's registrations with every column cost more than the rest. The
        // outer query starts from the keys, not from the event (which would scan its rows again), and the subquery is
        // written inside the lambda so that offset and size stay query parameters instead of constants.
        var ordered = InListOrder(selected);
        var (skip, take) = (page.Skip, page.PageSize);
        var rows = total <= page.Skip
            ? []
            : await Rows(db, eventId, InListOrder(db.Set<EventRegistration>().AsNoTracking()
                    .Where(r => ordered.Skip(skip).Take(take).Select(k => k.Id).Contains(r.Id))))
                .ToListAsync(cancellationToken);
        return new PagedResult<ParticipantListRow>(rows, page.Page, page.PageSize, total);
    }

    /// <param name="forMail">Recipients of a bulk mail: only people with an address, and without a status filter not the cancelled ones.</param>
    public static async Task<List<ParticipantListRow>> AllAsync(
        QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, CancellationToken cancellationToken, bool forMail = false)
    {
        var selected = Selected(db, eventId, filter, forMail);
        return await Rows(db, eventId, InListOrder(selected)).ToListAsync(cancellationToken);
    }
}
