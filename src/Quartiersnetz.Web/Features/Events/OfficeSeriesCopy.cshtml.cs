using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>Copies a whole series: the form prefilled with its template and rule (as RRULE), a new first date.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeSeriesCopyModel(QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l)
    : SeriesCreatePage(db, audit, clock, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var series = await ListEventSeries.DetailsAsync(Db, new EventViewer(null, true, true), id, cancellationToken);
        if (series is null)
        {
            return NotFound();
        }

        // Topics and the online link come from the first occurrence: the series keeps no topics of its own.
        var first = series.Occurrences.Count > 0 ? await ListEvents.DetailsAsync(Db, new EventViewer(null, true, true), series.Occurrences[0].EventId, cancellationToken) : null;
        Input = new EventFormInput
        {
            Type = series.Type.ToString(), Title = series.Title, Description = series.Description, PlaceMode = series.PlaceMode.ToString(),
            VenueName = series.VenueName, VenueAddress = series.VenueAddress, OnlineLink = first?.OnlineLink, Organiser = series.Organiser,
            Audience = series.Audience.ToString(), Language = series.Language, AccessibilityInfo = series.AccessibilityInfo, FeeText = series.FeeText,
            Capacity = series.Capacity?.ToString(CultureInfo.InvariantCulture), RequiresConfirmation = series.RequiresConfirmation,
            Topics = first is null ? [] : [.. first.Topics.Select(t => t.Slug)],
        };
        Schedule = new SeriesScheduleForm
        {
            RawRule = series.Rule, MunicipalityAgs = series.MunicipalityAgs,
            StartTime = series.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), EndTime = series.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        await LoadTopicsAsync(cancellationToken);
        return Page();
    }
}
