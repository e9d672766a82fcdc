using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.EditorialPages;

/// <summary>A link with its text, for breadcrumbs and the list of sub-pages.</summary>
internal sealed record PageLink(string Title, string Url, bool Published = true);

/// <summary>
/// An editorial page at /seiten/{path}. The public sees it when it and every page above it are published; otherwise it
/// answers 404 (not 403), so a draft's existence does not leak. The office sees drafts with an "Entwurf" notice.
/// </summary>
[AllowAnonymous]
// Anonymous visitors get the kept page (ADR 0004); any saved change drops it, signed-in people always get a fresh one.
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
internal sealed partial class ShowModel(
    QuartiersnetzDbContext db, PageTreeCache trees, IAuthorizationService authorization, MarkdownRenderer markdown, PublicUrls urls) : PageModel
{
    private const int MaxPathLength = 500;
    private const int DescriptionLength = 155;

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string MetaDescription { get; private set; } = "";

    public string BodyHtml { get; private set; } = "";

    public string CanonicalUrl { get; private set; } = "";

    public bool IsDraft { get; private set; }

    public bool IsOffice { get; private set; }

    public IReadOnlyList<PageLink> Breadcrumbs { get; private set; } = [];

    public IReadOnlyList<PageLink> SubPages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null || path.Length > MaxPathLength)
        {
            return NotFound();
        }

        var tree = await trees.GetAsync(db, cancellationToken);
        if (tree.Resolve(path) is not { } node)
        {
            return NotFound();
        }

        IsOffice = User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(User, Policies.Office)).Succeeded;
        IsDraft = !tree.IsPublic(node.Id);
        if (IsDraft && !IsOffice)
        {
            return NotFound();
        }

        var page = await db.Set<EditorialPage>().AsNoTracking().Where(p => p.Id == node.Id)
            .Select(p => new { p.Title, p.Description, p.Body })
            .SingleOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Id = node.Id;
        Title = page.Title;
        BodyHtml = markdown.ToHtml(page.Body);
        MetaDescription = page.Description ?? Excerpt(BodyHtml, page.Title);
        CanonicalUrl = urls.Absolute(tree.UrlOf(node.Id));
        Breadcrumbs = [.. tree.AncestorsOf(node.Id).Select(a => new PageLink(a.Title, tree.UrlOf(a.Id), a.Published))];
        SubPages = [.. tree.ChildrenOf(node.Id).Where(c => IsOffice || c.Published).Select(c => new PageLink(c.Title, tree.UrlOf(c.Id), c.Published))];
        return Page();
    }

    /// <summary>The start of the text without markup, for the meta description when the office wrote none.</summary>
    private static string Excerpt(string html, string title)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();
        if (text.Length == 0)
        {
            return title + " – AG Soziale Stadt NRW";
        }

        if (text.Length <= DescriptionLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', DescriptionLength);
        return text[..(cut > 80 ? cut : DescriptionLength)] + " …";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
