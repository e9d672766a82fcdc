using System.Text.Json;
using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Events;

/// <summary>The fixed list of accessibility needs asked at registration (codes stored, German labels shown).</summary>
internal static class AccessibilityNeeds
{
    public const string Other = "sonstiges";
    public const int NoteMaxLength = 500;

    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("gebaerdensprache", "Gebärdensprachdolmetschung"),
        ("rollstuhl", "Rollstuhlgerechter Zugang"),
        ("hoeranlage", "Induktive Höranlage"),
        ("grosse-schrift-leichte-sprache", "Unterlagen in großer Schrift / Leichter Sprache"),
        (Other, "Sonstiges"),
    ];

    public static string Label(string code) => All.FirstOrDefault(n => n.Code == code).Label ?? code;

    /// <summary>The labels of stored codes, with the free text of "Sonstiges".</summary>
    public static IReadOnlyList<string> Describe(string? codes, string? note) =>
        string.IsNullOrEmpty(codes)
            ? []
            : [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => c == Other && note is not null ? $"{Label(c)}: {note}" : Label(c))];
}

/// <summary>A checked answer, ready to store.</summary>
internal sealed record CheckedAnswer(Guid QuestionId, int Position, string QuestionText, string Value);

/// <summary>What a registration form yields once checked: answers to visible questions and the accessibility needs.</summary>
internal sealed record CheckedForm(IReadOnlyList<CheckedAnswer> Answers, IReadOnlyList<string> Needs, string? NeedNote)
{
    public static CheckedForm Empty { get; } = new([], [], null);

    public string? NeedCodes => Needs.Count == 0 ? null : string.Join(',', Needs);

    /// <summary>Adds the answers for <paramref name="registration"/> to the context, replacing earlier ones.</summary>
    public async Task ApplyAsync(QuartiersnetzDbContext db, EventRegistration registration, CancellationToken cancellationToken)
    {
        var old = await db.Set<EventRegistrationAnswer>().Where(a => a.RegistrationId == registration.Id).ToListAsync(cancellationToken);
        db.RemoveRange(old);
        foreach (var answer in Answers)
        {
            db.Add(new EventRegistrationAnswer
            {
                RegistrationId = registration.Id, QuestionId = answer.QuestionId, Position = answer.Position, QuestionText = answer.QuestionText, Value = answer.Value,
            });
        }

        registration.AccessibilityNeedCodes = NeedCodes;
        registration.AccessibilityNote = NeedNote;
    }
}

/// <summary>
/// The registration form of an event: its questions as the page and the API show them, and the check of what was sent.
/// The server decides which questions are shown: a question whose condition is not met is ignored and never required,
/// whatever the browser's script did.
/// </summary>
internal static class RegistrationForm
{
    public const string Yes = "Ja";
    public const string No = "Nein";
    public const int TextAnswerMaxLength = 2000;

    public static IReadOnlyList<string> YesNoOptions { get; } = [Yes, No];

    /// <summary>Raw input: question id (as sent) → values; needs codes; the note for "Sonstiges".</summary>
    internal sealed record Input(IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, IReadOnlyList<string> Needs, string? NeedNote);

