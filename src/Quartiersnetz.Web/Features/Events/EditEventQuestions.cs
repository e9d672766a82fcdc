using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;

namespace Quartiersnetz.Features.Events;

/// <summary>
/// The office defines an event's registration questions and how long registration data is kept. Questions are added
/// and deleted, not edited: answers already given keep the question's text and the chosen option as text, so neither
/// deleting a question nor adding new ones changes what earlier registrations said.
/// </summary>
internal static class EditEventQuestions
{
    public const int MaxRetentionMonths = 120;

    internal sealed record Input(string? Text, string? Kind, bool Required, string? Options, string? ShowIf);

    public static IReadOnlyList<(QuestionKind Kind, string Label)> Kinds { get; } =
    [
        (QuestionKind.FreeText, "Freitext"),
        (QuestionKind.SingleChoice, "Einfachauswahl"),
        (QuestionKind.MultipleChoice, "Mehrfachauswahl"),
        (QuestionKind.YesNo, "Ja/Nein"),
    ];

    public static string Label(QuestionKind kind) => Kinds.First(k => k.Kind == kind).Label;

    /// <summary>The value of a "show only if" choice: question id and answer.</summary>
    public static string ConditionValue(Guid questionId, string answer) => questionId.ToString() + "|" + answer;

    /// <summary>Null when added; else the refusals (field, German source text).</summary>
    public static async Task<List<Refusal>> AddAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Input input, CancellationToken cancellationToken)
    {
        var errors = new List<Refusal>();
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(new Refusal("Question.Text", "Bitte geben Sie die Frage ein."));
        }
        else if (text.Length > EventQuestion.TextMaxLength)
        {
            errors.Add(new Refusal("Question.Text", "Die Frage darf höchstens {0} Zeichen haben.", EventQuestion.TextMaxLength));
        }

        QuestionKind? kind = Enum.TryParse<QuestionKind>(input.Kind, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.Kind, out _) ? parsed : null;
        if (kind is null)
        {
            errors.Add(new Refusal("Question.Kind", "Bitte wählen Sie eine Art der Frage aus der Liste."));
        }

        var options = (input.Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
        {
            if (options.Count < 2)
            {
                errors.Add(new Refusal("Question.Options", "Bitte geben Sie mindestens zwei Antwortmöglichkeiten ein, eine pro Zeile."));
            }
            else if (options.Count > EventQuestion.MaxOptions)
            {
                errors.Add(new Refusal("Question.Options", "Höchstens {0} Antwortmöglichkeiten.", EventQuestion.MaxOptions));
            }
            else if (options.FirstOrDefault(o => o.Length > EventQuestion.OptionMaxLength) is { } tooLong)
            {
                errors.Add(new Refusal("Question.Options", "Die Antwortmöglichkeit „{0}“ ist zu lang (höchstens {1} Zeichen).", tooLong[..20] + "…", EventQuestion.OptionMaxLength));
            }
            else if (options.Distinct(StringComparer.Ordinal).Count() != options.Count)
            {
                errors.Add(new Refusal("Question.Options", "Jede Antwortmöglichkeit darf nur einmal vorkommen."));
            }
        }
        else
        {
            options = [];
        }

        var existing = await db.Set<EventQuestion>().Where(q => q.EventId == eventId).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        if (existing.Count >= EventQuestion.MaxQuestions)
        {
            errors.Add(new Refusal("", "Eine Veranstaltung kann höchstens {0} Fragen haben.", EventQuestion.MaxQuestions));
        }

        Guid? showIfQuestion = null;
        string? showIfAnswer = null;
        if (!string.IsNullOrEmpty(input.ShowIf))
        {
            var parts = input.ShowIf.Split('|', 2);
            var parent = parts.Length == 2 && Guid.TryParse(parts[0], out var parentId) ? existing.FirstOrDefault(q => q.Id == parentId) : null;
            if (parent is null || parent.Kind == QuestionKind.FreeText || !parent.OptionList.Contains(parts[1], StringComparer.Ordinal))
            {
                errors.Add(new Refusal("Question.ShowIf", "Bitte wählen Sie die Bedingung aus der Liste."));
            }
            else
            {
                showIfQuestion = parent.Id;
                showIfAnswer = parts[1];
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var question = new EventQuestion
        {
            EventId = eventId, Position = existing.Count == 0 ? 1 : existing[^1].Position + 1, Kind = kind!.Value, Text = text, Required = input.Required,
            Options = string.Join('\n', options), ShowIfQuestionId = showIfQuestion, ShowIfAnswer = showIfAnswer,
        };
        db.Add(question);
        var title = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "event.question.added", "Event", eventId.ToString(), title,
            [new AuditChange("Frage", null, $"{text} ({Label(question.Kind)}{(input.Required ? ", Pflicht" : "")})")]);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public static async Task<Refusal?> DeleteAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, Guid questionId, CancellationToken cancellationToken)
    {
        var question = await db.Set<EventQuestion>().SingleOrDefaultAsync(q => q.Id == questionId && q.EventId == eventId, cancellationToken);
        if (question is null)
        {
            return new Refusal("", "Diese Frage gibt es nicht (mehr).");
        }

        var dependent = await db.Set<EventQuestion>().Where(q => q.ShowIfQuestionId == questionId).Select(q => q.Text).FirstOrDefaultAsync(cancellationToken);
        if (dependent is not null)
        {
            return new Refusal("", "Die Frage „{0}“ hängt von dieser Frage ab. Löschen Sie zuerst jene Frage.", dependent);
        }

        db.Remove(question);
        var title = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        audit.Record(actor, "event.question.deleted", "Event", eventId.ToString(), title, [new AuditChange("Frage", question.Text, null)]);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public static async Task<Refusal?> SetRetentionAsync(QuartiersnetzDbContext db, AuditLog audit, AuditActor actor, Guid eventId, string? months, CancellationToken cancellationToken)
    {
        if (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > MaxRetentionMonths)
        {
            return new Refusal("RetentionMonths", "Bitte geben Sie eine ganze Zahl von Monaten zwischen 1 und {0} ein.", MaxRetentionMonths);
        }

        // A plain update: the registration writers' row lock does not cover this column, and nothing counts on it.
        var ev = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => new { e.Title, e.RetentionMonths }).SingleAsync(cancellationToken);
        if (ev.RetentionMonths == value)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<Event>().Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.RetentionMonths, value), cancellationToken);
        audit.Record(actor, "event.retention.changed", "Event", eventId.ToString(), ev.Title,
            [new AuditChange("Aufbewahrung der Anmeldedaten (Monate)", ev.RetentionMonths.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture))]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
