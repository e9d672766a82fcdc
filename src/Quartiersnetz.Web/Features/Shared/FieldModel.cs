using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Quartiersnetz.Features.Shared;

/// <summary>
/// One labelled form field in KERN markup with its hint and error wired up for screen readers.
/// Type "textarea" renders a multi-line field. Label and hint are already localized.
/// </summary>
internal sealed record FieldModel(
    ModelStateDictionary State,
    string Name,
    string Label,
    string? Value,
    string Type = "text",
    string? Autocomplete = null,
    string? Hint = null,
    bool Optional = false,
    int? MaxLength = null)
{
    public string Id => Name.Replace('.', '_');

    public string? Error => State.TryGetValue(Name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string? DescribedBy
    {
        get
        {
            var ids = new List<string>();
            if (Hint is not null)
            {
                ids.Add(Id + "-hint");
            }

            if (Error is not null)
            {
                ids.Add(Id + "-error");
            }

            return ids.Count == 0 ? null : string.Join(' ', ids);
        }
    }

    /// <summary>The posted value after a failed validation, else the model value.</summary>
    public string? CurrentValue => Type == "password" ? null
        : State.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : Value;
}
