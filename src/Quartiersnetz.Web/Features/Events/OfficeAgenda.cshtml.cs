using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The office builds an event's timed agenda: items (add, change, order, remove), their speakers (a directory person
/// found by name, or someone external) and materials (slides, documents). Works without JavaScript: each action is its
/// own small form; a refused one shows the page again with the message at its field and the entered values.
/// </summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(EventDocuments.MaxRequestBytes)]
internal sealed class OfficeAgendaModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, IConfiguration configuration, IStringLocalizer<Texts> l) : PageModel
{
    /// <summary>The item form as posted (or loaded for editing).</summary>
    public sealed class ItemForm
    {
        public Guid? ItemId { get; set; }

        public string? Day { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? Type { get; set; }

        public List<string> Topics { get; set; } = [];
    }

    [BindProperty]
    public ItemForm Input { get; set; } = new();

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public DateTime EventStartUtc { get; private set; }

    public DateTime EventEndUtc { get; private set; }

    /// <summary>The event's Berlin days; one day means the form needs no day field.</summary>
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    public IReadOnlyList<AgendaItemView> Items { get; private set; } = [];

    public IReadOnlyList<TopicGroup> TopicTree { get; private set; } = [];

    /// <summary>The item whose speaker search ran, and its results.</summary>
    public Guid? SearchItemId { get; private set; }

    public string? SearchText { get; private set; }

    public IReadOnlyList<(Guid Id, string Name, string? Organisation)> SearchResults { get; private set; } = [];

    /// <summary>The item whose speaker or material form was refused: its form shows the posted values.</summary>
    public Guid? FailedItemId { get; private set; }

    public IReadOnlyDictionary<string, string?> Posted { get; private set; } = new Dictionary<string, string?>();

    public int MaxMegabytes => (int)(EventDocuments.MaxBytes(configuration) / (1024 * 1024));

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? edit, Guid? searchItem, string? q, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (edit is { } itemId)
        {
            var item = await db.Set<AgendaItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.EventId == id, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }

            var start = BerlinTime.ToBerlin(item.StartUtc);
            Input = new ItemForm
            {
                ItemId = item.Id,
                Day = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Start = start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                End = BerlinTime.ToBerlin(item.EndUtc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                Title = item.Title,
                Description = item.Description,
                Type = item.Type.ToString(),
                Topics = [.. Items.Single(i => i.Id == itemId).Topics.Select(t => t.Slug)],
            };
        }

