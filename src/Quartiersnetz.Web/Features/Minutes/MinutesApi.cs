using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Minutes;

/// <summary>A decision or follow-up in the API; a responsible person whose name the caller may not see has name and id null.</summary>
internal sealed record MinutesItemDto(
    Guid Id, string Kind, string Text, Guid? ResponsiblePersonId, string? ResponsiblePersonName, string? ResponsibleMunicipalityAgs,
    string? ResponsibleMunicipalityName, DateOnly? DueDate, bool Overdue, string Status, DateTimeOffset? ClosedAt, string? ClosingNote,
    Guid EventId, string EventTitle);

/// <summary>The minutes in the API: Markdown text and its sanitised HTML, state, revision, decisions and follow-ups.</summary>
internal sealed record MinutesDto(
    Guid EventId, string EventTitle, string State, int Revision, string Text, string Html, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<MinutesItemDto> Decisions, IReadOnlyList<MinutesItemDto> FollowUps);

internal static class MinutesApi
{
    public static RouteGroupBuilder MapMinutesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events/{id:guid}/minutes", GetAsync).AllowAnonymous().WithTags("Veranstaltungen")
            .WithName("GetEventMinutes")
            .WithSummary("Das Protokoll einer Veranstaltung abrufen")
            .WithDescription("Text (Markdown und HTML), Beschlüsse und Aufgaben. Nur veröffentlichte Protokolle von Veranstaltungen, die die aufrufende "
                + "Person sehen darf; die Geschäftsstelle erhält auch Entwürfe. Alles andere antwortet wie ein fehlendes Protokoll mit 404.");
        api.MapGet("/follow-ups", ListAsync).RequireAuthorization(Policies.Member).WithTags("Veranstaltungen")
            .WithName("ListFollowUps")
            .WithSummary("Aufgaben aus Protokollen auflisten")
            .WithDescription("Offene (status=open, Standard) oder erledigte (status=closed) Aufgaben aus veröffentlichten Protokollen, die die aufrufende "
                + "Person sehen darf (die Geschäftsstelle: alle). Eigene Aufgaben zuerst, dann die der eigenen Gemeinde, dann nach Fälligkeit.");
        return api;
    }

    private static async Task<Results<Ok<MinutesDto>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, MarkdownRenderer markdown, TimeProvider clock,
        IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var viewer = await MinutesViewer.FromAsync(authorization, http.User, db, cancellationToken);
        var minutes = await ReadMinutes.ForReaderAsync(db, markdown, clock, viewer, id, publishedOnly: true, cancellationToken);
        if (minutes is null)
        {
            return TypedResults.Problem(l["Zu der Veranstaltung {0} gibt es kein Protokoll, das Sie lesen dürfen.", id], statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new MinutesDto(
            minutes.EventId, minutes.EventTitle, MinutesLabels.ApiName(minutes.State), minutes.Revision, minutes.Text, minutes.Html,
            Offset(minutes.UpdatedAtUtc), minutes.PublishedAtUtc is { } p ? Offset(p) : null,
            [.. minutes.Items.Where(i => i.Kind == MinutesItemKind.Decision).Select(Dto)],
            [.. minutes.Items.Where(i => i.Kind == MinutesItemKind.FollowUp).Select(Dto)]));
    }

    private static async Task<Results<Ok<PagedResult<MinutesItemDto>>, ValidationProblem>> ListAsync(
        HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken, string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && status is not ("open" or "closed"))
        {
            errors["status"] = [l["Unbekannter Wert „{0}“. Erlaubt: {1}.", ApiParameters.Clip(status), "open, closed"]];
        }

        ApiParameters.CheckPaging(errors, l, page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Parameter."]);
        }

        var viewer = await MinutesViewer.FromAsync(authorization, http.User, db, cancellationToken);
        var result = await ReadMinutes.TasksAsync(db, clock, viewer, new TaskFilter(Closed: status == "closed"), new PageRequest(page, pageSize),
            publishedOnly: true, cancellationToken);
        return TypedResults.Ok(new PagedResult<MinutesItemDto>([.. result.Items.Select(Dto)], result.Page, result.PageSize, result.TotalCount));
    }

    private static MinutesItemDto Dto(MinutesItemView i) => new(
        i.Id, i.Kind == MinutesItemKind.Decision ? "decision" : "followUp", i.Text, i.ResponsibleId, i.ResponsibleName, i.ResponsibleAgs, i.MunicipalityName,
        i.DueDate, i.Overdue, i.Kind == MinutesItemKind.Decision ? "decided" : i.ClosedAtUtc is null ? "open" : "closed",
        i.ClosedAtUtc is { } c ? Offset(c) : null, i.ClosingNote, i.EventId, i.EventTitle);

    private static DateTimeOffset Offset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
