using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>A topic of an agenda item in the API.</summary>
internal sealed record AgendaTopicDto(string Slug, string Name);

/// <summary>A speaker in the API; a directory person whose name the caller may not see has name and personId null.</summary>
internal sealed record AgendaSpeakerDto(string? Name, string? Organisation, string? Bio, Guid? PersonId, bool FromDirectory);

/// <summary>Material metadata in the API with its download address (which applies the same visibility).</summary>
internal sealed record AgendaMaterialDto(Guid Id, string Title, string Format, long SizeBytes, bool ParticipantsOnly, string DownloadUrl);

/// <summary>An agenda item in the API; times with offset, type as its code (Vortrag, Diskussion, BerichtFoerdergeber, Austausch, Pause).</summary>
internal sealed record AgendaItemDto(
    Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, string Description, string Type, string TypeLabel,
    IReadOnlyList<AgendaTopicDto> Topics, IReadOnlyList<AgendaSpeakerDto> Speakers, IReadOnlyList<AgendaMaterialDto> Materials);

internal sealed record AgendaDto(Guid EventId, string EventTitle, IReadOnlyList<AgendaItemDto> Items);

/// <summary>The agenda outside the page: the printable PDF and the API, both with the event page's visibility rules.</summary>
internal static class AgendaEndpoints
{
    public static void MapAgendaPdf(this IEndpointRouteBuilder app) =>
        // Kept for anonymous callers like the event page (ADR 0004); signed-in callers always get a fresh one.
        app.MapGet("/veranstaltungen/{id:guid}/tagesordnung.pdf", PdfAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName).ExcludeFromDescription();

    public static RouteGroupBuilder MapEventAgendaApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/events").WithTags("Veranstaltungen")
            .MapGet("/{id:guid}/agenda", GetAsync).AllowAnonymous().CacheOutput(PublicPageCache.PolicyName)
            .WithName("GetEventAgenda")
            .WithSummary("Die Tagesordnung einer Veranstaltung abrufen")
            .WithDescription("Punkte mit Zeiten, Art, Themen, Vortragenden und Materialien (Metadaten mit Download-Adresse), sofern die aufrufende "
                + "Person die Veranstaltung sehen darf. Namen von Personen aus dem Verzeichnis nur, soweit ihr Profil sie der aufrufenden Person zeigt; "
                + "Materialien nur für Teilnehmende nur für bestätigte Teilnehmende und die Geschäftsstelle.");
        return api;
    }

    private static async Task<(EventDetails Details, IReadOnlyList<AgendaItemView> Items)?> LoadAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var actor = await RegistrationActor.FromAsync(authorization, http.User);
        var details = await ListEvents.DetailsAsync(db, EventViewer.From(actor), id, cancellationToken);
        if (details is null)
        {
            return null;
        }

        var me = actor.AccountId ?? Guid.Empty;
        var confirmed = actor.AccountId is not null && await db.Set<EventRegistration>()
            .AnyAsync(r => r.EventId == id && r.PersonId == me && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        return (details, await EventAgenda.ForReaderAsync(db, id, AgendaReader.From(actor, confirmed), cancellationToken));
    }

    private static async Task<Results<Ok<AgendaDto>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, PublicUrls urls, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, http, db, authorization, cancellationToken) is not var (details, items))
        {
            return TypedResults.Problem(l["Es gibt keine Veranstaltung mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new AgendaDto(details.Id, details.Title, [.. items.Select(i => new AgendaItemDto(
            i.Id, Offset(i.StartUtc), Offset(i.EndUtc), i.Title, i.Description, i.Type.ToString(), l[AgendaLabels.Label(i.Type)],
            [.. i.Topics.Select(t => new AgendaTopicDto(t.Slug, t.Name))],
            [.. i.Speakers.Select(s => new AgendaSpeakerDto(s.Name, s.Organisation, s.Bio, s.PersonId, s.FromDirectory))],
            [.. i.Materials.Select(m => new AgendaMaterialDto(m.Id, m.Title, m.Extension, m.SizeBytes, m.ParticipantsOnly,
                urls.Absolute($"/veranstaltungen/{id}/tagesordnung/material/{m.Id}")))]))]));
    }

    private static async Task<IResult> PdfAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, http, db, authorization, cancellationToken) is not var (details, items))
        {
            return Results.NotFound();
        }

        var venue = string.Join(", ", new[] { details.VenueName, details.VenueAddress }.Where(v => !string.IsNullOrWhiteSpace(v)));
        var when = BerlinTime.FormatDateTime(details.StartUtc) + " – " + BerlinTime.FormatDateTime(details.EndUtc) + (venue.Length == 0 ? "" : " · " + venue);
        var texts = new AgendaPdfTexts(l["Tagesordnung"], l["Person aus dem Netzwerk"], type => l[AgendaLabels.Label(type)], l["Vortragende"]);
        var pdf = AgendaPdf.Write(new PdfEvent(details.Title, details.StartUtc, venue), when, items, texts);
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.File(pdf, "application/pdf", $"tagesordnung-{id:N}.pdf");
    }

    private static DateTimeOffset Offset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
