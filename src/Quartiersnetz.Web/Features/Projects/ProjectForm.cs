using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Projects;

/// <summary>What the project form partial needs.</summary>
internal sealed record ProjectFormModel(
    ModelStateDictionary State, SaveProject.Input Input, IReadOnlyList<TopicGroup> Topics, IReadOnlyList<string> AreaNames, string Action,
    bool IsOffice, bool IsPublished)
{
    public string? ErrorOf(string field) => FieldState.Error(State, "Input." + field);
}

/// <summary>Moving between the form, the stored project and the model state.</summary>
internal static class ProjectForm
{
    private static readonly string[] TextAreas =
        [nameof(SaveProject.Input.Summary), nameof(SaveProject.Input.Partners), nameof(SaveProject.Input.Goals), nameof(SaveProject.Input.Approach),
         nameof(SaveProject.Input.Results), nameof(SaveProject.Input.LessonsLearned), nameof(SaveProject.Input.FundingSources),
         nameof(SaveProject.Input.RelatedPublications), nameof(SaveProject.Input.RelatedEvents)];

    public static SaveProject.Input From(ProjectDetails p) => new()
    {
        Title = p.Title, Slug = p.Slug, Summary = p.Summary, Municipality = p.MunicipalityName, ProgrammeArea = p.AreaName,
        Programme = p.Programme.ToString(), Status = p.Status.ToString(),
        StartYear = p.StartYear?.ToString(CultureInfo.InvariantCulture), EndYear = p.EndYear?.ToString(CultureInfo.InvariantCulture),
        Costs = p.CostsEuro is { } costs ? Quartiersnetz.Platform.Text.EuroAmounts.Text(costs) : null,
        FundingSources = p.FundingSources, Partners = p.Partners, ContactName = p.ContactName, ContactOrganisation = p.ContactOrganisation,
        ContactEmail = p.ContactEmail, Goals = p.Goals, Approach = p.Approach, Results = p.Results, LessonsLearned = p.LessonsLearned,
        WebsiteUrl = p.WebsiteUrl, VideoUrl = p.VideoUrl,
        Location = p.Latitude is { } lat && p.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"{lat}, {lon}") : null,
        Topics = [.. p.Topics.Select(t => t.Slug)],
        Featured = p.IsFeatured,
        // The links the editor may see, as the publication form shows them (slug; title with the address).
        RelatedPublications = string.Join("\n", p.Publications.Select(r => r.Slug)),
        RelatedEvents = string.Join("\n", p.Events.Select(e => RelatedItemNames.EventLine(e.Title, e.Id))),
    };

    /// <summary>Texts are kept with LF only (a CR written back into a textarea fails the HTML checker), also when a refused form is shown again.</summary>
    public static void NormaliseLineBreaks(SaveProject.Input input, ModelStateDictionary state)
    {
        foreach (var name in TextAreas)
        {
            var property = typeof(SaveProject.Input).GetProperty(name)!;
            if (property.GetValue(input) is string value && value.Contains('\r', StringComparison.Ordinal))
            {
                var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
                property.SetValue(input, normalised);
                state.SetModelValue("Input." + name, normalised, normalised);
            }
        }
    }

    public static void AddRefusals(ModelStateDictionary state, IStringLocalizer<Texts> l, IEnumerable<ProjectRefusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            state.AddModelError(refusal.Field.Length == 0 ? "" : "Input." + refusal.Field, l[refusal.Message, refusal.Args]);
        }
    }

    /// <summary>The areas the datalist offers: those of the typed municipality (name or AGS), else of the member's own.</summary>
    public static Task<List<string>> AreaNamesAsync(QuartiersnetzDbContext db, string? municipality, string? ownAgs, CancellationToken cancellationToken)
    {
        var text = municipality?.Trim() ?? "";
        var key = Data.Reference.GermanSortKey.For(text);
        var ags = db.Set<Data.Reference.Municipality>().Where(m => m.Ags == text || m.Name == text || m.SortKey == key).Select(m => m.Ags);
        var query = text.Length > 0
            ? db.Set<ProgrammeArea>().Where(a => ags.Contains(a.MunicipalityAgs))
            : db.Set<ProgrammeArea>().Where(a => a.MunicipalityAgs == ownAgs);
        return query.AsNoTracking().OrderBy(a => a.SortKey).Select(a => a.Name).Take(200).ToListAsync(cancellationToken);
    }
}
