using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Time;
using Quartiersnetz.Platform.Topics;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Profile;

internal static class ProfileModule
{
    public static IServiceCollection AddProfile(this IServiceCollection services) =>
        services.AddScoped<ITopicItemSource, PeopleTopicSource>().AddSearchSource<PersonSearchSource>();

    public static IEndpointRouteBuilder MapProfile(this IEndpointRouteBuilder endpoints)
    {
        // Anyone may ask; the photo's own visibility decides who gets it. Others get 404, so the
        // address does not even reveal that a hidden photo exists.
        endpoints.MapGet("/personen/{id:guid}/foto", async (
                Guid id, HttpContext http, QuartiersnetzDbContext db, IFileStorage files, IAuthorizationService authorization, CancellationToken cancellationToken) =>
            {
                var photo = await db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new { u.PhotoFileName, u.PhotoVisibility })
                    .SingleOrDefaultAsync(cancellationToken);
                if (photo?.PhotoFileName is null)
                {
                    return Results.NotFound();
                }

                var viewer = await ProfileVisibilityRules.ViewerAsync(authorization, http.User, id);
                if (!ProfileVisibilityRules.CanSee(photo.PhotoVisibility, viewer))
                {
                    return Results.NotFound();
                }

                var stream = await files.OpenReadAsync(photo.PhotoFileName, cancellationToken);
                if (stream is null)
                {
                    return Results.NotFound();
                }

                // Private: what a viewer may see depends on who they are, so no shared cache may keep it.
                http.Response.Headers.CacheControl = "private";
                return Results.File(stream, "image/jpeg");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapGet("/konto/meine-daten/download", async (
                HttpContext http, IEnumerable<IPersonalDataContributor> contributors, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var userId = http.User.AccountId();
                if (userId is null)
                {
                    return Results.Forbid();
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var sections = await CollectPersonalData.HandleAsync(contributors, userId.Value, cancellationToken);
                http.Response.Headers.CacheControl = "no-store";
                var fileName = $"meine-daten-{BerlinTime.ToBerlin(now):yyyy-MM-dd}.json";
                return Results.File(CollectPersonalData.ToDocument(sections, now), "application/json; charset=utf-8", fileName);
            })
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();

        return endpoints;
    }
}
