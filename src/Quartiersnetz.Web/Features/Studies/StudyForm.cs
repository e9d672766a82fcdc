using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Features.Shared;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.Studies;

/// <summary>What the study form partial needs: the posted or stored values, the topic tree and where it posts.</summary>
internal sealed record StudyFormModel(ModelStateDictionary State, SaveStudy.Input Input, IReadOnlyList<TopicGroup> Topics, string Action, string SubmitLabel)
{
    public string? ErrorOf(string field) => FieldState.Error(State, "Input." + field);
}

internal static class StudyForm
{
    public static SaveStudy.Input From(StudyDetails s) => new()
    {
        Title = s.Title, Slug = s.Slug, Question = s.Question, Contractor = s.Contractor,
        Budget = s.BudgetEuro is { } budget ? EuroAmounts.Text(budget) : null,
        AwardedOn = Iso(s.AwardedOn), StartOn = Iso(s.StartOn), EndOn = Iso(s.EndOn),
        Status = s.Status.ToString(), SteeringGroup = s.SteeringGroup, Visibility = s.Visibility.ToString(),
        Published = s.PublishedAtUtc is not null, Topics = [.. s.Topics.Select(t => t.Slug)],
    };

    /// <summary>Texts are kept with LF only (a CR written back into a textarea fails the HTML checker).</summary>
    public static void NormaliseLineBreaks(SaveStudy.Input input, ModelStateDictionary state)
    {
        input.Question = Normalise(nameof(input.Question), input.Question);
        input.SteeringGroup = Normalise(nameof(input.SteeringGroup), input.SteeringGroup);

        string? Normalise(string field, string? value)
        {
            if (value is null || !value.Contains('\r', StringComparison.Ordinal))
            {
                return value;
            }

            var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            state.SetModelValue("Input." + field, normalised, normalised);
            return normalised;
        }
    }

    public static void AddRefusals(ModelStateDictionary state, IStringLocalizer<Texts> l, IEnumerable<StudyRefusal> refusals, string prefix = "Input.")
    {
        foreach (var refusal in refusals)
        {
            state.AddModelError(refusal.Field.Length == 0 ? "" : prefix + refusal.Field, l[refusal.Message, refusal.Args]);
        }
    }

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
