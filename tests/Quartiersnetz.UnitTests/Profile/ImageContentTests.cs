using Quartiersnetz.Platform.Files;

namespace Quartiersnetz.UnitTests.Profile;

public sealed class ImageContentTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, ImageKind.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, ImageKind.Png)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56 }, ImageKind.WebP)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, ImageKind.Unknown)] // RIFF WAVE audio
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, ImageKind.Unknown)] // GIF
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, ImageKind.Unknown)] // "<svg"
    [InlineData(new byte[] { 0xFF, 0xD8 }, ImageKind.Unknown)]
    [InlineData(new byte[0], ImageKind.Unknown)]
    internal void Tells_the_format_from_the_first_bytes_only(byte[] bytes, ImageKind expected) =>
        Assert.Equal(expected, ImageContent.Detect(bytes));

    [Theory]
    [InlineData("photos/0f3a.jpg", true)]
    [InlineData("a", true)]
    [InlineData("photos/../secret", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("photos//x.jpg", false)]
    [InlineData("Photos/X.JPG", false)]
    [InlineData("photos\\x.jpg", false)]
    [InlineData("", false)]
    public void File_keys_cannot_leave_the_storage_folder(string key, bool valid) =>
        Assert.Equal(valid, FileKeys.IsValid(key));
}
