using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Topics;

/// <summary>A topic in the office's list, whatever its status.</summary>
internal sealed record OfficeTopicRow(Guid Id, string Slug, string Name, Guid? ParentId, TopicStatus Status, string? MergedIntoName, int Assignments);

[Authorize(Policy = Policies.Office)]
internal sealed class OfficeTopicsModel(QuartiersnetzDbContext db, AuditLog audit, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public ManageTopics.Input Input { get; set; } = new();

    public IReadOnlyList<(OfficeTopicRow Topic, IReadOnlyList<OfficeTopicRow> SubTopics)> Tree { get; private set; } = [];

    public IReadOnlyList<OfficeTopicRow> Parents { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await ManageTopics.CreateAsync(db, audit, AuditActor.From(User), Input, cancellationToken);
            if (outcome.Succeeded)
            {
                StatusMessage = l["Das Thema „{0}“ wurde angelegt.", Input.Name.Trim()];
                return Redirect("/geschaeftsstelle/themen");
            }

            ModelState.AddModelError(outcome.Field is "" or null ? "" : $"Input.{outcome.Field}", l[outcome.Error!]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await OfficeTopicList.AllAsync(db, cancellationToken);
        var ids = rows.Select(r => r.Id).ToHashSet();
        Tree = rows.Where(r => r.ParentId is null || !ids.Contains(r.ParentId.Value))
            .Select(r => (r, (IReadOnlyList<OfficeTopicRow>)rows.Where(c => c.ParentId == r.Id).ToList()))
            .ToList();
        Parents = rows.Where(r => r.ParentId is null && r.Status == TopicStatus.Active).ToList();
    }
}

internal static class OfficeTopicList
{
    public static async Task<List<OfficeTopicRow>> AllAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Set<TopicAssignment>().AsNoTracking().GroupBy(a => a.TopicId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var topics = await db.Set<Topic>().AsNoTracking().OrderBy(t => t.SortKey)
            .Select(t => new { t.Id, t.Slug, t.Name, t.ParentId, t.Status, t.MergedIntoId }).ToListAsync(cancellationToken);
        var names = topics.ToDictionary(t => t.Id, t => t.Name);
        return topics.Select(t => new OfficeTopicRow(t.Id, t.Slug, t.Name, t.ParentId, t.Status,
            t.MergedIntoId is { } m ? names.GetValueOrDefault(m) : null, counts.GetValueOrDefault(t.Id))).ToList();
    }
}
