using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>The office writes an event's programme day by day (Markdown), e.g. the stops of a three-day study trip.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeProgrammeModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    /// <summary>Posted texts by day ("yyyy-MM-dd").</summary>
    [BindProperty]
    public Dictionary<string, string?> Days { get; set; } = [];

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public IReadOnlyList<ProgrammeDay> Programme { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<DateOnly, string?>();
        foreach (var (key, text) in Days)
        {
            // Keys come from the form this page wrote; anything else is a forged field and is refused, not ignored.
            if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                ModelState.AddModelError(string.Empty, l["Das Formular enthält einen unbekannten Tag. Bitte laden Sie die Seite neu."]);
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            }

            texts[day] = text;
        }

        var outcome = await EventProgramme.SaveAsync(db, audit, AuditActor.From(User), id, texts, cancellationToken);
        switch (outcome.Result)
        {
            case SaveEvent.Result.NotFound:
                return NotFound();
            case SaveEvent.Result.Refused:
                ModelState.AddModelError(outcome.Refusal!.Field, l[outcome.Refusal.Message, outcome.Refusal.Args]);
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            default:
                StatusMessage = l["Das Programm wurde gespeichert."];
                return Redirect($"{OfficeListModel.Path}/{id}/programm");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.StartUtc, e.EndUtc }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        (Id, Title) = (id, ev.Title);
        Programme = await EventProgramme.ForEditingAsync(db, id, ev.StartUtc, ev.EndUtc, cancellationToken);
        return true;
    }
}
