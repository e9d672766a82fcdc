using SkiaSharp;

namespace Quartiersnetz.Platform.Files;

internal enum ImageProblem
{
    None,
    Missing,
    TooLarge,
    NotAnImage,
}

/// <summary>
/// Turns an uploaded picture (JPEG, PNG or WebP by content) into a stored JPEG of at most <c>maxEdge</c> pixels per side,
/// turned upright by its EXIF orientation. Re-encoding keeps only pixels, so EXIF, GPS positions and any other metadata
/// (or payload) of the upload never reach the storage. Profile photos, news images, project photos and publication covers
/// all go through here.
/// </summary>
internal static class ImageReencoding
{
    /// <summary>Refuses pictures that would take unreasonable memory to decode (a small file can hold a huge image).</summary>
    public const long MaxSourcePixels = 50_000_000;

    private const int JpegQuality = 85;

    /// <summary>The re-encoded JPEG, or the problem with the upload.</summary>
    public static (byte[]? Jpeg, ImageProblem Problem) ToJpeg(byte[] upload, long maxFileBytes, int maxEdge)
    {
        if (upload.Length == 0)
        {
            return (null, ImageProblem.Missing);
        }

        if (upload.Length > maxFileBytes)
        {
            return (null, ImageProblem.TooLarge);
        }

        if (ImageContent.Detect(upload) == ImageKind.Unknown)
        {
            return (null, ImageProblem.NotAnImage);
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxSourcePixels || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, ImageProblem.NotAnImage);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var source = new SKBitmap(info);
        var result = codec.GetPixels(info, source.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return (null, ImageProblem.NotAnImage);
        }

        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = turned ? (info.Height, info.Width) : (info.Width, info.Height);
        var scale = Math.Min(1f, Math.Min((float)maxEdge / uprightWidth, (float)maxEdge / uprightHeight));
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
        return encoded is null ? (null, ImageProblem.NotAnImage) : (encoded.ToArray(), ImageProblem.None);
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
}
