using Microsoft.Extensions.Localization;
using QRCoder;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Events;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The admission pass in the mails to confirmed participants: the short code in the text and the QR code as a PNG
/// attachment, as people know it from tickets — guests, who have no pass page, included. The pass is made here when
/// the registration has none yet (added to the save that confirms the registration, not saved separately). The QR code
/// carries only the pass's unguessable token; whoever holds the mail can at most be checked in by the office.
/// </summary>
internal sealed class PassMailPart(TimeProvider clock, EventLinks links, IStringLocalizer<Texts> l) : IRegistrationMailPart
{
    public const string FileName = "einlass-qr-code.png";

    public async Task<RegistrationMailPart?> ForConfirmedAsync(
        QuartiersnetzDbContext db, Guid registrationId, Guid eventId, bool hasAccount, CancellationToken cancellationToken)
    {
        var pass = db.ChangeTracker.Entries<CheckInPass>().Select(e => e.Entity).FirstOrDefault(p => p.RegistrationId == registrationId)
            ?? await db.Set<CheckInPass>().AsNoTracking().SingleOrDefaultAsync(p => p.RegistrationId == registrationId, cancellationToken);
        if (pass is null)
        {
            pass = CheckInPass.New(registrationId, eventId, clock.GetUtcNow().UtcDateTime);
            db.Add(pass);
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(links.Absolute(OfficeCheckInModel.Prefix + pass.Token), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return new RegistrationMailPart(
            [l["Ihr Einlass-Code: {0}. Den QR-Code dazu finden Sie im Anhang ({1}); zeigen Sie ihn beim Einlass vor.", CheckInPass.Display(pass.ShortCode), FileName]],
            EmailAttachment.Binary(FileName, "image/png", png));
    }
}
