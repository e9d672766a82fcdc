using Ganss.Xss;
using Markdig;

namespace Quartiersnetz.Platform.Text;

/// <summary>
/// The one way user-written Markdown becomes HTML: Markdig renders it (raw HTML in the text is escaped, not
/// passed through), then HtmlSanitizer keeps only harmless elements and http(s)/mailto links, so a script or an
/// event handler can never reach a page. Links get rel="noopener nofollow" because they point at sites we do not
/// vouch for. Thread-safe; register once.
/// </summary>
internal sealed class MarkdownRenderer
{
    private static readonly string[] AllowedTags =
    [
        "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
        "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    ];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>Safe HTML for the text; empty for null or blank input.</summary>
    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var html = Markdown.ToHtml(markdown, _pipeline);
        return _sanitizer.Sanitize(html).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "rel"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        // h1 is left out: texts sit below the page's own h1. A removed element keeps its text, so nothing written vanishes.
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener nofollow");
            }
        };
        return sanitizer;
    }
}
