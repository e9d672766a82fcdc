using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Certificates;

/// <summary>What the public verification shows: the fields printed on the certificate, nothing else about the person.</summary>
internal sealed record CertificateVerification(
    string Code, string ParticipantName, string EventTitle, string Dates, int AttendedMinutes, decimal Points, string RecognitionNote,
    DateTime IssuedAtUtc, DateTime? ReplacedAtUtc)
{
    public bool Valid => ReplacedAtUtc is null;

    public static async Task<CertificateVerification?> FindAsync(QuartiersnetzDbContext db, IStringLocalizer l, string? typed, CancellationToken cancellationToken)
    {
        if (Certificate.NormaliseCode(typed) is not { } code)
        {
            return null;
        }

        var c = await db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, cancellationToken);
        return c is null ? null
            : new CertificateVerification(Certificate.Display(c.Code), c.ParticipantName, c.EventTitle, c.Dates, c.AttendedMinutes, c.Points,
                CertificatePdf.RecognitionNote(c, l), c.IssuedAtUtc, c.ReplacedAtUtc);
    }
}

/// <summary>
/// The public verification page that a certificate's QR code and short address lead to: anyone holding the paper can
/// confirm it is genuine and current. An unknown or altered code gets a 404 with a plain German explanation; codes
/// are 16 random characters, so guessing one is hopeless.
/// </summary>
[AllowAnonymous]
internal sealed class VerifyModel(QuartiersnetzDbContext db, IStringLocalizer<Texts> l) : PageModel
{
    public const string Path = "/bescheinigungen/pruefen";

    public string? Code { get; private set; }

    public CertificateVerification? Result { get; private set; }

    public bool NotFoundCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return Page();
        }

        Result = await CertificateVerification.FindAsync(db, l, code, cancellationToken);
        if (Result is null)
        {
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
