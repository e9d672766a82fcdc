using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.Events;

/// <summary>A question of the registration form as the API shows it.</summary>
internal sealed record QuestionView(Guid Id, int Position, QuestionKind Kind, string Text, bool Required, IReadOnlyList<string> Options, Guid? ShowIfQuestionId, string? ShowIfAnswer);

/// <summary>An answer in the participant list; <see cref="QuestionId"/> is null when the question was deleted since.</summary>
internal sealed record ParticipantAnswer(Guid? QuestionId, string Question, IReadOnlyList<string> Values);

/// <summary>The API side of the registration form: questions, the body's answers, and answers in the participant list.</summary>
internal static class EventRegistrationApi
{
    public static RouteGroupBuilder MapEventRegistrationFormApi(this RouteGroupBuilder events)
    {
        events.MapGet("/{id:guid}/questions", QuestionsAsync).AllowAnonymous()
            .WithName("ListEventQuestions")
            .WithSummary("Fragen des Anmeldeformulars einer Veranstaltung")
            .WithDescription("In der Reihenfolge des Formulars. kind: FreeText, SingleChoice, MultipleChoice, YesNo (Antwort true/false oder \"Ja\"/\"Nein\"). "
                + "Eine Frage mit showIfQuestionId wird nur gestellt, wenn jene Frage mit showIfAnswer beantwortet wurde; sonst wird ihre Antwort ignoriert. "
                // No braces: the API reference page passes descriptions through the localizer, which formats them.
                + "Die Antworten gehen im Feld answers (Fragen-ID als Schlüssel) an die Anmeldung dieser Veranstaltung (POST …/registrations).");
        return events;
    }

    /// <summary>
    /// Documents the optional registration body in the OpenAPI document. Only the document: Accepts metadata would make
    /// routing turn away the common call without a body (no Content-Type), and the endpoint reads the body by hand.
    /// </summary>
    public static RouteHandlerBuilder WithEventRegistrationBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(RegistrationRequest), null, cancellationToken);
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = false,
                Description = "Optional. personId (nur Geschäftsstelle), answers (Fragen-ID als Schlüssel; Text, Liste von Optionen oder true/false), "
                    + "accessibilityNeeds [gebaerdensprache, rollstuhl, hoeranlage, grosse-schrift-leichte-sprache, sonstiges], accessibilityNote (bei sonstiges).",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });

    private static async Task<Results<Ok<List<QuestionView>>, ProblemHttpResult>> QuestionsAsync(
        Guid id, HttpContext http, QuartiersnetzDbContext db, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, IStringLocalizer<Texts> l,
        CancellationToken cancellationToken)
    {
        var viewer = EventViewer.From(await RegistrationActor.FromAsync(authorization, http.User));
        if (!await db.Set<Event>().Where(e => e.Id == id).Where(ListEvents.VisibleTo(db, viewer)).AnyAsync(cancellationToken))
        {
            return TypedResults.Problem(l["Es gibt keine Veranstaltung mit der Kennung {0}.", id], statusCode: StatusCodes.Status404NotFound);
        }

        var questions = await RegistrationForm.QuestionsAsync(db, id, cancellationToken);
        return TypedResults.Ok(questions.Select(q => new QuestionView(q.Id, q.Position, q.Kind, q.Text, q.Required, q.OptionList, q.ShowIfQuestionId, q.ShowIfAnswer)).ToList());
    }

    /// <summary>
    /// Checks the answers of a registration body against the event's questions. Nothing is checked for an event the
    /// caller may not see (the registration refuses it without naming any question).
    /// </summary>
    public static async Task<(CheckedForm? Form, ValidationProblem? Problem)> CheckFormAsync(
        QuartiersnetzDbContext db, RegistrationActor actor, Guid eventId, RegistrationRequest? request, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        if (!await db.Set<Event>().Where(e => e.Id == eventId).Where(ListEvents.VisibleTo(db, EventViewer.From(actor))).AnyAsync(cancellationToken))
        {
            return (null, null);
        }

        var (input, shapeError) = RegistrationForm.FromJson(request?.Answers, request?.AccessibilityNeeds, request?.AccessibilityNote);
        if (shapeError is not null)
        {
            return (null, Problem([shapeError], l));
        }

        var onBehalf = request?.PersonId is { } target && target != actor.AccountId;
        var (form, errors) = RegistrationForm.Check(await RegistrationForm.QuestionsAsync(db, eventId, cancellationToken), input!, enforceRequired: !onBehalf);
        return errors.Count > 0 ? (null, Problem(errors, l)) : (form, null);
    }

    /// <summary>Adds the answers and the accessibility needs' labels to a page of the participant list: one query per page.</summary>
    public static async Task<PagedResult<ParticipantListRow>> WithAnswersAsync(QuartiersnetzDbContext db, PagedResult<ParticipantListRow> page, CancellationToken cancellationToken)
    {
        var ids = page.Items.Select(p => p.RegistrationId).ToList();
        if (ids.Count == 0)
        {
            return page;
        }

        var answers = (await db.Set<EventRegistrationAnswer>().AsNoTracking().Where(a => ids.Contains(a.RegistrationId))
                .OrderBy(a => a.Position).ThenBy(a => a.QuestionText)
                .Select(a => new { a.RegistrationId, a.QuestionId, a.QuestionText, a.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.RegistrationId);
        var items = page.Items.Select(p => p with
        {
            Answers = [.. answers[p.RegistrationId].Select(a => new ParticipantAnswer(a.QuestionId, a.QuestionText, a.Value.Split('\n')))],
            AccessibilityNeeds = AccessibilityNeeds.Describe(p.AccessibilityNeedCodes, p.AccessibilityNote),
        }).ToList();
        return page with { Items = items };
    }

    private static ValidationProblem Problem(IEnumerable<Refusal> errors, IStringLocalizer<Texts> l) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => l[e.Message, e.Args].Value).ToArray()),
            detail: l["Bitte korrigieren Sie die genannten Felder."]);
}
