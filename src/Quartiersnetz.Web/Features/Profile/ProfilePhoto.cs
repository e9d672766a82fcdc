using Quartiersnetz.Data;
using Quartiersnetz.Platform.Files;
using SkiaSharp;

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

    /// <summary>Refuses pictures that would take unreasonable memory to decode (a small file can hold a huge image).</summary>
    public const long MaxSourcePixels = 50_000_000;

    private const int JpegQuality = 85;

    public enum Problem
    {
        None,
        Missing,
        TooLarge,
        NotAnImage,
    }

    /// <summary>The re-encoded JPEG, or the problem with the upload.</summary>
    public static (byte[]? Jpeg, Problem Problem) Reencode(byte[] upload)
    {
        if (upload.Length == 0)
        {
            return (null, Problem.Missing);
        }

        if (upload.Length > MaxFileBytes)
        {
            return (null, Problem.TooLarge);
        }

        if (ImageContent.Detect(upload) == ImageKind.Unknown)
        {
            return (null, Problem.NotAnImage);
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxSourcePixels || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, Problem.NotAnImage);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var source = new SKBitmap(info);
        var result = codec.GetPixels(info, source.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return (null, Problem.NotAnImage);
        }

        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = turned ? (info.Height, info.Width) : (info.Width, info.Height);
        var scale = Math.Min(1f, Math.Min((float)MaxEdge / uprightWidth, (float)MaxEdge / uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            // JPEG has no transparency: transparent areas of a PNG or WebP become white, not black.
            canvas.Clear(SKColors.White);
            canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
            var upright = Orientation(origin, uprightWidth, uprightHeight);
            canvas.Concat(in upright);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, SKRect.Create(info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var encoded = target.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded is null ? (null, Problem.NotAnImage) : (encoded.ToArray(), Problem.None);
    }

    /// <summary>Maps the stored pixel grid onto the upright picture of size <paramref name="w"/>×<paramref name="h"/> (EXIF orientations 1–8).</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    public static string NewKey() => $"photos/{Guid.NewGuid():N}.jpg";
}

/// <summary>Stores a new profile photo or removes it; the previous file is deleted once the row no longer names it.</summary>
internal static class ChangeProfilePhoto
{
    public static async Task<ProfilePhoto.Problem> UploadAsync(
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

        return ProfilePhoto.Problem.None;
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
