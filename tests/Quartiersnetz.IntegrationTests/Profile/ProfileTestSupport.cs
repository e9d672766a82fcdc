using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.Platform.Auth;
using SkiaSharp;

namespace Quartiersnetz.IntegrationTests.Profile;

/// <summary>The app with its uploaded files in a folder of its own, so tests can look at what was stored.</summary>
public sealed class ProfileFactory : QuartiersnetzFactory
{
    public ProfileFactory()
    {
        FilesFolder = Path.Combine(Path.GetTempPath(), "qn-test-files", Guid.NewGuid().ToString("N"));
        WithSetting("Files:Path", FilesFolder);
    }

    public string FilesFolder { get; }

    /// <summary>Every stored photo file.</summary>
    public IReadOnlyList<string> StoredPhotos() =>
        Directory.Exists(Path.Combine(FilesFolder, "photos")) ? Directory.GetFiles(Path.Combine(FilesFolder, "photos")) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesFolder))
        {
            Directory.Delete(FilesFolder, recursive: true);
        }
    }
}

/// <summary>A person created for a test, signed in through the sign-in form.</summary>
public sealed record TestPerson(HttpClient Client, Guid Id, string Email, string Password);

internal static class ProfileTestSupport
{
    public const string Password = "Profil-Test-Passwort-2026";

    public static async Task<TestPerson> CreatePersonAsync(this QuartiersnetzFactory factory, string[] roles, Action<UserAccount>? configure = null)
    {
        var email = $"profil-{Guid.NewGuid():N}@quartiersnetz.test";
        Guid id;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Profil Person" };
            configure?.Invoke(user);
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            foreach (var role in roles)
            {
                await users.AddToRoleAsync(user, role);
            }

            id = user.Id;
        }

        var client = factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, Password);
        return new TestPerson(client, id, email, Password);
    }

    /// <summary>The slugs of the topics assigned to a person, in slug order.</summary>
    public static Task<List<string>> PersonTopicSlugsAsync(this QuartiersnetzFactory factory, Guid id) =>
        factory.QueryAsync(db => db.Set<Quartiersnetz.Features.Topics.TopicAssignment>().AsNoTracking()
            .Where(a => a.ItemKind == "person" && a.ItemKey == id.ToString())
            .Join(db.Set<Quartiersnetz.Features.Topics.Topic>(), a => a.TopicId, t => t.Id, (_, t) => t.Slug)
            .OrderBy(s => s)
            .ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>Tags a person with topics (by slug), as the profile form does.</summary>
    public static async Task AssignPersonTopicsAsync(this QuartiersnetzFactory factory, Guid id, params string[] slugs)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var outcome = await Quartiersnetz.Features.Topics.AssignTopics.HandleAsync(db, "person", id.ToString(), slugs, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.Error);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> QueryAsync<T>(this QuartiersnetzFactory factory, Func<QuartiersnetzDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>());
    }

    public static Task<UserAccount?> FindAccountAsync(this QuartiersnetzFactory factory, Guid id) =>
        factory.QueryAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, TestContext.Current.CancellationToken));

    /// <summary>Posts a file through the multipart form of <paramref name="pageUrl"/> with the form's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string pageUrl, string fieldName, byte[] bytes, string fileName, string contentType)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .First(f => string.Equals(f.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, fieldName, fileName);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }
}

/// <summary>Real pictures made with SkiaSharp, and a JPEG carrying EXIF with a GPS position.</summary>
public static class TestImages
{
    public const string GpsMarker = "GPS-51.2277N-6.7735E";

    public static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG (orange top-left quarter on blue) with an APP1 Exif segment: orientation, a GPS IFD (latitude ref "N") and a marker in the image description.</summary>
    public static byte[] JpegWithExifGps(int width = 800, int height = 400, int orientation = 1)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg, width, height);
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        var marker = System.Text.Encoding.ASCII.GetBytes(GpsMarker + "\0");
        // Little-endian TIFF header, IFD0 at offset 8 with three entries.
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        const int ifd0Entries = 3;
        var ifd0End = 8 + 2 + (ifd0Entries * 12) + 4;
        var gpsIfdOffset = ifd0End;
        var gpsIfdEnd = gpsIfdOffset + 2 + 12 + 4;
        var descriptionOffset = gpsIfdEnd;
        U16(ifd0Entries);
        U16(0x010E); U16(2); U32(marker.Length); U32(descriptionOffset); // ImageDescription
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);           // Orientation
        U16(0x8825); U16(4); U32(1); U32(gpsIfdOffset);                  // GPS IFD pointer
        U32(0);
        U16(1);
        U16(0x0001); U16(2); U32(2); tiff.Add((byte)'N'); tiff.Add(0); U16(0); // GPSLatitudeRef = "N"
        U32(0);
        tiff.AddRange(marker);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF) };
        segment.AddRange(payload);
        // Right after SOI (FF D8).
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    public static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text)) >= 0;
}
