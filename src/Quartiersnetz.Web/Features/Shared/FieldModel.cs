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

    public string? Error => FieldState.Error(State, Name);

    public string? DescribedBy => FieldState.DescribedBy(Id, Hint is not null, Error is not null);

    /// <summary>The posted value after a failed validation, else the model value.</summary>
    public string? CurrentValue => Type == "password" ? null
        : State.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : Value;
}

/// <summary>What every form field needs from the model state: its first error and the ids that describe it.</summary>
internal static class FieldState
{
    public static string? Error(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The aria-describedby value: the hint and the error message, where present.</summary>
    public static string? DescribedBy(string id, bool hasHint, bool hasError) => (hasHint, hasError) switch
    {
        (true, true) => $"{id}-hint {id}-error",
        (true, false) => id + "-hint",
        (false, true) => id + "-error",
        _ => null,
    };
}
