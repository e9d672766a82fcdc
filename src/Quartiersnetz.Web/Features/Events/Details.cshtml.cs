using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>Whether and how the viewer can register now.</summary>
internal enum RegistrationWindow
{
    Open,
    NotYetOpen,
    Closed,
    Cancelled,
    SignInFirst,
    MembersOnly,
    InvitedOnly,
}

/// <summary>
/// An event's page: details with the rendered description, schema.org Event data for search engines, and the
/// viewer's registration (register, cancel, waiting-list position). The online link only for confirmed participants.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Quartiersnetz.Platform.Caching.PublicPageCache.PolicyName)]
internal sealed class DetailsModel(
    QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, MarkdownRenderer markdown, PublicUrls urls,
    IStringLocalizer<Texts> l, AudienceDataCache cache, IEnumerable<IEventSection> sections) : PageModel
{
    public EventDetails Event { get; private set; } = null!;

    public string DescriptionHtml { get; private set; } = "";

    public string JsonLd { get; private set; } = "";

    public RegistrationView? MyRegistration { get; private set; }

    public RegistrationWindow Window { get; private set; }

    public DateTime? CancellationDeadlineUtc { get; private set; }

    public bool CanCancel { get; private set; }

    /// <summary>The event's registration questions, in form order.</summary>
    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];

    /// <summary>What a registration form posted, shown again when an answer was refused.</summary>
    public RegistrationForm.Input? Posted { get; private set; }

    /// <summary>The companions field as posted, shown again when the form is refused.</summary>
    public string? PostedCompanions { get; private set; }
    /// <summary>The series this event belongs to ("Teil der Reihe …") and its own agenda; null for a single event.</summary>
    public SeriesLink? Series { get; private set; }

    public string AgendaHtml { get; private set; } = "";

    /// <summary>The day-by-day programme: each day with a text, rendered.</summary>
    public IReadOnlyList<(DateOnly Day, string Html)> Programme { get; private set; } = [];

    /// <summary>The timed agenda as the viewer may see it (speakers' names by their profile visibility).</summary>
    public IReadOnlyList<AgendaItemView> AgendaItems { get; private set; } = [];

    /// <summary>Rendered descriptions of the agenda items, by item id.</summary>
    public IReadOnlyDictionary<Guid, string> AgendaDescriptions { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>What other features show about the event (the library's "Dokumentation"), in their order.</summary>
    public IReadOnlyList<EventSectionView> Sections { get; private set; } = [];

    /// <summary>The documents the viewer may download (participants-only ones for the office and confirmed participants).</summary>
    public IReadOnlyList<EventDocumentView> Documents { get; private set; } = [];

    // Not [TempData] properties: those load TempData on every request, and an anonymous answer would then carry the
    // cookie-clearing Set-Cookie that keeps the page out of the public page cache. Messages follow a signed-in POST only.
    public string? StatusMessage { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await RegistrationActor.FromAsync(authorization, User);
        // A signed-in viewer's page is built for every request (ADR 0004): their registration is its one own query;
        // the event's details come from the copy kept per event, and the registration decides what of it they see.
        if (actor.AccountId is { } me)
        {
            MyRegistration = await RegisterForEvent.ForPersonAsync(db, id, me, cancellationToken);
        }

        var details = await ListEvents.KeptDetailsAsync(db, cache, EventViewer.From(actor), id, MyRegistration, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            StatusMessage = TempData[nameof(StatusMessage)] as string;
            ErrorMessage = TempData[nameof(ErrorMessage)] as string;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Window = WindowFor(details, actor, now);
        CancellationDeadlineUtc = details.CancellationDeadlineUtc ?? details.StartUtc;
        CanCancel = MyRegistration is not null && now <= CancellationDeadlineUtc;
        var confirmed = MyRegistration?.StatusValue == RegistrationStatus.Confirmed;
        var reader = AgendaReader.From(actor, confirmed);
        // Signed-in visitors' pages are never kept (ADR 0004), but these parts are the same for everyone who may see
        // the event (documents and materials differ only for participants): read and rendered once, until the next
        // saved change. The agenda is kept as stored; each reader's view of its speakers is made below.
        var parts = await cache.GetOrCreateAsync(
            $"event-page\u001f{id}\u001f{reader.Participant}", AudienceDataCache.SavedChangeTags, p => p.Size,
            () => PartsAsync(details, reader.Participant, cancellationToken));
        Event = details with { Topics = parts.Topics };
        JsonLd = BuildJsonLd(Event);
        DescriptionHtml = parts.DescriptionHtml;
        Questions = parts.Questions;
        Series = parts.Series;
        AgendaHtml = parts.AgendaHtml;
        Programme = parts.Programme;
        Documents = parts.Documents;
        AgendaItems = EventAgenda.ForReader(parts.Agenda, reader);
        AgendaDescriptions = parts.AgendaDescriptions;
        // Not kept with the parts: what a section shows depends on the viewer's audience and registration; each section
        // keeps what it can itself. Every saved change (a publication linked, changed or hidden) drops the kept page.
        var built = new List<EventSectionView>();
        var sectionViewer = new EventSectionViewer(id, User, actor.IsOffice, confirmed);
        foreach (var section in sections)
        {
            if (await section.BuildAsync(sectionViewer, cancellationToken) is { } view)
            {
                built.Add(view);
            }
        }

        Sections = [.. built.OrderBy(s => s.Order)];
        return Page();
    }

    private async Task<EventPageParts> PartsAsync(EventDetails details, bool participant, CancellationToken cancellationToken)
    {
        var id = details.Id;
        var series = await ListEventSeries.SeriesOfAsync(db, id, cancellationToken);
        var agenda = await EventAgenda.ReadAsync(db, id, participant, cancellationToken);
        return new EventPageParts(
            await ListEvents.TopicsAsync(db, id, cancellationToken),
            markdown.ToHtml(details.Description),
            await RegistrationForm.QuestionsAsync(db, id, cancellationToken),
            series,
            series?.Agenda is { } seriesAgenda ? markdown.ToHtml(seriesAgenda) : "",
            [.. (await EventProgramme.ForEventAsync(db, id, details.StartUtc, details.EndUtc, cancellationToken)).Select(d => (d.Day, markdown.ToHtml(d.Text)))],
            await EventDocuments.ListAsync(db, id, participant, cancellationToken),
            agenda,
            agenda.Items.Where(i => i.Description.Length > 0).ToDictionary(i => i.Id, i => markdown.ToHtml(i.Description)));
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken cancellationToken)
    {
        // The answers are checked first; a wrong one shows the form again with what was entered, nothing stored.
        Posted = RegistrationForm.FromForm(Request.Form);
        PostedCompanions = Request.Form[CompanionsField.Name].FirstOrDefault();
        var (form, errors) = RegistrationForm.Check(await RegistrationForm.QuestionsAsync(db, id, cancellationToken), Posted);
        var allowed = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => e.CompanionsAllowed).FirstOrDefaultAsync(cancellationToken);
        var (companions, companionsError) = CompanionsField.Parse(PostedCompanions, allowed);
        if (companionsError is not null)
        {
            errors.Add(companionsError);
        }

        if (errors.Count > 0 && User.Identity?.IsAuthenticated == true)
        {
            return await ShowErrorsAsync(id, errors, cancellationToken);
        }

        return await ActAsync(id, async actor =>
        {
            var outcome = await RegisterForEvent.HandleAsync(db, clock, actor, id, null, companions, form, cancellationToken);
            return (outcome, outcome.Registration?.StatusValue switch
            {
                RegistrationStatus.Confirmed => l["Sie sind angemeldet. Ihr Platz ist bestätigt."].Value,
                RegistrationStatus.Waitlisted => l["Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste an Position {0}.", outcome.Registration.WaitlistPosition ?? 0].Value,
                RegistrationStatus.Pending => l["Ihre Anmeldung ist eingegangen. Die Geschäftsstelle bestätigt sie."].Value,
                _ => null,
            });
        }, refusal => refusal.Field == CompanionsField.Name ? ShowErrorsAsync(id, [refusal], cancellationToken) : null);
    }

    /// <summary>The form again with what was entered and a message at each refused field; nothing was stored.</summary>
    private async Task<IActionResult> ShowErrorsAsync(Guid id, IEnumerable<Refusal> errors, CancellationToken cancellationToken)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(GuestRegisterModel.FieldKey(error.Field), l[error.Message, error.Args]);
        }

        return await OnGetAsync(id, cancellationToken);
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async actor =>
        {
            var outcome = await RegisterForEvent.CancelAsync(db, clock, id, actor.AccountId!.Value, byOffice: false, cancellationToken);
            return (outcome, l["Sie haben sich abgemeldet."].Value);
        });

    /// <param name="onRefusal">Shows a refusal on the form instead of the message at the top (null: the default).</param>
    private async Task<IActionResult> ActAsync(
        Guid id, Func<RegistrationActor, Task<(RegisterForEvent.Outcome Outcome, string? Success)>> act, Func<Refusal, Task<IActionResult>?>? onRefusal = null)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var actor = await RegistrationActor.FromAsync(authorization, User);
        if (await ListEvents.DetailsAsync(db, EventViewer.From(actor), id, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        var (outcome, success) = await act(actor);
        if (outcome.Result == RegisterForEvent.Result.NotFound)
        {
            return NotFound();
        }

        if (outcome.Refusal is { } refusal)
        {
            if (onRefusal?.Invoke(refusal) is { } shown)
            {
                return await shown;
            }

            TempData[nameof(ErrorMessage)] = l[refusal.Message, refusal.Args].Value;
        }
        else
        {
            TempData[nameof(StatusMessage)] = success;
        }

        return Redirect($"/veranstaltungen/{id}");
    }

    private static RegistrationWindow WindowFor(EventDetails e, RegistrationActor actor, DateTime now)
    {
        if (e.Status == EventStatus.Cancelled)
        {
            return RegistrationWindow.Cancelled;
        }

        if (now >= (e.RegistrationClosesUtc ?? e.StartUtc))
        {
            return RegistrationWindow.Closed;
        }

        if (e.RegistrationOpensUtc is { } opens && now < opens)
        {
            return RegistrationWindow.NotYetOpen;
        }

        if (e.Audience == EventAudience.Invited && !actor.IsOffice)
        {
            return RegistrationWindow.InvitedOnly;
        }

        if (actor.AccountId is null)
        {
            return RegistrationWindow.SignInFirst;
        }

        return e.Audience == EventAudience.Members && !actor.IsMember ? RegistrationWindow.MembersOnly : RegistrationWindow.Open;
    }

    /// <summary>schema.org Event; the serializer escapes &lt; and &gt;, so the text cannot close the script element.</summary>
    private string BuildJsonLd(EventDetails e)
    {
        var url = urls.Absolute($"/veranstaltungen/{e.Id}");
        object? place = e.VenueName is null && e.VenueAddress is null
            ? null
            : new Dictionary<string, object?> { ["@type"] = "Place", ["name"] = e.VenueName ?? e.VenueAddress, ["address"] = e.VenueAddress };
        // The meeting link stays private: the virtual location points at this page.
        var online = new Dictionary<string, object?> { ["@type"] = "VirtualLocation", ["url"] = url };
        object? location = e.PlaceMode switch
        {
            PlaceMode.Online => online,
            PlaceMode.Hybrid => place is null ? online : new[] { place, online },
            _ => place,
        };
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["startDate"] = Iso(e.StartUtc),
            ["endDate"] = Iso(e.EndUtc),
            ["eventStatus"] = e.Status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.PlaceMode switch
            {
                PlaceMode.Online => "https://schema.org/OnlineEventAttendanceMode",
                PlaceMode.Hybrid => "https://schema.org/MixedEventAttendanceMode",
                _ => "https://schema.org/OfflineEventAttendanceMode",
            },
            ["url"] = url,
            ["description"] = e.Description.Length > 500 ? e.Description[..500] + " …" : e.Description,
            ["inLanguage"] = e.Language,
        };
        if (location is not null)
        {
            data["location"] = location;
        }

        if (e.Organiser is not null)
        {
            data["organizer"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = e.Organiser };
        }

        return JsonSerializer.Serialize(data);
    }

    private static string Iso(DateTime utc) => new DateTimeOffset(BerlinTime.ToBerlin(utc), BerlinTime.Zone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>The parts of an event page that do not depend on who reads it (kept in <see cref="AudienceDataCache"/>; read only).</summary>
internal sealed record EventPageParts(
    IReadOnlyList<EventTopic> Topics, string DescriptionHtml, IReadOnlyList<EventQuestion> Questions, SeriesLink? Series, string AgendaHtml,
    IReadOnlyList<(DateOnly Day, string Html)> Programme, IReadOnlyList<EventDocumentView> Documents, AgendaData Agenda,
    IReadOnlyDictionary<Guid, string> AgendaDescriptions)
{
    /// <summary>Rough size in the cache's units of about 1 KB.</summary>
    public long Size => 1 + ((DescriptionHtml.Length + AgendaHtml.Length + Programme.Sum(p => p.Html.Length)
        + Questions.Sum(q => q.Text.Length + (q.Options?.Length ?? 0)) + Documents.Sum(d => d.Title.Length)
        + AgendaDescriptions.Values.Sum(h => h.Length)) / 512) + Agenda.Size;
}
