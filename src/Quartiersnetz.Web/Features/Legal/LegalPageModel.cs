using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.EditorialPages;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Legal;

/// <summary>
/// Imprint and privacy notice. The provider's (controller's) details come from the Site:* settings and stay fixed at the
/// top, because the law asks for them; the rest is a text the office edits like an editorial page (system page). Without
/// that text the built-in version is shown.
/// </summary>
[AllowAnonymous]
internal abstract class LegalPageModel(SiteOperator site, QuartiersnetzDbContext db, MarkdownRenderer markdown, string systemKey) : PageModel
{
    public SiteOperator Site { get; } = site;

    /// <summary>The office's text, rendered; empty when there is none.</summary>
    public string EditableHtml { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        EditableHtml = markdown.ToHtml(await SystemPages.BodyAsync(db, systemKey, cancellationToken));
}

internal sealed class ImprintModel(SiteOperator site, QuartiersnetzDbContext db, MarkdownRenderer markdown)
    : LegalPageModel(site, db, markdown, SystemPages.Imprint);

internal sealed class PrivacyModel(SiteOperator site, QuartiersnetzDbContext db, MarkdownRenderer markdown)
    : LegalPageModel(site, db, markdown, SystemPages.Privacy);
