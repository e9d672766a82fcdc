using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.Profile;

/// <summary>
/// Turns an uploaded picture into the stored profile photo: at most 600×600 pixels, turned upright by
/// its EXIF orientation, re-encoded as JPEG. Re-encoding keeps only pixels, so EXIF, GPS positions and
/// any other metadata (or payload) of the upload never reach the storage.
/// </summary>
internal static class ProfilePhoto
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The photo page's request limit: the file plus room for the form's other fields and multipart headers.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (64 * 1024);

    public const int MaxEdge = 600;

    /// <summary>The re-encoded JPEG, or the problem with the upload.</summary>
    public static (byte[]? Jpeg, ImageProblem Problem) Reencode(byte[] upload) => ImageReencoding.ToJpeg(upload, MaxFileBytes, MaxEdge);

    public static string NewKey() => $"photos/{Guid.NewGuid():N}.jpg";
}

/// <summary>Stores a new profile photo or removes it; the previous file is deleted once the row no longer names it.</summary>
internal static class ChangeProfilePhoto
{
    public static async Task<ImageProblem> UploadAsync(
        QuartiersnetzDbContext db, IFileStorage files, Guid userId, byte[] upload, CancellationToken cancellationToken)
    {
        var (jpeg, problem) = ProfilePhoto.Reencode(upload);
        if (jpeg is null)
        {
            return problem;
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var previous = user.PhotoFileName;
        var key = ProfilePhoto.NewKey();
        await files.SaveAsync(key, jpeg, cancellationToken);
        try
        {
            user.PhotoFileName = key;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row still names the previous photo: the new file would be an orphan.
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        if (previous is not null)
        {
            await files.DeleteAsync(previous, CancellationToken.None);
        }

        return ImageProblem.None;
    }

    public static async Task RemoveAsync(QuartiersnetzDbContext db, IFileStorage files, Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.PhotoFileName is not { } previous)
        {
            return;
        }

        user.PhotoFileName = null;
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(previous, CancellationToken.None);
    }
}
