using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>The event as a certificate prints it, with its continuing-education settings (defaults when none are saved).</summary>
internal sealed record CreditEvent(
    Guid Id, string Title, EventType Type, DateTime StartUtc, DateTime EndUtc, PlaceMode PlaceMode, string? VenueName, string? VenueAddress,
    EventStatus Status, IReadOnlyList<string> Topics, EventCredit Credit)
{
    public IReadOnlyList<DateOnly> Days => EventProgramme.DaysOf(StartUtc, EndUtc);

    public DateOnly FirstDay => Days[0];

    /// <summary>"Mittwoch, 18. November 2026, 10:00 bis 13:00 Uhr" or "18.11.2026 bis 20.11.2026".</summary>
    public string DatesText
    {
        get
        {
            var days = Days;
            if (days.Count == 1)
            {
                return string.Create(BerlinTime.Culture,
                    $"{EventProgramme.Format(days[0])}, {BerlinTime.ToBerlin(StartUtc):HH:mm} bis {BerlinTime.ToBerlin(EndUtc):HH:mm} Uhr");
            }

            return $"{days[0].ToString("dd.MM.yyyy", BerlinTime.Culture)} bis {days[^1].ToString("dd.MM.yyyy", BerlinTime.Culture)}";
        }
    }

    /// <summary>The venue, "online" or both; never the online link.</summary>
    public string PlaceText
    {
        get
        {
            var venue = string.Join(", ", new[] { VenueName, VenueAddress }.Where(p => !string.IsNullOrWhiteSpace(p)));
            return PlaceMode switch
            {
                PlaceMode.Online => "Online",
                PlaceMode.Hybrid => venue.Length > 0 ? venue + " und online" : "Online und vor Ort",
                _ => venue,
            };
        }
    }
}

/// <summary>
/// What one participant's certificate would say now: attended minutes, points (computed or overridden) and the
/// certificate currently valid, if any. The office page, the API and the background issue all read it from here.
/// </summary>
internal sealed record CertificateDraft(
    Guid RegistrationId, Guid? PersonId, string Name, string? Email, int AttendedMinutes, CertificatePoints Points, PointsOverride? Override,
    Certificate? Current)
{
    /// <summary>Only people who were there (or whom the office gave points) get a certificate.</summary>
    public bool Eligible => AttendedMinutes > 0 || Override is not null;
}

