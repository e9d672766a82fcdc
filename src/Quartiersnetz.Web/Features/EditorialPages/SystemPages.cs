using Quartiersnetz.Data;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>
/// Texts the office edits that fill a fixed page of the app. The fixed page keeps what the law asks for in the same
/// place (the accessibility statement's feedback way and enforcement procedure) and shows the office's text inside.
/// </summary>
internal static class SystemPages
{
    /// <summary>The changeable part of the Erklärung zur Barrierefreiheit (/barrierefreiheit).</summary>
    public const string AccessibilityStatement = "barrierefreiheit";

    /// <summary>The imprint's text below the provider's details (/impressum); the details come from the Site:* settings.</summary>
    public const string Imprint = "impressum";

    /// <summary>The privacy notice below the controller's details (/datenschutz); the details come from the Site:* settings.</summary>
    public const string Privacy = "datenschutz";

    /// <summary>Every system page with its title and first text, in the order the office's page list shows them.</summary>
    public static readonly IReadOnlyList<(string Key, string Title, string FirstText)> All =
    [
        (AccessibilityStatement, "Erklärung zur Barrierefreiheit (veränderlicher Teil)", EditorialTexts.AccessibilityStatement),
        (Imprint, "Impressum (Text unter den Angaben zur Anbieterin)", EditorialTexts.Imprint),
        (Privacy, "Datenschutzerklärung (Text unter der verantwortlichen Stelle)", EditorialTexts.Privacy),
    ];

    /// <summary>Where the text of a system page appears.</summary>
    public static string UrlOf(string systemKey) => systemKey switch
    {
        AccessibilityStatement => "/barrierefreiheit",
        Imprint => "/impressum",
        Privacy => "/datenschutz",
        _ => "/",
    };

    /// <summary>The Markdown text of a system page, or null when there is none (the fixed page then shows its built-in text).</summary>
    public static Task<string?> BodyAsync(QuartiersnetzDbContext db, string systemKey, CancellationToken cancellationToken) =>
        db.Set<EditorialPage>().AsNoTracking().Where(p => p.SystemKey == systemKey).Select(p => p.Body).SingleOrDefaultAsync(cancellationToken);
}
