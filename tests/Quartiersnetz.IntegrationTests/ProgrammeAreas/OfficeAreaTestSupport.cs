using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.IntegrationTests.Infrastructure;
using Quartiersnetz.IntegrationTests.Profile;

namespace Quartiersnetz.IntegrationTests.ProgrammeAreas;

/// <summary>The office's area form as a browser fills it in.</summary>
internal static class OfficeAreaTestSupport
{
    public const string Essen = "05113000";
    public const string NewPage = "/geschaeftsstelle/programmgebiete/neu";

    /// <summary>A square of about 700 m × 1,100 m in Essen-Katernberg.</summary>
    public const string Katernberg = """{"type":"Polygon","coordinates":[[[7.04,51.48],[7.05,51.48],[7.05,51.49],[7.04,51.49],[7.04,51.48]]]}""";

    public static string Marker() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>The fields of a valid new area in Essen with a point; <paramref name="changes"/> replace or add fields.</summary>
    public static List<KeyValuePair<string, string>> Fields(string name, params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Name"] = name,
            ["Input.MunicipalityAgs"] = Essen,
            ["Input.Programme"] = nameof(UrbanDevelopmentProgramme.SozialerZusammenhalt),
            ["Input.Status"] = nameof(ProgrammeAreaStatus.Laufend),
            ["Input.Latitude"] = "51,485",
            ["Input.Longitude"] = "7,045",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return [.. fields];
    }

    public static Task<List<ProgrammeArea>> AreasNamedAsync(this QuartiersnetzFactory factory, string marker) =>
        factory.QueryAsync(db => db.Set<ProgrammeArea>().AsNoTracking().Where(a => a.Name.Contains(marker)).ToListAsync(TestContext.Current.CancellationToken));

    public static Task<int> AreaCountAsync(this QuartiersnetzFactory factory) =>
        factory.QueryAsync(db => db.Set<ProgrammeArea>().CountAsync(TestContext.Current.CancellationToken));

    /// <summary>Posts the form of <paramref name="pageUrl"/> as multipart with its antiforgery token, the fields and one file.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string pageUrl, string formSelector, IEnumerable<KeyValuePair<string, string>> fields,
        string fileField, byte[] bytes, string fileName, string contentType)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {pageUrl}.");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, fileField, fileName);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    /// <summary>The messages of the error summary, or "" when there is none.</summary>
    public static async Task<string> ErrorSummaryAsync(this HttpResponseMessage response) =>
        (await response.ParseAsync()).QuerySelector("[role=alert]")?.TextContent ?? "";
}
