using System.Net;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.Profile;

public sealed class ProfilePhotoTests(ProfileFactory factory) : IClassFixture<ProfileFactory>
{
    private const string PhotoPage = "/konto/profil/foto";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "foto.jpg", "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "foto.png", "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "foto.webp", "image/webp")]
    public async Task Accepts_JPEG_PNG_and_WebP_and_stores_a_reencoded_JPEG_of_at_most_600_pixels(SKEncodedImageFormat format, string fileName, string contentType)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", TestImages.Encode(format, 1200, 800), fileName, contentType);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredPhotoAsync(person.Id);
        using var codec = SKCodec.Create(new MemoryStream(stored));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(600, codec.Info.Width);
        Assert.Equal(400, codec.Info.Height);
        var page = await person.Client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("gespeichert", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strips_EXIF_and_GPS_metadata()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var upload = TestImages.JpegWithExifGps();
        Assert.True(TestImages.Contains(upload, "Exif") && TestImages.Contains(upload, TestImages.GpsMarker));
        Assert.Contains(JpegMarkers(upload), m => m == 0xE1);

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", upload, "urlaub.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredPhotoAsync(person.Id);
        Assert.NotNull(SKBitmap.Decode(stored));
        Assert.False(TestImages.Contains(stored, "Exif"));
        Assert.False(TestImages.Contains(stored, TestImages.GpsMarker));
        // No APP1 segment (FF E1) among the markers at the start of the file.
        Assert.DoesNotContain(JpegMarkers(stored), m => m == 0xE1);
    }

    [Fact]
    public async Task Turns_the_photo_upright_by_its_EXIF_orientation()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        // Orientation 6: the camera was turned clockwise; the stored pixels must be turned to show upright.
        var upload = TestImages.JpegWithExifGps(800, 400, orientation: 6);

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", upload, "hochkant.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var stored = SKBitmap.Decode(await StoredPhotoAsync(person.Id));
        Assert.Equal(300, stored.Width);
        Assert.Equal(600, stored.Height);
        // The orange top-left quarter of the sensor image is the top-right quarter of the upright picture.
        Assert.True(IsOrange(stored.GetPixel(225, 150)), stored.GetPixel(225, 150).ToString());
        Assert.False(IsOrange(stored.GetPixel(75, 150)), stored.GetPixel(75, 150).ToString());
    }

    [Fact]
    public async Task Refuses_a_text_file_named_jpg_and_stores_nothing()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var before = factory.StoredPhotos().Count;

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", "Das ist kein Bild."u8.ToArray(), "foto.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("kein Bild im Format JPEG, PNG oder WebP", page.QuerySelector("#photo-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await factory.FindAccountAsync(person.Id))!.PhotoFileName);
        Assert.Equal(before, factory.StoredPhotos().Count);
    }

    [Fact]
    public async Task Refuses_a_file_just_over_5_MB_with_a_German_message()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var tooLarge = new byte[(5 * 1024 * 1024) + 1];
        TestImages.Encode(SKEncodedImageFormat.Png, 10, 10).CopyTo(tooLarge, 0);

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", tooLarge, "gross.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("höchstens 5 MB", page.QuerySelector("#photo-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null((await factory.FindAccountAsync(person.Id))!.PhotoFileName);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public async Task Refuses_a_large_upload_with_413_and_the_German_page(int megabytes)
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        var before = factory.StoredPhotos().Count;
        var huge = new byte[megabytes * 1024 * 1024];
        TestImages.Encode(SKEncodedImageFormat.Jpeg, 10, 10).CopyTo(huge, 0);

        using var response = await person.Client.UploadAsync(PhotoPage, "photo", huge, "riesig.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Die Anfrage ist zu groß", page.QuerySelector("h1")?.TextContent);
        Assert.Null((await factory.FindAccountAsync(person.Id))!.PhotoFileName);
        Assert.Equal(before, factory.StoredPhotos().Count);
    }

    [Fact]
    public async Task A_new_photo_replaces_the_previous_file_and_removing_deletes_it()
    {
        var person = await factory.CreatePersonAsync([Roles.MemberStaff]);
        using (var first = await person.Client.UploadAsync(PhotoPage, "photo", TestImages.Encode(SKEncodedImageFormat.Png, 50, 50), "a.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var firstKey = (await factory.FindAccountAsync(person.Id))!.PhotoFileName!;
        using (var second = await person.Client.UploadAsync(PhotoPage, "photo", TestImages.Encode(SKEncodedImageFormat.Jpeg, 50, 50), "b.jpg", "image/jpeg"))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        var secondKey = (await factory.FindAccountAsync(person.Id))!.PhotoFileName!;
        Assert.NotEqual(firstKey, secondKey);
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, firstKey)));
        Assert.True(File.Exists(Path.Combine(factory.FilesFolder, secondKey)));

        using var removed = await person.Client.SubmitFormAsync(PhotoPage, new Dictionary<string, string>(), "form.photo-remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null((await factory.FindAccountAsync(person.Id))!.PhotoFileName);
        Assert.False(File.Exists(Path.Combine(factory.FilesFolder, secondKey)));
    }

    [Theory]
    [InlineData("Public", true, true, true)]
    [InlineData("Members", false, true, true)]
    [InlineData("Office", false, false, true)]
    public async Task Serves_the_photo_only_to_those_its_visibility_allows(string visibility, bool anonymous, bool member, bool office)
    {
        var subject = await factory.CreatePersonAsync([Roles.Expert], u => u.PhotoVisibility = Enum.Parse<ProfileVisibility>(visibility));
        using (var upload = await subject.Client.UploadAsync(PhotoPage, "photo", TestImages.Encode(SKEncodedImageFormat.Png, 40, 40), "p.png", "image/png"))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var url = new Uri($"/personen/{subject.Id}/foto", UriKind.Relative);
        var viewers = new (HttpClient Client, bool Allowed)[]
        {
            (factory.CreateBrowserLikeClient(), anonymous),
            ((await factory.CreatePersonAsync([Roles.MemberStaff])).Client, member),
            (await factory.CreateClientSignedInAsync(Roles.Office), office),
            (subject.Client, true),
        };
        foreach (var (client, allowed) in viewers)
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
            if (allowed)
            {
                Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.CacheControl?.Private);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            }
        }
    }

    private static bool IsOrange(SKColor color) => color.Red > 200 && color.Green is > 120 and < 200 && color.Blue < 80;

    private async Task<byte[]> StoredPhotoAsync(Guid userId)
    {
        var key = (await factory.FindAccountAsync(userId))!.PhotoFileName;
        Assert.NotNull(key);
        return await File.ReadAllBytesAsync(Path.Combine(factory.FilesFolder, key), Ct);
    }

    /// <summary>The marker bytes of the segments before the image data (SOS).</summary>
    private static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        return markers;
    }
}
