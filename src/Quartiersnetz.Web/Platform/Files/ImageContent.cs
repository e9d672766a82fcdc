namespace Quartiersnetz.Platform.Files;

internal enum ImageKind
{
    Unknown = 0,
    Jpeg,
    Png,
    WebP,
}

/// <summary>
/// Tells the image format from the file's first bytes. File names and declared content types come
/// from the client and prove nothing; only the content decides.
/// </summary>
internal static class ImageContent
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageKind Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ImageKind.Jpeg;
        }

        if (bytes.StartsWith(PngSignature))
        {
            return ImageKind.Png;
        }

        // RIFF container: "RIFF" <size> "WEBP".
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageKind.WebP;
        }

        return ImageKind.Unknown;
    }
}
