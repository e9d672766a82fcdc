using System.Text.Json;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Profile;

/// <summary>One section of "Meine Daten": a contributor's title and what it exported, as JSON.</summary>
internal sealed record PersonalDataSection(string Title, JsonElement Data);

/// <summary>
/// Gathers everything stored about a person from every registered contributor (Art. 15 and 20), for
/// the page and for the download alike, so both always show the same.
/// </summary>
internal static class CollectPersonalData
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Umlauts stay readable in the downloaded file.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<IReadOnlyList<PersonalDataSection>> HandleAsync(
        IEnumerable<IPersonalDataContributor> contributors, Guid userId, CancellationToken cancellationToken)
    {
        var sections = new List<PersonalDataSection>();
        foreach (var contributor in contributors)
        {
            var data = await contributor.ExportAsync(userId, cancellationToken);
            sections.Add(new PersonalDataSection(contributor.Section, JsonSerializer.SerializeToElement(data, Json)));
        }

        return sections;
    }

    /// <summary>The downloadable document: when it was made and every section by its title.</summary>
    public static byte[] ToDocument(IReadOnlyList<PersonalDataSection> sections, DateTime createdAtUtc)
    {
        var document = new Dictionary<string, object?>
        {
            ["Erstellt am"] = createdAtUtc,
            ["Quelle"] = "Quartiersnetz",
        };
        foreach (var section in sections)
        {
            document[section.Title] = section.Data;
        }

        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
