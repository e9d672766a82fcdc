using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// Upload or remove the profile photo. The page has its own request limit (the 5 MB file plus form
/// overhead), far below the site-wide one, so an oversized upload is refused before it is read.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[UploadLimit(ProfilePhoto.MaxRequestBytes)]
[RequestSizeLimit(ProfilePhoto.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ProfilePhoto.MaxRequestBytes)]
internal sealed class PhotoModel(QuartiersnetzDbContext db, IFileStorage files, IStringLocalizer<Texts> l) : PageModel
{
    public bool HasPhoto { get; private set; }

    public Guid Id { get; private set; }

    public string? Status { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "status")] string? status, CancellationToken cancellationToken)
    {
        Status = status is "gespeichert" or "entfernt" ? status : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        var userId = User.AccountId()!.Value;
        var problem = ImageProblem.Missing;
        if (photo is { Length: > ProfilePhoto.MaxFileBytes })
        {
            problem = ImageProblem.TooLarge;
        }
        else if (photo is { Length: > 0 })
        {
            using var buffer = new MemoryStream((int)photo.Length);
            await photo.CopyToAsync(buffer, cancellationToken);
            problem = await ChangeProfilePhoto.UploadAsync(db, files, userId, buffer.ToArray(), cancellationToken);
        }

        if (problem == ImageProblem.None)
        {
            return Redirect("/konto/profil/foto?status=gespeichert");
        }

        ModelState.AddModelError("photo", problem switch
        {
            ImageProblem.TooLarge => l["Das Foto ist zu groß. Erlaubt sind höchstens 5 MB."],
            ImageProblem.NotAnImage => l["Die Datei ist kein Bild im Format JPEG, PNG oder WebP. Bitte wählen Sie ein Foto in einem dieser Formate."],
            _ => l["Bitte wählen Sie ein Foto aus."],
        });
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        await ChangeProfilePhoto.RemoveAsync(db, files, User.AccountId()!.Value, cancellationToken);
        return Redirect("/konto/profil/foto?status=entfernt");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Id = User.AccountId()!.Value;
        HasPhoto = await db.Users.AsNoTracking().AnyAsync(u => u.Id == Id && u.PhotoFileName != null, cancellationToken);
    }
}
