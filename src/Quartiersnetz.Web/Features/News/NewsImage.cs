using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.Features.News;

/// <summary>
/// Turns an uploaded picture into the stored article image: JPEG, PNG or WebP by content (never by name or declared type), at
/// most <see cref="MaxFileBytes"/>, scaled to at most <see cref="MaxEdge"/> pixels and re-encoded as JPEG. Re-encoding
/// keeps only pixels, so EXIF, GPS positions and any other payload of the upload never reach the storage.
/// </summary>
internal static class NewsImage
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The form's request limit: the image plus room for the article's text fields.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (256 * 1024);

    public const int MaxEdge = 1600;

    /// <summary>The re-encoded JPEG (JPEG, PNG or WebP accepted), or the problem with the upload.</summary>
    public static (byte[]? Jpeg, ImageProblem Problem) Reencode(byte[] upload) => ImageReencoding.ToJpeg(upload, MaxFileBytes, MaxEdge);

    public static string NewKey() => $"news/{Guid.NewGuid():N}.jpg";
}
