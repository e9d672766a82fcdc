using Microsoft.AspNetCore.Mvc.ModelBinding;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Shared;

namespace Quartiersnetz.Features.Onboarding;

/// <summary>One option of a select; <see cref="Label"/> is already localized.</summary>
internal sealed record ChoiceOption(string Value, string Label);

/// <summary>A labelled select in KERN markup with hint and error wired up, like <c>_TextField</c>.</summary>
internal sealed record SelectFieldModel(
    ModelStateDictionary State,
    string Name,
    string Label,
    string? Value,
    IReadOnlyList<ChoiceOption> Options,
    string? EmptyOption = null,
    string? Hint = null,
    bool Optional = false)
{
    public string Id => Name.Replace('.', '_');

    public string? Error => FieldState.Error(State, Name);

    public string? DescribedBy => FieldState.DescribedBy(Id, Hint is not null, Error is not null);

    public string? CurrentValue => State.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : Value;
}

/// <summary>The 396 reference municipalities for selects, in German alphabetical order.</summary>
internal static class MunicipalityChoices
{
    public static async Task<IReadOnlyList<ChoiceOption>> LoadAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new ChoiceOption(m.Ags, m.Name))
            .ToListAsync(cancellationToken);

    public static async Task<Dictionary<string, string>> NamesAsync(QuartiersnetzDbContext db, IEnumerable<string?> ags, CancellationToken cancellationToken)
    {
        var keys = ags.OfType<string>().Distinct().ToList();
        return await db.Set<Municipality>().AsNoTracking()
            .Where(m => keys.Contains(m.Ags))
            .ToDictionaryAsync(m => m.Ags, m => m.Name, cancellationToken);
    }
}
