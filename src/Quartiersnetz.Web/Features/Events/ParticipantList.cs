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
    [JsonIgnore]
    public RegistrationStatus StatusValue => Enum.Parse<RegistrationStatus>(Status, ignoreCase: true);

    /// <summary>True for a guest without an account (name and e-mail from the guest registration).</summary>
    public bool IsGuest { get; init; }

    /// <summary>Answers to the registration questions, in form order (filled by <see cref="EventRegistrationApi.WithAnswersAsync"/>).</summary>
    public IReadOnlyList<ParticipantAnswer> Answers { get; init; } = [];

    /// <summary>Accessibility needs as German labels ("Sonstiges: …" with the free text).</summary>
    public IReadOnlyList<string> AccessibilityNeeds { get; init; } = [];
}

/// <summary>
/// The office's participant list as one query: registrations joined with the account, its organisation and
/// municipality, the waiting-list position as a correlated count. Pages, exports, PDFs and the bulk mail share it, so
/// they select alike and none needs a query per row.
/// </summary>
internal static class ParticipantList
{
    /// <param name="forMail">Recipients of a bulk mail: only people with an address, and without a status filter not the cancelled ones.</param>
    public static IQueryable<ParticipantListRow> Query(QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, bool forMail = false)
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

        var rows =
            from r in registrations
            join u in db.Users on r.PersonId equals (Guid?)u.Id into people
            from u in people.DefaultIfEmpty()
            join o in db.Set<Organisation>() on u!.OrganisationId equals (Guid?)o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            join m in db.Set<Municipality>() on u!.MunicipalityAgs equals m.Ags into municipalities
            from m in municipalities.DefaultIfEmpty()
            select new
            {
                r,
                u,
                OrganisationName = o != null ? o.Name : u != null ? u.Organisation : null,
                MunicipalityName = m != null ? m.Name : null,
            };

        if (forMail)
        {
            rows = rows.Where(x => (x.u != null && x.u.Email != null) || (x.u == null && x.r.GuestEmail != null));
        }

        if (ParticipantFilter.Clip(filter.Text) is { } text)
        {
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
            rows = rows.Where(x => (x.u != null && x.u.DisplayName.ToLower().Contains(lower))
                || (x.r.GuestName != null && x.r.GuestName.ToLower().Contains(lower))
                || (x.r.GuestEmail != null && x.r.GuestEmail.ToLower().Contains(lower))
                || (x.OrganisationName != null && x.OrganisationName.ToLower().Contains(lower))
                || (x.MunicipalityName != null && x.MunicipalityName.ToLower().Contains(lower)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return rows
            .OrderBy(x => x.r.Status == RegistrationStatus.Confirmed ? 0
                : x.r.Status == RegistrationStatus.Offered ? 1
                : x.r.Status == RegistrationStatus.Pending ? 2
                : x.r.Status == RegistrationStatus.Waitlisted ? 3 : 4)
            .ThenBy(x => x.r.WaitlistNumber).ThenBy(x => x.r.RegisteredAtUtc).ThenBy(x => x.r.Id)
            .Select(x => new ParticipantListRow(
                x.r.Id, x.r.PersonId, x.u == null ? null : x.u.DisplayName, x.u == null ? null : x.u.Email, EventLabels.ApiName(x.r.Status),
                x.r.RegisteredAtUtc,
                x.r.Status == RegistrationStatus.Waitlisted
                    ? db.Set<EventRegistration>().Count(w => w.EventId == eventId && w.Status == RegistrationStatus.Waitlisted && w.WaitlistNumber <= x.r.WaitlistNumber)
                    : null,
                x.r.Companions, x.OrganisationName, x.MunicipalityName, x.r.OfferExpiresUtc));
    }

    public static Task<PagedResult<ParticipantListRow>> PageAsync(
        QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Query(db, eventId, filter).ToPageAsync(page, cancellationToken);

    public static Task<List<ParticipantListRow>> AllAsync(QuartiersnetzDbContext db, Guid eventId, ParticipantFilter filter, CancellationToken cancellationToken) =>
        Query(db, eventId, filter).ToListAsync(cancellationToken);
}
