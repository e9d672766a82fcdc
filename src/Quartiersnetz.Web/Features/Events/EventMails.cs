using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>Where a registration's mails go; <see cref="HasAccount"/> is false for guests (they cannot open pages behind sign-in).</summary>
internal sealed record MailRecipient(string Address, string? Name, bool HasAccount = false);

/// <summary>
/// The one place that knows a registration's e-mail address. Today every registration belongs to an account;
/// guest registrations (own name and e-mail on the registration) are to be resolved here too, so that every
/// event mail — confirmations, waiting list, changes, reminders — reaches them without further changes.
/// </summary>
internal static class RegistrationRecipients
{
    /// <summary>The recipient of each registration that has one, by registration id; one query for all.</summary>
    public static async Task<Dictionary<Guid, MailRecipient>> ResolveAsync(
        QuartiersnetzDbContext db, IReadOnlyCollection<EventRegistration> registrations, CancellationToken cancellationToken)
    {
        var personIds = registrations.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        var people = personIds.Count == 0
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => personIds.Contains(u.Id) && u.Email != null)
                .Select(u => new { u.Id, u.Email, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, cancellationToken);
        var result = new Dictionary<Guid, MailRecipient>();
        foreach (var registration in registrations)
        {
            if (registration.PersonId is { } personId && people.TryGetValue(personId, out var person))
            {
                result[registration.Id] = new MailRecipient(person.Email!, person.DisplayName, HasAccount: true);
            }
            else if (registration.PersonId is null && !string.IsNullOrWhiteSpace(registration.GuestEmail))
            {
                // A guest without an account: the address they confirmed by the link (gone once the retention job ran).
                result[registration.Id] = new MailRecipient(registration.GuestEmail, registration.GuestName ?? registration.GuestEmail);
            }
        }

        return result;
    }
}

/// <summary>The kinds of event mail.</summary>
internal enum EventMailKind
{
    Confirmed,
    Pending,
    Waitlisted,
    MovedUp,
    RegistrationCancelled,
    EventChanged,
    EventCancelled,
    Reminder,
}

