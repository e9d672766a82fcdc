using Quartiersnetz.Data;
using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.Platform.Events;

/// <summary>What another feature adds to a confirmed person's event mail: lines of text (already localised) and an attachment.</summary>
internal sealed record RegistrationMailPart(IReadOnlyList<string> Lines, EmailAttachment? Attachment);

/// <summary>
/// A part of the mails to confirmed participants (confirmation, move-up, reminder) that another feature contributes —
/// the admission pass with its QR code now — so the events feature does not know it. Called while the registration's
/// change is being saved: an implementation may add rows to <paramref name="db"/> but must not save.
/// </summary>
internal interface IRegistrationMailPart
{
    Task<RegistrationMailPart?> ForConfirmedAsync(QuartiersnetzDbContext db, Guid registrationId, Guid eventId, bool hasAccount, CancellationToken cancellationToken);
}
