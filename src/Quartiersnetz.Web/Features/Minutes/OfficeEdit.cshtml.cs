using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// The office writes an event's minutes: the Markdown text (saved by hand, or every 30 seconds by a small script that
/// uses the same conflict check), the state, and the decisions and follow-ups. A save on top of someone else's newer
/// revision shows their text and keeps the user's own in the form; saving again then knowingly replaces it.
/// </summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeEditModel(
    QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IAuthorizationService authorization, IStringLocalizer<Texts> l,
    IConfiguration configuration)
    : PageModel
{
    /// <summary>Autosave interval; tests shorten it.</summary>
    public int AutosaveSeconds => Math.Clamp(configuration.GetValue<int?>("Minutes:AutosaveSeconds") ?? 30, 1, 600);

    public sealed class TextForm
    {
        public string? Text { get; set; }

        public int BaseRevision { get; set; }

        public string? Note { get; set; }
    }

    public sealed class ItemForm
    {
        public string? Kind { get; set; }

        public string? Text { get; set; }

        public Guid? ResponsibleAccountId { get; set; }

        public string? ResponsibleAgs { get; set; }

        public string? DueDate { get; set; }
    }

    [BindProperty]
    public TextForm Input { get; set; } = new();

    [BindProperty]
    public ItemForm Item { get; set; } = new();

    public Guid Id { get; private set; }

    public string EventTitle { get; private set; } = "";

    public MinutesView? Minutes { get; private set; }

    /// <summary>The other editor's newer revision after a refused save.</summary>
    public EditMinutes.Newer? Conflict { get; private set; }

    public string ConflictHtml { get; private set; } = "";

    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];

    public IReadOnlyList<(string Ags, string Name)> Municipalities { get; private set; } = [];

    public MinutesState State => Minutes?.State ?? MinutesState.Draft;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new TextForm { Text = Minutes?.Text ?? await TemplateAsync(id, cancellationToken), BaseRevision = Minutes?.Revision ?? 0 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EditMinutes.SaveAsync(db, audit, AuditActor.From(User), clock, id, new EditMinutes.SaveInput(Input.Text, Input.BaseRevision, Input.Note), cancellationToken);
        return outcome.Result switch
        {
            EditMinutes.Result.NotFound => NotFound(),
            EditMinutes.Result.Saved => Done(id, l["Das Protokoll wurde als Version {0} gespeichert.", outcome.Revision]),
            EditMinutes.Result.Unchanged => Done(id, l["Keine Änderung: Das Protokoll ist schon auf diesem Stand."]),
            _ => await RefusedAsync(id, outcome, cancellationToken),
        };
    }

    /// <summary>The script's autosave: the same save and conflict check, answered as JSON for the live region.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EditMinutes.SaveAsync(db, audit, AuditActor.From(User), clock, id,
            new EditMinutes.SaveInput(Input.Text, Input.BaseRevision, null, Autosave: true), cancellationToken);
        var time = BerlinTime.ToBerlin(clock.GetUtcNow().UtcDateTime).ToString("HH:mm", BerlinTime.Culture);
        return outcome.Result switch
        {
            EditMinutes.Result.NotFound => NotFound(),
            EditMinutes.Result.Saved or EditMinutes.Result.Unchanged => new JsonResult(new
            {
                status = "saved", revision = outcome.Revision, message = l["Automatisch gespeichert um {0} Uhr (Version {1}).", time, outcome.Revision].Value,
            }),
            EditMinutes.Result.Conflict => new JsonResult(new
            {
                status = "conflict", revision = outcome.Revision,
                message = l["Nicht automatisch gespeichert: Jemand anderes hat das Protokoll geändert. Bitte speichern Sie mit der Schaltfläche, um beide Fassungen zu sehen."].Value,
            }) { StatusCode = StatusCodes.Status409Conflict },
            _ => new JsonResult(new
            {
                status = "refused", revision = Input.BaseRevision,
                message = l["Nicht automatisch gespeichert: {0}", string.Join(" ", outcome.Refusals.Select(r => l[r.Message, r.Args].Value))].Value,
            }) { StatusCode = StatusCodes.Status400BadRequest },
        };
    }

    public async Task<IActionResult> OnPostStateAsync(Guid id, string? target, int baseRevision, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<MinutesState>(target, out var state) || !Enum.IsDefined(state))
        {
            return BadRequest();
        }

        var outcome = await EditMinutes.ChangeStateAsync(db, audit, AuditActor.From(User), clock, id, state, baseRevision, cancellationToken);
        return outcome.Result switch
        {
            EditMinutes.Result.NotFound => NotFound(),
            EditMinutes.Result.Saved => Done(id, state switch
            {
                MinutesState.Published => l["Das Protokoll ist veröffentlicht."],
                MinutesState.InReview => l["Das Protokoll steht zur Abstimmung."],
                _ => l["Das Protokoll ist wieder ein Entwurf."],
            }),
            _ => await RefusedAsync(id, outcome, cancellationToken, keepText: false),
        };
    }

    public async Task<IActionResult> OnPostItemAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EditMinutes.AddItemAsync(db, audit, AuditActor.From(User), clock, id,
            new EditMinutes.ItemInput(Item.Kind, Item.Text, Item.ResponsibleAccountId, Item.ResponsibleAgs, Item.DueDate), cancellationToken);
        if (outcome.Result == EditMinutes.Result.NotFound)
        {
            return NotFound();
        }

        if (outcome.Result == EditMinutes.Result.Saved)
        {
            return Done(id, Item.Kind == "Decision" ? l["Der Beschluss wurde eingetragen."] : l["Die Aufgabe wurde eingetragen."]);
        }

        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(refusal.Field.Length == 0 ? "" : "Item." + refusal.Field, l[refusal.Message, refusal.Args]);
        }

        return await ShowAgainAsync(id, keepText: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveItemAsync(Guid id, Guid itemId, CancellationToken cancellationToken)
    {
        var result = await EditMinutes.RemoveItemAsync(db, audit, AuditActor.From(User), id, itemId, cancellationToken);
        if (result == EditMinutes.Result.NotFound)
        {
            return NotFound();
        }

        if (result == EditMinutes.Result.Refused)
        {
            ModelState.AddModelError("", l["Das Protokoll ist veröffentlicht; seine Beschlüsse und Aufgaben bleiben."]);
            return await ShowAgainAsync(id, keepText: false, cancellationToken);
        }

        return Done(id, l["Der Eintrag wurde entfernt."]);
    }

    private async Task<IActionResult> RefusedAsync(Guid id, EditMinutes.Outcome outcome, CancellationToken cancellationToken, bool keepText = true)
    {
        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(refusal.Field.Length == 0 ? "" : "Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }

        if (outcome.Result == EditMinutes.Result.Conflict && outcome.Conflict is { } newer)
        {
            // The user has now seen the other text: their next save is a deliberate replacement on top of it.
            Conflict = newer;
            ConflictHtml = markdown.ToHtml(newer.Text);
            ModelState.Remove("Input.BaseRevision");
            Input.BaseRevision = newer.Revision;
        }

        return await ShowAgainAsync(id, keepText, cancellationToken);
    }

    private async Task<IActionResult> ShowAgainAsync(Guid id, bool keepText, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!keepText)
        {
            ModelState.Remove("Input.Text");
            ModelState.Remove("Input.BaseRevision");
            Input = new TextForm { Text = Minutes?.Text ?? await TemplateAsync(id, cancellationToken), BaseRevision = Minutes?.Revision ?? 0 };
        }

        return Page();
    }

    private RedirectResult Done(Guid id, string message)
    {
        StatusMessage = message;
        return Redirect($"/geschaeftsstelle/veranstaltungen/{id}/protokoll");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var title = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => e.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return false;
        }

        (Id, EventTitle) = (id, title);
        var viewer = await MinutesViewer.FromAsync(authorization, User, db, cancellationToken);
        Minutes = await ReadMinutes.ForReaderAsync(db, markdown, clock, viewer, id, publishedOnly: false, cancellationToken);

        // Who takes on a task is almost always someone who was there or spoke: the event's confirmed participants and
        // its directory speakers. Anyone else is reached through their municipality.
        var participants = db.Set<EventRegistration>().Where(r => r.EventId == id && r.Status == RegistrationStatus.Confirmed).Select(r => r.PersonId);
        var speakers = from s in db.Set<AgendaSpeaker>()
                       join i in db.Set<AgendaItem>() on s.AgendaItemId equals i.Id
                       where i.EventId == id && s.AccountId != null
                       select s.AccountId!.Value;
        var people = await db.Set<UserAccount>().AsNoTracking()
            .Where(u => participants.Contains(u.Id) || speakers.Contains(u.Id))
            .OrderBy(u => u.SortKey).Select(u => new { u.Id, u.DisplayName }).Take(500).ToListAsync(cancellationToken);
        People = [.. people.Select(p => (p.Id, p.DisplayName))];
        var municipalities = await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.ShortName).Select(m => new { m.Ags, m.ShortName }).ToListAsync(cancellationToken);
        Municipalities = [.. municipalities.Select(m => (m.Ags, m.ShortName))];
        return true;
    }

    /// <summary>New minutes start with a heading per agenda item: the optional section for each point.</summary>
    private async Task<string> TemplateAsync(Guid id, CancellationToken cancellationToken)
    {
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(i => i.EventId == id && i.Type != AgendaItemType.Pause)
            .OrderBy(i => i.StartUtc).ThenBy(i => i.SortOrder).Select(i => new { i.StartUtc, i.Title }).ToListAsync(cancellationToken);
        return string.Concat(items.Select(i => $"## {BerlinTime.ToBerlin(i.StartUtc).ToString("HH:mm", BerlinTime.Culture)} {i.Title}\n\n\n"));
    }
}
