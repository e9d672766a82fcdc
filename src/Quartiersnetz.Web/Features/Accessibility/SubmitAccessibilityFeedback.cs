using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Accessibility;

/// <summary>Stores a barrier report from anyone, signed in or not.</summary>
internal static class SubmitAccessibilityFeedback
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte beschreiben Sie die Barriere.")]
        [StringLength(AccessibilityFeedback.MessageMaxLength, ErrorMessage = "Die Beschreibung darf höchstens {1} Zeichen haben.")]
        public string Message { get; set; } = "";

        [StringLength(AccessibilityFeedback.PageUrlMaxLength, ErrorMessage = "Die Adresse der Seite darf höchstens {1} Zeichen haben.")]
        public string? PageUrl { get; set; }

        [StringLength(AccessibilityFeedback.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string? Name { get; set; }

        [EmailAddress(ErrorMessage = "Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.")]
        [StringLength(AccessibilityFeedback.EmailMaxLength, ErrorMessage = "Die E-Mail-Adresse darf höchstens {1} Zeichen haben.")]
        public string? Email { get; set; }
    }

    public static async Task<Guid> HandleAsync(QuartiersnetzDbContext db, TimeProvider clock, Input input, CancellationToken cancellationToken)
    {
        var feedback = new AccessibilityFeedback
        {
            Message = input.Message.Trim(),
            PageUrl = Blank(input.PageUrl),
            Name = Blank(input.Name),
            Email = Blank(input.Email),
            ReceivedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(feedback);
        await db.SaveChangesAsync(cancellationToken);
        return feedback.Id;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
