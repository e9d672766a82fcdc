using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;

namespace Quartiersnetz.Features.Attendance;

/// <summary>
/// The person's admission pass for one event they are confirmed for: a QR code with the office's check-in address
/// (an unguessable token, never the registration id) and the short code to read out or type. Shown from
/// "Meine Veranstaltungen"; only the person's own confirmed registration has one.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class MyPassModel(QuartiersnetzDbContext db, TimeProvider clock, PublicUrls urls) : PageModel
{
    public bool HasPass { get; private set; }

    public Guid EventId { get; private set; }

    public string EventTitle { get; private set; } = "";

    public DateTime EventStartUtc { get; private set; }

    public string ShortCode { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var me = User.AccountId()!.Value;
        var registration = await db.Set<EventRegistration>().AsNoTracking()
            .Where(r => r.EventId == eventId && r.PersonId == me)
            .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new { r.Id, r.Status, e.Title, e.StartUtc, EventStatus = e.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        EventId = eventId;
        EventTitle = registration.Title;
        EventStartUtc = registration.StartUtc;
        if (registration.Status != RegistrationStatus.Confirmed || registration.EventStatus == EventStatus.Cancelled)
        {
            return Page();
        }

        var pass = await CheckIn.PassAsync(db, clock, registration.Id, eventId, cancellationToken);
        HasPass = true;
        ShortCode = CheckInPass.Display(pass.ShortCode);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(urls.Absolute(OfficeCheckInModel.Prefix + pass.Token), QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        return Page();
    }
}