/// <summary>
/// Writes the event mails (German, plain text, absolute links to the event page) and puts them into the outbox.
/// Mails to confirmed people carry the online link and the .ics with it; nobody else ever gets the link.
/// </summary>
internal sealed class EventMailWriter(IStringLocalizer<Texts> l, EventLinks links)
{
    public void Enqueue(
        EmailOutbox outbox, EventMailKind kind, Event ev, RegistrationStatus status, MailRecipient to, int? waitlistPosition = null, IReadOnlyList<string>? changes = null,
        RegistrationMailPart? part = null)
    {
        var confirmed = status == RegistrationStatus.Confirmed;
        var page = links.Absolute($"/veranstaltungen/{ev.Id}");
        var mine = links.Absolute("/meine-veranstaltungen");
        var (subject, lead) = kind switch
        {
            EventMailKind.Confirmed => (l["Anmeldung bestätigt: {0}", ev.Title], l["Ihre Anmeldung für „{0}“ ist bestätigt. Wir freuen uns auf Sie.", ev.Title]),
            EventMailKind.Pending => (l["Anmeldung eingegangen: {0}", ev.Title],
                l["Ihre Anmeldung für „{0}“ ist eingegangen. Die Geschäftsstelle prüft sie; Sie erhalten eine weitere E-Mail, sobald sie bestätigt ist.", ev.Title]),
            EventMailKind.Waitlisted => (l["Warteliste: {0}", ev.Title],
                l["„{0}“ ist ausgebucht. Sie stehen auf der Warteliste an Position {1}. Wird ein Platz frei, rücken Sie automatisch nach und erhalten eine E-Mail.", ev.Title, waitlistPosition ?? 0]),
            EventMailKind.MovedUp => (l["Ein Platz ist frei geworden: {0}", ev.Title],
                l["Gute Nachricht: Für „{0}“ ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt, Ihre Anmeldung ist bestätigt.", ev.Title]),
            EventMailKind.RegistrationCancelled => (l["Abmeldung: {0}", ev.Title], l["Ihre Anmeldung für „{0}“ ist storniert. Sie sind nicht mehr angemeldet.", ev.Title]),
            EventMailKind.EventChanged => (l["Geänderte Veranstaltung: {0}", ev.Title], l["Die Veranstaltung „{0}“, für die Sie angemeldet sind, hat sich geändert.", ev.Title]),
            EventMailKind.EventCancelled => (l["Abgesagt: {0}", ev.Title], l["Die Veranstaltung „{0}“ wurde abgesagt. Bitte entfernen Sie den Termin aus Ihrem Kalender.", ev.Title]),
            _ => (l["Erinnerung: {0} am {1}", ev.Title, BerlinTime.FormatDate(ev.StartUtc)], l["Wir erinnern Sie an „{0}“, für die Sie angemeldet sind.", ev.Title]),
        };

        var lines = new List<string> { l["Guten Tag {0},", to.Name ?? to.Address], "", lead, "" };
        if (changes is { Count: > 0 })
        {
            lines.Add(l["Was sich geändert hat:"]);
            lines.AddRange(changes.Select(c => "– " + l[c]));
            lines.Add("");
        }

        lines.Add(l["Wann: {0} bis {1}", BerlinTime.FormatDateTime(ev.StartUtc), BerlinTime.FormatDateTime(ev.EndUtc)]);
        if (Place(ev) is { } place)
        {
            lines.Add(l["Wo: {0}", place]);
        }

        if (confirmed && ev.PlaceMode != PlaceMode.OnSite && ev.OnlineLink is not null && kind != EventMailKind.EventCancelled)
        {
            lines.Add(l["Online-Zugang: {0}", ev.OnlineLink]);
        }

        lines.Add("");
        lines.Add(l["Zur Veranstaltung:"]);
        lines.Add(page);
        if (kind is not (EventMailKind.RegistrationCancelled or EventMailKind.EventCancelled) && status != RegistrationStatus.Cancelled)
        {
            lines.Add("");
            lines.Add(l["Ihre Anmeldungen und die Abmeldung finden Sie unter „Meine Veranstaltungen“:"]);
            lines.Add(mine);
        }

        if (confirmed && to.HasAccount && kind is EventMailKind.Confirmed or EventMailKind.MovedUp or EventMailKind.Reminder)
        {
            lines.Add("");
            lines.Add(l["Ihren Einlass-Ausweis mit QR-Code für den Einlass finden Sie hier:"]);
            lines.Add(links.Absolute($"/meine-veranstaltungen/{ev.Id}/einlass"));
        }

        if (confirmed && part is not null)
        {
            lines.Add("");
            lines.AddRange(part.Lines);
        }

        var attach = kind switch
        {
            EventMailKind.Confirmed or EventMailKind.MovedUp or EventMailKind.Reminder => true,
            EventMailKind.EventChanged or EventMailKind.EventCancelled => true,
            _ => false,
        };
        if (attach)
        {
            lines.Add("");
            lines.Add(l["Den Termin für Ihren Kalender finden Sie im Anhang (Datei {0}).", "veranstaltung.ics"]);
        }

        lines.Add("");
        lines.Add(l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"]);
        var attachment = attach
            ? new EmailAttachment("veranstaltung.ics", "text/calendar; charset=utf-8; method=PUBLISH",
                EventCalendar.Write([CalendarEntry.From(ev, withOnlineLink: confirmed)], id => links.Absolute($"/veranstaltungen/{id}"), method: "PUBLISH"))
            : null;
        IReadOnlyList<EmailAttachment> attachments = [.. new[] { attachment, confirmed ? part?.Attachment : null }.OfType<EmailAttachment>()];
        outbox.Enqueue(new EmailMessage(to.Address, to.Name, subject, string.Join("\n", lines), Attachments: attachments));
    }

    private string? Place(Event ev)
    {
        var place = string.Join(", ", new[] { ev.VenueName, ev.VenueAddress }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return ev.PlaceMode switch
        {
            PlaceMode.Online => l["online"],
            PlaceMode.Hybrid => place.Length == 0 ? l["online"] : l["{0} oder online", place],
            _ => place.Length == 0 ? null : place,
        };
    }
}

/// <summary>
/// Absolute links for event mails. In a request the shared rule applies (Site:PublicBaseUrl, else the request's
/// address); background jobs have no request, so they fall back to the first address the app listens on.
/// </summary>
internal sealed class EventLinks(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public string Absolute(string path)
    {
        var configured = configuration["Site:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (accessor.HttpContext?.Request is { } request)
            {
                configured = $"{request.Scheme}://{request.Host}{request.PathBase}";
            }
            else
            {
                configured = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0];
            }
        }

        return configured.TrimEnd('/') + path;
    }
}
