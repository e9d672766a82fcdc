using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.ApiAccess;

internal sealed record AccessTokenResponse(string AccessToken, DateTime ExpiresAt);

internal sealed record MeResponse(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? MunicipalityAgs, string? FunctionTitle, string? Organisation);

internal static class ApiAccessApi
{
    public static RouteGroupBuilder MapApiAccessApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Auth)
            .WithTags("Konto")
            .WithName("IssueAccessToken")
            .WithSummary("Zugangstoken anfordern")
            .WithDescription("Tauscht E-Mail-Adresse, Passwort und – bei eingerichteter Zwei-Faktor-Authentisierung – den 6-stelligen Code "
                + "gegen ein Zugangstoken, das eine Stunde gilt. Senden Sie es bei weiteren Aufrufen im Kopf „Authorization: Bearer …“. "
                + "Zugänge der Geschäftsstelle brauchen immer einen Code.");

        var me = api.MapGroup("/me").WithTags("Konto").RequireAuthorization(Policies.SignedIn);
        me.MapGet("", GetMeAsync)
            .WithName("GetMe")
            .WithSummary("Angemeldete Person abrufen")
            .WithDescription("Die Person, zu der das Token oder die Anmeldung gehört, mit ihren Rollen.");
        me.MapGet("/tokens", ListTokensAsync)
            .WithName("ListPersonalAccessTokens")
            .WithSummary("Eigene persönliche Zugangstoken auflisten")
            .WithDescription("Name, Anfang, Gültigkeit und letzte Nutzung der eigenen Token; nie das Token selbst. "
                + "Neue Token entstehen nur auf der Seite /konto/zugangstoken, nie über die Schnittstelle: Ein gestohlenes Token kann keine weiteren erzeugen.");
        me.MapDelete("/tokens/{id:guid}", RevokeTokenAsync)
            .WithName("RevokePersonalAccessToken")
            .WithSummary("Eigenes persönliches Zugangstoken widerrufen")
            .WithDescription("Das Token gilt sofort nicht mehr. Ändernde Aufrufe der Schnittstelle brauchen ein Bearer-Token; das Anmelde-Cookie gilt dafür nicht.");
        return api;
    }

    private static async Task<Results<Ok<AccessTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] IssueAccessToken.Input? input,
        SignInManager<UserAccount> signIn,
        AccessTokens tokens,
        IStringLocalizer<Texts> l)
    {
        var errors = IssueAccessToken.Validate(input, text => l[text]);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: l["Bitte korrigieren Sie die genannten Felder."]);
        }

        var outcome = await IssueAccessToken.HandleAsync(signIn, tokens, input!);
        return outcome.Result switch
        {
            IssueAccessToken.Result.Issued => TypedResults.Ok(new AccessTokenResponse(outcome.AccessToken!, outcome.ExpiresAtUtc!.Value)),
            IssueAccessToken.Result.LockedOut => TypedResults.Problem(
                l["Der Zugang ist gesperrt: nach mehreren Fehlversuchen für 15 Minuten oder dauerhaft durch die Geschäftsstelle. Bitte versuchen Sie es später erneut oder wenden Sie sich an die Geschäftsstelle."],
                statusCode: StatusCodes.Status423Locked, title: l["Zugang gesperrt"]),
            IssueAccessToken.Result.CodeRequired => TypedResults.Problem(
                l["Für diesen Zugang ist der 6-stellige Code aus Ihrer Authenticator-App erforderlich (Feld „code“)."],
                statusCode: StatusCodes.Status401Unauthorized, title: l["Zweiter Faktor erforderlich"]),
            IssueAccessToken.Result.WrongCode => TypedResults.Problem(
                l["Der Code aus der Authenticator-App ist falsch oder abgelaufen."],
                statusCode: StatusCodes.Status401Unauthorized, title: l["Anmeldung fehlgeschlagen"]),
            IssueAccessToken.Result.OfficeNeedsTwoFactor => TypedResults.Problem(
                l["Zugänge der Geschäftsstelle brauchen eine Zwei-Faktor-Authentisierung. Bitte richten Sie sie zuerst unter „Konto – Sicherheit“ ein und fordern Sie dann das Token mit dem Code an."],
                statusCode: StatusCodes.Status403Forbidden, title: l["Zwei-Faktor-Authentisierung erforderlich"]),
            _ => TypedResults.Problem(
                l["E-Mail-Adresse oder Passwort sind falsch."],
                statusCode: StatusCodes.Status401Unauthorized, title: l["Anmeldung fehlgeschlagen"]),
        };
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        HttpContext context, QuartiersnetzDbContext db, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var id = context.User.AccountId();
        var person = id is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.MunicipalityAgs, u.FunctionTitle, u.Organisation })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return TypedResults.Problem(l["Dieser Zugang existiert nicht mehr."], statusCode: StatusCodes.Status404NotFound);
        }

        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ur.UserId == person.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(name => name)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MeResponse(
            person.Id, person.Email ?? "", person.DisplayName, roles, person.MunicipalityAgs, person.FunctionTitle, person.Organisation));
    }

    private static async Task<Ok<List<PersonalAccessTokenSummary>>> ListTokensAsync(
        HttpContext context, QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListPersonalAccessTokens.HandleAsync(db, context.User.AccountId()!.Value, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        Guid id, HttpContext context, QuartiersnetzDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<Texts> l, CancellationToken cancellationToken)
    {
        var outcome = await RevokePersonalAccessToken.HandleAsync(
            db, audit, clock, AuditActor.From(context.User), context.User.AccountId()!.Value, id, cancellationToken);
        return outcome == RevokePersonalAccessToken.Outcome.Revoked
            ? TypedResults.NoContent()
            : TypedResults.Problem(l["Sie haben kein Zugangstoken mit dieser Kennung."], statusCode: StatusCodes.Status404NotFound);
    }
}
