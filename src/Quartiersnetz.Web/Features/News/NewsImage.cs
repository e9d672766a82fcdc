using Quartiersnetz.Platform.Files;
using SkiaSharp;

namespace Quartiersnetz.Features.News;

/// <summary>
/// Turns an uploaded picture into the stored article image: JPEG or PNG by content (never by name or declared type), at
/// most <see cref="MaxFileBytes"/>, scaled to at most <see cref="MaxEdge"/> pixels and re-encoded as JPEG. Re-encoding
/// keeps only pixels, so EXIF, GPS positions and any other payload of the upload never reach the storage.
/// </summary>
internal static class NewsImage
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The form's request limit: the image plus room for the article's text fields.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (256 * 1024);

    public const int MaxEdge = 1600;

    /// <summary>A small file can hold a huge image; decoding it would take unreasonable memory.</summary>
    public const long MaxSourcePixels = 50_000_000;

    public enum Problem
    {
        None,
        TooLarge,
        NotAnImage,
    }

    public static (byte[]? Jpeg, Problem Problem) Reencode(byte[] upload)
    {
        if (upload.Length > MaxFileBytes)
        {
            return (null, Problem.TooLarge);
        }

        if (ImageContent.Detect(upload) is not (ImageKind.Jpeg or ImageKind.Png))
        {
            return (null, Problem.NotAnImage);
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0 || (long)codec.Info.Width * codec.Info.Height > MaxSourcePixels)
        {
            return (null, Problem.NotAnImage);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var source = new SKBitmap(info);
        if (codec.GetPixels(info, source.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return (null, Problem.NotAnImage);
        }

        var scale = Math.Min(1f, Math.Min((float)MaxEdge / info.Width, (float)MaxEdge / info.Height));
        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            // JPEG has no transparency: transparent areas of a PNG become white, not black.
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, SKRect.Create(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var encoded = target.Encode(SKEncodedImageFormat.Jpeg, 85);
        return encoded is null ? (null, Problem.NotAnImage) : (encoded.ToArray(), Problem.None);
    }

    public static string NewKey() => $"news/{Guid.NewGuid():N}.jpg";
}