        if (searchItem is { } searchFor && Items.Any(i => i.Id == searchFor))
        {
            (SearchItemId, SearchText) = (searchFor, q);
            SearchResults = await EventAgenda.SearchPeopleAsync(db, q, cancellationToken);
            if ((q?.Trim().Length ?? 0) < 2)
            {
                ModelState.AddModelError($"search-{searchFor:N}", l["Bitte geben Sie mindestens zwei Buchstaben des Namens ein."]);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await EventAgenda.SaveItemAsync(db, audit, AuditActor.From(User), id, Input.ItemId,
            new EventAgenda.ItemInput(Input.Day, Input.Start, Input.End, Input.Title, Input.Description, Input.Type, Input.Topics), cancellationToken);
        return await AnswerAsync(id, outcome, Input.ItemId is null ? "Der Punkt wurde zur Tagesordnung hinzugefügt." : "Der Punkt wurde geändert.", "Input.", null, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, CancellationToken cancellationToken)
    {
        var result = await EventAgenda.DeleteItemAsync(db, files, audit, AuditActor.From(User), id, itemId, cancellationToken);
        return result == EventAgenda.Result.NotFound ? NotFound() : Done(id, "Der Punkt wurde von der Tagesordnung entfernt.");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid itemId, string? direction, CancellationToken cancellationToken)
    {
        var outcome = await EventAgenda.MoveAsync(db, id, itemId, direction == "up", cancellationToken);
        return await AnswerAsync(id, outcome, "Die Reihenfolge wurde geändert.", "", null, cancellationToken);
    }

    public async Task<IActionResult> OnPostSpeakerAsync(
        Guid id, Guid itemId, Guid? accountId, string? name, string? organisation, string? bio, CancellationToken cancellationToken)
    {
        var outcome = await EventAgenda.AddSpeakerAsync(db, audit, AuditActor.From(User), id, itemId,
            new EventAgenda.SpeakerInput(accountId, name, organisation, bio), cancellationToken);
        return await AnswerAsync(id, outcome, "Die oder der Vortragende wurde eingetragen.", "", itemId, cancellationToken,
            new Dictionary<string, string?> { ["name"] = name, ["organisation"] = organisation, ["bio"] = bio });
    }

    public async Task<IActionResult> OnPostRemoveSpeakerAsync(Guid id, Guid itemId, Guid speakerId, CancellationToken cancellationToken)
    {
        var result = await EventAgenda.RemoveSpeakerAsync(db, audit, AuditActor.From(User), id, itemId, speakerId, cancellationToken);
        return result == EventAgenda.Result.NotFound ? NotFound() : Done(id, "Die oder der Vortragende wurde entfernt.");
    }

    public async Task<IActionResult> OnPostMaterialAsync(
        Guid id, Guid itemId, IFormFile? material, string? materialTitle, bool participantsOnly, CancellationToken cancellationToken)
    {
        var max = EventDocuments.MaxBytes(configuration);
        EventDocuments.Problem problem;
        if (material is null || material.Length == 0)
        {
            problem = EventDocuments.Problem.Missing;
        }
        else if (material.Length > max)
        {
            problem = EventDocuments.Problem.TooLarge;
        }
        else
        {
            using var buffer = new MemoryStream((int)material.Length);
            await material.CopyToAsync(buffer, cancellationToken);
            problem = await EventAgenda.UploadMaterialAsync(
                db, files, audit, AuditActor.From(User), clock, id, itemId, buffer.ToArray(), materialTitle, material.FileName, participantsOnly, max, cancellationToken);
        }

        if (problem == EventDocuments.Problem.None)
        {
            return Done(id, "Das Material wurde hinzugefügt.");
        }

        if (problem == EventDocuments.Problem.NotFound)
        {
            return NotFound();
        }

        var field = $"material-{itemId:N}";
        ModelState.AddModelError(problem is EventDocuments.Problem.TitleMissing or EventDocuments.Problem.TitleTooLong ? field + "-title" : field, problem switch
        {
            EventDocuments.Problem.TitleMissing => l["Bitte geben Sie einen Titel ein."],
            EventDocuments.Problem.TitleTooLong => l["Der Titel darf höchstens {0} Zeichen haben.", EventDocument.TitleMaxLength],
            EventDocuments.Problem.TooLarge => l["Die Datei ist zu groß. Erlaubt sind höchstens {0} MB.", MaxMegabytes],
            EventDocuments.Problem.UnknownType => l["Die Datei ist kein PDF-, Word-, Excel-, PowerPoint-, JPEG- oder PNG-Dokument oder ist beschädigt. Entscheidend ist der Inhalt, nicht die Endung des Dateinamens."],
            EventDocuments.Problem.NameMismatch => l["Die Datei „{0}“ ist kein {1}-Dokument, auch wenn ihr Name das sagt. Entscheidend ist der Inhalt: Bitte laden Sie die richtige Datei hoch.", material!.FileName, EventDocuments.ClaimedKind(material.FileName)?.Label ?? ""],
            EventDocuments.Problem.TooMany => l["Ein Punkt kann höchstens {0} Materialien haben. Bitte entfernen Sie zuerst eines.", AgendaMaterial.MaxPerItem],
            _ => l["Bitte wählen Sie eine Datei aus."],
        });
        FailedItemId = itemId;
        Posted = new Dictionary<string, string?> { ["materialTitle"] = materialTitle, ["participantsOnly"] = participantsOnly ? "true" : null };
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveMaterialAsync(Guid id, Guid itemId, Guid materialId, CancellationToken cancellationToken)
    {
        var result = await EventAgenda.RemoveMaterialAsync(db, files, audit, AuditActor.From(User), id, itemId, materialId, cancellationToken);
        return result == EventAgenda.Result.NotFound ? NotFound() : Done(id, "Das Material wurde entfernt.");
    }

    private RedirectResult Done(Guid id, string message)
    {
        StatusMessage = l[message];
        return Redirect($"{OfficeListModel.Path}/{id}/tagesordnung");
    }

    private async Task<IActionResult> AnswerAsync(
        Guid id, EventAgenda.Outcome outcome, string success, string fieldPrefix, Guid? failedItem, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? posted = null)
    {
        switch (outcome.Result)
        {
            case EventAgenda.Result.NotFound:
                return NotFound();
            case EventAgenda.Result.Saved:
                return Done(id, success);
        }

        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError(refusal.Field.Length == 0 ? "" : fieldPrefix + refusal.Field, l[refusal.Message, refusal.Args]);
        }

        (FailedItemId, Posted) = (failedItem, posted ?? new Dictionary<string, string?>());
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.StartUtc, e.EndUtc }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        (Id, Title, EventStartUtc, EventEndUtc) = (id, ev.Title, ev.StartUtc, ev.EndUtc);
        Days = EventProgramme.DaysOf(ev.StartUtc, ev.EndUtc);
        Items = await EventAgenda.ForReaderAsync(db, id, AgendaReader.Office, cancellationToken);
        TopicTree = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return true;
    }

    /// <summary>Titles of the items that overlap <paramref name="item"/> in time (parallel sessions): allowed, but pointed out.</summary>
    public IReadOnlyList<string> OverlapsOf(AgendaItemView item) =>
        [.. Items.Where(o => o.Id != item.Id && o.StartUtc < item.EndUtc && item.StartUtc < o.EndUtc && o.Type != AgendaItemType.Pause && item.Type != AgendaItemType.Pause).Select(o => o.Title)];
}
