using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.News;

/// <summary>The office changes an article (also its time: clearing it withdraws the article to a draft), previews it, or deletes it.</summary>
[Authorize(Policy = Policies.Office)]
[UploadLimit(2 * NewsImage.MaxRequestBytes)]
internal sealed class OfficeEditModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public NewsFormInput Input { get; set; } = new();

    [BindProperty(Name = "Input.Image")]
    public IFormFile? Image { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public NewsDetails Article { get; private set; } = null!;

    public string? PreviewHtml { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = NewsFormInput.From(Article);
        Input.RelatedEvents = string.Join("\n", await db.Set<NewsArticleEvent>().AsNoTracking().Where(r => r.ArticleId == id).Select(r => r.EventId).ToListAsync(cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.NormaliseLineBreaks(ModelState);
        PreviewHtml = markdown.ToHtml(Input.Body);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        if (Input.ToInput(ModelState, l, await OfficeNews.ReadAsync(Image, cancellationToken)) is { } input)
        {
            var outcome = await SaveNewsArticle.UpdateAsync(db, files, audit, AuditActor.From(User), id, clock, input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Meldung wurde gespeichert."];
                return Redirect(OfficeNews.Path);
            }

            NewsFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await SaveNewsArticle.DeleteAsync(db, files, audit, AuditActor.From(User), id, cancellationToken))
        {
            return NotFound();
        }

        StatusMessage = l["Die Meldung wurde gelöscht."];
        return Redirect(OfficeNews.Path);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var slug = await db.Set<NewsArticle>().AsNoTracking().Where(a => a.Id == id).Select(a => a.Slug).SingleOrDefaultAsync(cancellationToken);
        var office = new NewsViewer(User.AccountId(), true, true);
        if (slug is null || await ListNews.DetailsAsync(db, office, slug, clock.GetUtcNow().UtcDateTime, cancellationToken) is not { } article)
        {
            return false;
        }

        Article = article;
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return true;
    }
}
