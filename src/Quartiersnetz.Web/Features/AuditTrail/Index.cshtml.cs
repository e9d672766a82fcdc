using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.AuditTrail;

internal sealed record AuditRow(
    Guid Id, DateTime OccurredAtUtc, string ActorName, string Action, string SubjectType, string? SubjectName, IReadOnlyList<AuditChange> Changes);

/// <summary>The office reads who did what to whom and when, newest first.</summary>
[Authorize(Policy = Policies.Office)]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public const string Path = "/geschaeftsstelle/protokoll";
    public const int MaxFilterLength = 100;
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "aktion")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int? PageNumber { get; set; }

    public PagedResult<AuditRow> Result { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Actions to filter by: those in the log plus the known ones, with German labels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Actions { get; private set; } = [];

    public PagerModel Pager => new(Result.Page, Result.TotalPages, Path,
        new Dictionary<string, string?> { ["aktion"] = Action, ["suche"] = Text });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Action = Clip(Action);
        Text = Clip(Text);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (Action is not null)
        {
            query = query.Where(e => e.Action == Action);
        }

        if (Text is not null)
        {
            var lower = Text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
            query = query.Where(e => e.ActorName.ToLower().Contains(lower) || (e.SubjectName != null && e.SubjectName.ToLower().Contains(lower)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var page = await query
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.OccurredAtUtc, e.ActorName, e.Action, e.SubjectType, e.SubjectName, e.Changes })
            .ToPageAsync(PageRequest.Lenient(PageNumber, PageSize, PageSize), cancellationToken);
        Result = new PagedResult<AuditRow>(
            page.Items.Select(e => new AuditRow(e.Id, e.OccurredAtUtc, e.ActorName, e.Action, e.SubjectType, e.SubjectName, ParseChanges(e.Changes))).ToList(),
            page.Page, page.PageSize, page.TotalCount);

        var present = await db.Set<AuditEntry>().AsNoTracking().Select(e => e.Action).Distinct().ToListAsync(cancellationToken);
        Actions = present.Union(AuditActionLabels.Known.Select(k => k.Key))
            .Select(key => new KeyValuePair<string, string>(key, AuditActionLabels.For(key)))
            .OrderBy(a => a.Value, StringComparer.Create(Platform.Time.BerlinTime.Culture, ignoreCase: true))
            .ToList();
    }

    private static List<AuditChange> ParseChanges(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<AuditChange>>(json) ?? [];
        }
        catch (JsonException)
        {
            // A malformed row must not hide the rest of the log; it shows without its changes.
            return [];
        }
    }

    private static string? Clip(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > MaxFilterLength ? v[..MaxFilterLength] : value.Trim();
}