/// <summary>Reads events, participants and attendance into drafts and turns a draft into a certificate.</summary>
internal static class CertificateDrafts
{
    public static async Task<CreditEvent?> EventAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var row = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId)
            .Select(e => new { e.Title, e.Type, e.StartUtc, e.EndUtc, e.PlaceMode, e.VenueName, e.VenueAddress, e.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var credit = await db.Set<EventCredit>().AsNoTracking().SingleOrDefaultAsync(c => c.EventId == eventId, cancellationToken)
            ?? new EventCredit { EventId = eventId, Recognition = RecognitionStatus.NichtBeantragt, Format = DefaultFormat(row.PlaceMode, row.Type) };
        var topics = await ListEvents.TopicsAsync(db, eventId, cancellationToken);
        return new CreditEvent(eventId, row.Title, row.Type, row.StartUtc, row.EndUtc, row.PlaceMode, row.VenueName, row.VenueAddress, row.Status,
            [.. topics.Select(t => t.Name)], credit);
    }

    /// <summary>The format an event suggests before the office chose one.</summary>
    public static CourseFormat DefaultFormat(PlaceMode mode, EventType type) => type is EventType.Exkursion or EventType.Studienfahrt
        ? CourseFormat.Exkursion
        : mode switch { PlaceMode.Online => CourseFormat.Online, PlaceMode.Hybrid => CourseFormat.Hybrid, _ => CourseFormat.Praesenz };

    /// <summary>Drafts for the given confirmed participants: four queries however many there are.</summary>
    public static async Task<List<CertificateDraft>> ForAsync(
        QuartiersnetzDbContext db, CreditEvent ev, IReadOnlyList<ParticipantListRow> participants, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (participants.Count == 0)
        {
            return [];
        }

        var ids = participants.Select(p => p.RegistrationId).ToList();
        var attendance = (await db.Set<AttendanceDay>().AsNoTracking().Where(a => a.EventId == ev.Id && ids.Contains(a.RegistrationId))
            .Select(a => new { a.RegistrationId, a.Day, a.CheckedInAtUtc, a.CheckedOutAtUtc }).ToListAsync(cancellationToken)).ToLookup(a => a.RegistrationId);
        var overrides = await db.Set<PointsOverride>().AsNoTracking().Where(o => o.EventId == ev.Id && ids.Contains(o.RegistrationId))
            .ToDictionaryAsync(o => o.RegistrationId, cancellationToken);
        var current = await db.Set<Certificate>().AsNoTracking().Where(c => c.EventId == ev.Id && c.ReplacedById == null && ids.Contains(c.RegistrationId))
            .ToDictionaryAsync(c => c.RegistrationId, cancellationToken);
        var agenda = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.EventId == ev.Id)
            .Select(i => new ProgrammeItem(i.StartUtc, i.EndUtc, i.Type == AgendaItemType.Pause)).ToListAsync(cancellationToken);
        var programme = AttendedMinutes.Programme(ev.StartUtc, ev.EndUtc, agenda);
        return
        [
            .. participants.Select(p =>
            {
                var minutes = AttendedMinutes.TotalMinutes(programme, attendance[p.RegistrationId].Select(a => (a.Day, a.CheckedInAtUtc, a.CheckedOutAtUtc)), nowUtc);
                var manual = overrides.GetValueOrDefault(p.RegistrationId);
                var points = ContinuingEducationPoints.ForCertificate(
                    ev.Credit.Recognition, ev.Credit.RecognisedOn, ev.FirstDay, minutes, manual?.Points, manual?.Reason);
                return new CertificateDraft(p.RegistrationId, p.PersonId, p.DisplayName ?? "", p.Email, minutes, points, manual, current.GetValueOrDefault(p.RegistrationId));
            }),
        ];
    }

    /// <summary>A new certificate with what the draft says today.</summary>
    public static Certificate Build(CreditEvent ev, CertificateDraft draft, DateTime nowUtc) => new()
    {
        EventId = ev.Id,
        RegistrationId = draft.RegistrationId,
        PersonId = draft.PersonId,
        Code = Certificate.NewCode(),
        ParticipantName = Cut(draft.Name),
        EventTitle = Cut(ev.Title),
        Topics = string.Join(", ", ev.Topics),
        Dates = ev.DatesText,
        Place = Cut(ev.PlaceText),
        Format = ev.Credit.Format,
        FuwoTopic = ev.Credit.FuwoTopic,
        EventDay = ev.FirstDay,
        AttendedMinutes = draft.AttendedMinutes,
        Points = draft.Points.Points,
        PointsOverridden = draft.Points.Overridden,
        OverrideReason = draft.Points.Reason,
        Recognition = ev.Credit.Recognition,
        ChamberReference = ev.Credit.ChamberReference,
        RecognisedOn = ev.Credit.RecognisedOn,
        IssuedAtUtc = nowUtc,
    };

    /// <summary>"4,75" — points as printed and shown (de-DE, up to two decimals).</summary>
    public static string FormatPoints(decimal points) => points.ToString("0.##", BerlinTime.Culture);

    /// <summary>"5 Std. 15 Min." for the attended net time.</summary>
    public static string FormatMinutes(int minutes) =>
        minutes >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} Std. {minutes % 60} Min.")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} Min.");

    private static string Cut(string text) => text.Length <= Certificate.TextMaxLength ? text : text[..(Certificate.TextMaxLength - 1)] + "…";
}
