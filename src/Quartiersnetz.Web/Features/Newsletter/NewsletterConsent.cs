namespace Quartiersnetz.Features.Newsletter;

/// <summary>
/// The consent text shown beside the checkbox on /newsletter and its version, stored with every subscription. Raise the
/// version whenever the text changes, so each subscription proves which wording was agreed to.
/// </summary>
internal static class NewsletterConsent
{
    public const string Version = "2026-12-02";

    /// <summary>German source text for the localizer.</summary>
    public const string Text =
        "Ich möchte den Newsletter der AG Soziale Stadt NRW per E-Mail erhalten. Meine E-Mail-Adresse wird nur dafür gespeichert und nicht weitergegeben. Ich kann den Newsletter jederzeit über den Link in jeder Ausgabe abbestellen. Die Newsletter enthalten keine Zählpixel.";
}
