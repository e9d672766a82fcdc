using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Events;

/// <summary>Registration without an account for a public event: name, e-mail, the event's questions; a link in a mail confirms it.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
internal sealed class GuestRegisterModel(QuartiersnetzDbContext db, GuestRegistration guests, IStringLocalizer<Texts> l) : PageModel
{
    /// <summary>Named Input.Name/Input.Email so the rate limiter also counts attempts per e-mail address.</summary>
    [BindProperty]
    public GuestInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public bool Sent { get; private set; }

    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];

    public RegistrationForm.Input? Posted { get; private set; }

    /// <summary>Companions one guest may bring; 0 hides the field.</summary>
    public int CompanionsAllowed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "gesendet")] bool sent, CancellationToken cancellationToken)
    {
        Sent = sent;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        // Model binding messages are English; the use case checks every field itself.
        ModelState.Clear();
        Posted = RegistrationForm.FromForm(Request.Form);
        var outcome = await guests.RequestAsync(id, Input.Name, Input.Email, Posted, Input.Companions, cancellationToken);
        switch (outcome.Result)
        {
            case GuestRegistration.Result.NotFound:
                return NotFound();
            case GuestRegistration.Result.Sent:
                return Redirect($"/veranstaltungen/{id}/gast?gesendet=true");
        }

        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(error.Field == CompanionsField.Name ? "Input.Companions" : FieldKey(error.Field), l[error.Message, error.Args]);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The form field (and element id) of a use-case field.</summary>
    public static string FieldKey(string field) => field switch
    {
        "accessibilityNeeds" => "needs",
        "accessibilityNote" => "needNote",
        _ when field.StartsWith("answers.", StringComparison.Ordinal) => RegistrationForm.AnswerFieldPrefix + field["answers.".Length..],
        _ => field,
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only public events take guests; the others are not even named here.
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id && e.Audience == EventAudience.Public)
            .Select(e => new { e.Title, e.CompanionsAllowed }).SingleOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return false;
        }

        Id = id;
        Title = ev.Title;
        CompanionsAllowed = ev.CompanionsAllowed;
        Questions = await RegistrationForm.QuestionsAsync(db, id, cancellationToken);
        return true;
    }

    internal sealed class GuestInput
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        /// <summary>Text, not a number: the use case checks it and answers in German (model binding would answer in English).</summary>
        public string? Companions { get; set; }
    }
}
