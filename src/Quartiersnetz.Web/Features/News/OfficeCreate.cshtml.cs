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

/// <summary>The office writes an article: publish now, schedule it, or keep it as a draft; a preview renders the Markdown.</summary>
[Authorize(Policy = Policies.Office)]
// Room for a too-large image to reach the form and get its German message; larger requests get the 413 page.
[UploadLimit(2 * NewsImage.MaxRequestBytes)]
internal sealed class OfficeCreateModel(
    QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, TimeProvider clock, MarkdownRenderer markdown, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public NewsFormInput Input { get; set; } = new() { Visibility = nameof(NewsVisibility.Public) };

    [BindProperty(Name = "Input.Image")]
    public IFormFile? Image { get; set; }

    public IReadOnlyList<TopicGroup> Topics { get; private set; } = [];

    public string? PreviewHtml { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.NormaliseLineBreaks(ModelState);
        PreviewHtml = markdown.ToHtml(Input.Body);
        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.NormaliseLineBreaks(ModelState);
        if (Input.ToInput(ModelState, l, await OfficeNews.ReadAsync(Image, cancellationToken)) is { } input)
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == User.AccountId()).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            var outcome = await SaveNewsArticle.CreateAsync(db, files, audit, AuditActor.From(User), me?.Id, me?.DisplayName ?? "", clock, input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Die Meldung wurde gespeichert."];
                return Redirect(OfficeNews.Path);
            }

            NewsFormInput.AddRefusals(ModelState, l, outcome.Refusals);
        }

        Topics = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
        return Page();
    }
}
