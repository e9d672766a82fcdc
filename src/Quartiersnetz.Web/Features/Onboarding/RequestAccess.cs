using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>
/// Someone without an account asks the office for access. The answer is the same whether or not the address
/// already asked or has an account, so the form does not reveal who is a member; a second request while one
/// is pending is not stored again.
/// </summary>
internal sealed class RequestAccess(QuartiersnetzDbContext db, EmailOutbox outbox, TimeProvider clock, IStringLocalizer<Texts> l)
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihren Namen ein.")]
        [StringLength(AccessRequest.NameMaxLength, ErrorMessage = "Der Name darf höchstens {1} Zeichen haben.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [StringLength(AccessRequest.EmailMaxLength, ErrorMessage = "Die E-Mail-Adresse darf höchstens {1} Zeichen haben.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihre Gemeinde oder Organisation an.")]
        [StringLength(AccessRequest.AffiliationMaxLength, ErrorMessage = "Gemeinde oder Organisation darf höchstens {1} Zeichen haben.")]
        public string Affiliation { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihre Funktion an.")]
        [StringLength(AccessRequest.FunctionMaxLength, ErrorMessage = "Die Funktion darf höchstens {1} Zeichen haben.")]
        public string FunctionTitle { get; set; } = "";

        [StringLength(AccessRequest.MessageMaxLength, ErrorMessage = "Die Nachricht darf höchstens {1} Zeichen haben.")]
        public string? Message { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung zur Kenntnis genommen haben.")]
        public bool AcceptPrivacyNotice { get; set; }
    }

    /// <summary>Null when stored (or quietly merged with a pending request); else the German message for the e-mail field.</summary>
    public async Task<string?> HandleAsync(Input input, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(input.Email);
        if (!email.IsValid)
        {
            return l[email.Error!];
        }

        var address = email.Address!;
        var key = EmailAddress.Key(address);
        var alreadyPending = await db.Set<AccessRequest>()
            .Where(r => r.Status == AccessRequestStatus.Pending)
            .AnyAsync(AccessRequest.FromAddress(key), cancellationToken);
        if (alreadyPending)
        {
            // Same answer as a new request, and no second mail: repeated posts must not flood the inbox.
            return null;
        }

        var name = input.Name.Trim();
        db.Set<AccessRequest>().Add(new AccessRequest
        {
            Name = name,
            Email = address,
            Affiliation = input.Affiliation.Trim(),
            FunctionTitle = input.FunctionTitle.Trim(),
            Message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim(),
            SubmittedAtUtc = clock.GetUtcNow().UtcDateTime,
            PrivacyNoticeVersion = PrivacyNotice.Version,
        });
        outbox.Enqueue(new EmailMessage(address, name, l["Ihr Antrag auf Zugang zum Quartiersnetz ist eingegangen"], string.Join("\n", [
            l["Guten Tag {0},", name].Value,
            "",
            l["vielen Dank für Ihren Antrag auf Zugang zum Quartiersnetz der AG Soziale Stadt NRW. Die Geschäftsstelle prüft ihn und meldet sich bei Ihnen. Wird der Antrag bewilligt, erhalten Sie eine Einladung mit einem Link, über den Sie Ihr Passwort festlegen."].Value,
            "",
            l["Wenn Sie keinen Zugang beantragt haben, können Sie diese E-Mail ignorieren."].Value,
            "",
            l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"].Value,
        ])));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
