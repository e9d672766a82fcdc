using Microsoft.AspNetCore.Mvc.ModelBinding;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Features.Organisations;

internal sealed record MunicipalityOption(string Ags, string Name);

/// <summary>What the shared form of the create and edit pages needs.</summary>
internal sealed record OrganisationFormModel(
    ModelStateDictionary State, SaveOrganisation.Input Input, IReadOnlyList<MunicipalityOption> Municipalities, string FormId, string SubmitLabel)
{
    public string? ErrorOf(string field) =>
        State.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string? Attempted(string field, string? current) =>
        State.TryGetValue("Input." + field, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : current;

    public static Task<List<MunicipalityOption>> MunicipalitiesAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new MunicipalityOption(m.Ags, m.Name))
            .ToListAsync(cancellationToken);
}
