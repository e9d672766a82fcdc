using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.EditorialPages;
using Quartiersnetz.Features.Legal;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Accessibility;

/// <summary>
/// The accessibility statement. Its frame (purpose, feedback way, enforcement procedure) is fixed here, because BITV NRW
/// requires it; the parts that change with the site (state of compliance, known barriers, date) are a text the office
/// edits like an editorial page. Without that text the built-in version is shown.
/// </summary>
[AllowAnonymous]
internal sealed class StatementModel(SiteOperator site, QuartiersnetzDbContext db, MarkdownRenderer markdown) : PageModel
{
    public SiteOperator Site { get; } = site;

    /// <summary>The office's text, rendered; empty when there is none.</summary>
    public string EditableHtml { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        EditableHtml = markdown.ToHtml(await SystemPages.BodyAsync(db, SystemPages.AccessibilityStatement, cancellationToken));
}