    /// <summary>The questions of an event in form order.</summary>
    public static Task<List<EventQuestion>> QuestionsAsync(QuartiersnetzDbContext db, Guid eventId, CancellationToken cancellationToken) =>
        db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == eventId).OrderBy(q => q.Position).ToListAsync(cancellationToken);

    /// <summary>Checks the input (required questions are not enforced when the office registers someone); errors are field (answers.{id}, accessibilityNeeds, accessibilityNote) → German source text with arguments.</summary>
    public static (CheckedForm? Form, List<Refusal> Errors) Check(IReadOnlyList<EventQuestion> questions, Input input, bool enforceRequired = true)
    {
        var errors = new List<Refusal>();
        var byId = questions.ToDictionary(q => q.Id.ToString());
        foreach (var key in input.Answers.Keys)
        {
            if (!Guid.TryParse(key, out var id) || !byId.ContainsKey(id.ToString()))
            {
                errors.Add(new Refusal($"answers.{key}", "Diese Frage gibt es bei dieser Veranstaltung nicht."));
            }
        }

        var given = input.Answers
            .Where(a => Guid.TryParse(a.Key, out _))
            .GroupBy(a => Guid.Parse(a.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Value).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).ToList());
        var accepted = new Dictionary<Guid, List<string>>();
        var answers = new List<CheckedAnswer>();
        foreach (var question in questions)
        {
            if (!IsShown(question, accepted))
            {
                continue;
            }

            var field = $"answers.{question.Id}";
            var values = given.GetValueOrDefault(question.Id) ?? [];
            if (values.Count == 0)
            {
                if (question.Required && enforceRequired)
                {
                    errors.Add(new Refusal(field, "Bitte beantworten Sie die Frage „{0}“.", question.Text));
                }

                continue;
            }

            if (question.Kind != QuestionKind.MultipleChoice && values.Count > 1)
            {
                errors.Add(new Refusal(field, "Bei der Frage „{0}“ ist nur eine Antwort möglich.", question.Text));
                continue;
            }

            switch (question.Kind)
            {
                case QuestionKind.FreeText:
                    if (values[0].Length > TextAnswerMaxLength)
                    {
                        errors.Add(new Refusal(field, "Die Antwort auf „{0}“ darf höchstens {1} Zeichen haben.", question.Text, TextAnswerMaxLength));
                        continue;
                    }

                    values = [values[0].Replace("\r\n", "\n", StringComparison.Ordinal)];
                    break;
                case QuestionKind.YesNo:
                    var yesNo = values[0].ToUpperInvariant() switch
                    {
                        "JA" or "TRUE" => Yes,
                        "NEIN" or "FALSE" => No,
                        _ => null,
                    };
                    if (yesNo is null)
                    {
                        errors.Add(new Refusal(field, "Bitte antworten Sie auf „{0}“ mit Ja oder Nein.", question.Text));
                        continue;
                    }

                    values = [yesNo];
                    break;
                default:
                    var options = question.OptionList;
                    if (values.FirstOrDefault(v => !options.Contains(v, StringComparer.Ordinal)) is { } unknown)
                    {
                        errors.Add(new Refusal(field, "„{0}“ ist keine Antwortmöglichkeit der Frage „{1}“.", unknown, question.Text));
                        continue;
                    }

                    // Stored in the order of the options, each once.
                    values = [.. options.Where(values.Contains)];
                    break;
            }

            accepted[question.Id] = values;
            answers.Add(new CheckedAnswer(question.Id, question.Position, question.Text, string.Join('\n', values)));
        }

        var needs = input.Needs.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (needs.FirstOrDefault(n => AccessibilityNeeds.All.All(a => a.Code != n)) is { } unknownNeed)
        {
            errors.Add(new Refusal("accessibilityNeeds", "„{0}“ ist kein Eintrag der Liste. Erlaubt sind: {1}.", unknownNeed, string.Join(", ", AccessibilityNeeds.All.Select(a => a.Code))));
        }

        var note = string.IsNullOrWhiteSpace(input.NeedNote) ? null : input.NeedNote.Trim();
        if (needs.Contains(AccessibilityNeeds.Other) && note is null)
        {
            errors.Add(new Refusal("accessibilityNote", "Bitte beschreiben Sie bei „Sonstiges“, was Sie brauchen."));
        }
        else if (note?.Length > AccessibilityNeeds.NoteMaxLength)
        {
            errors.Add(new Refusal("accessibilityNote", "Die Beschreibung darf höchstens {0} Zeichen haben.", AccessibilityNeeds.NoteMaxLength));
        }

        if (!needs.Contains(AccessibilityNeeds.Other))
        {
            // A note without "Sonstiges" ticked is dropped, as a hidden question's answer is.
            note = null;
        }

        // Stored in the order of the list.
        needs = [.. AccessibilityNeeds.All.Select(a => a.Code).Where(needs.Contains)];
        return errors.Count > 0 ? (null, errors) : (new CheckedForm(answers, needs, note), errors);
    }

    /// <summary>A question is shown when it has no condition, or its condition's question was shown and answered with the given answer.</summary>
    private static bool IsShown(EventQuestion question, Dictionary<Guid, List<string>> accepted) =>
        question.ShowIfQuestionId is not { } parent
        || (accepted.TryGetValue(parent, out var values) && values.Contains(question.ShowIfAnswer ?? "", StringComparer.Ordinal));

    /// <summary>Reads the answers of an HTML form: fields "answer-{questionId}" (several for checkboxes), "needs", "needNote".</summary>
    public static Input FromForm(IFormCollection form) => new(
        form.Keys.Where(k => k.StartsWith(AnswerFieldPrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[AnswerFieldPrefix.Length..], k => (IReadOnlyList<string>)[.. form[k].Select(v => v ?? "")]),
        [.. form["needs"].Select(v => v ?? "")],
        form["needNote"].FirstOrDefault());

    public const string AnswerFieldPrefix = "answer-";

    /// <summary>Reads the answers of the API body: {"questionId": "value"} or {"questionId": ["a", "b"]}; true/false for yes/no.</summary>
    public static (Input? Input, Refusal? Error) FromJson(JsonElement? answers, IReadOnlyList<string>? needs, string? note)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (answers is { ValueKind: JsonValueKind.Object } body)
        {
            foreach (var property in body.EnumerateObject())
            {
                IReadOnlyList<string>? values = property.Value.ValueKind switch
                {
                    JsonValueKind.String => [property.Value.GetString()!],
                    JsonValueKind.True => [Yes],
                    JsonValueKind.False => [No],
                    JsonValueKind.Null => [],
                    JsonValueKind.Array when property.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                        [.. property.Value.EnumerateArray().Select(v => v.GetString()!)],
                    _ => null,
                };
                if (values is null)
                {
                    return (null, new Refusal($"answers.{property.Name}", "Bitte senden Sie eine Antwort als Text, als Liste von Texten oder als true/false."));
                }

                result[property.Name] = values;
            }
        }
        else if (answers is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return (null, new Refusal("answers", "Bitte senden Sie die Antworten als JSON-Objekt mit der Fragen-ID als Schlüssel."));
        }

        return (new Input(result, needs ?? [], note), null);
    }
}
