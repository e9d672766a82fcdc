using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Events;

/// <summary>The office's registration form of one event: questions with conditions, and how long registration data is kept.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class OfficeQuestionsModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public QuestionInput Question { get; set; } = new();

    [BindProperty]
    public string? RetentionMonths { get; set; }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public int RegistrationCount { get; private set; }

    public DateTime? PurgedAtUtc { get; private set; }

    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, keepRetentionInput: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var errors = await EditEventQuestions.AddAsync(db, audit, AuditActor.From(User), id,
            new EditEventQuestions.Input(Question.Text, Question.Kind, Question.Required, Question.Options, Question.ShowIf), cancellationToken);
        if (errors.Count == 0)
        {
            StatusMessage = l["Die Frage wurde hinzugefügt."];
            return Redirect($"{OfficeListModel.Path}/{id}/fragen");
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, l[error.Message, error.Args]);
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id, keepRetentionInput: false, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid questionId, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var refusal = await EditEventQuestions.DeleteAsync(db, audit, AuditActor.From(User), id, questionId, cancellationToken);
        StatusMessage = refusal is null ? l["Die Frage wurde gelöscht. Bereits gegebene Antworten bleiben erhalten."] : l[refusal.Message, refusal.Args];
        return Redirect($"{OfficeListModel.Path}/{id}/fragen");
    }

    public async Task<IActionResult> OnPostRetentionAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var refusal = await EditEventQuestions.SetRetentionAsync(db, audit, AuditActor.From(User), id, RetentionMonths, cancellationToken);
        if (refusal is null)
        {
            StatusMessage = l["Die Aufbewahrungsfrist wurde gespeichert."];
            return Redirect($"{OfficeListModel.Path}/{id}/fragen");
        }

        ModelState.AddModelError(nameof(RetentionMonths), l[refusal.Message, refusal.Args]);
        await LoadAsync(id, keepRetentionInput: true, cancellationToken);
        return Page();
    }

    private Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => db.Set<Event>().AnyAsync(e => e.Id == id, cancellationToken);

    private async Task<bool> LoadAsync(Guid id, bool keepRetentionInput, CancellationToken cancellationToken)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.RetentionMonths, e.RegistrationDataPurgedAtUtc, Registrations = db.Set<EventRegistration>().Count(r => r.EventId == e.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        Id = id;
        Title = ev.Title;
        RegistrationCount = ev.Registrations;
        PurgedAtUtc = ev.RegistrationDataPurgedAtUtc;
        if (!keepRetentionInput)
        {
            RetentionMonths = ev.RetentionMonths.ToString(BerlinTime.Culture);
        }

        Questions = await RegistrationForm.QuestionsAsync(db, id, cancellationToken);
        return true;
    }

    internal sealed class QuestionInput
    {
        public string? Text { get; set; }

        public string? Kind { get; set; }

        public bool Required { get; set; }

        public string? Options { get; set; }

        public string? ShowIf { get; set; }
    }
}
