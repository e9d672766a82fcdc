using Microsoft.AspNetCore.Authorization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Features.Library;

/// <summary>
/// A publication's cover image: PNG, JPEG or WebP by content (never by name or declared type), re-encoded as JPEG, at most
/// <see cref="MaxBytes"/>, always with an alternative text, optionally with a credit. Served with the publication's
/// visibility: a members' publication's or a draft's cover answers 404 to those who may not read it.
/// </summary>
internal static class PublicationCover
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Covers are shown small; this is plenty for a sharp page header.</summary>
    public const int MaxEdge = 1600;

    /// <summary>The cover form's request limit: room for a too-large image to reach the form and get its German message.</summary>
    public const long MaxRequestBytes = (2 * MaxBytes) + (64 * 1024);

    public const string AltTextField = "CoverAltText";
    public const string CreditField = "CoverCredit";
    public const string FileField = "Cover";

    /// <summary>
    /// Sets the cover, or only its texts when <paramref name="content"/> is null and there is a cover already. Null when
    /// the publication does not exist; otherwise the refusals (empty on success). A refused cover stores nothing.
    /// </summary>
    public static async Task<IReadOnlyList<PublicationRefusal>?> SaveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock,
        Guid publicationId, byte[]? content, string? altText, string? credit, CancellationToken cancellationToken)
    {
        var publication = await db.Set<Publication>().SingleOrDefaultAsync(p => p.Id == publicationId, cancellationToken);
        if (publication is null)
        {
            return null;
        }

        var refusals = new List<PublicationRefusal>();
        if (content is null || content.Length == 0)
        {
            if (publication.CoverKey is null)
            {
                refusals.Add(new(FileField, "Bitte wählen Sie ein Bild aus."));
            }
        }
        else
        {
            var (jpeg, problem) = ImageReencoding.ToJpeg(content, MaxBytes, MaxEdge);
            if (jpeg is null)
            {
                refusals.Add(problem == ImageProblem.TooLarge
                    ? new(FileField, "Das Bild ist zu groß. Erlaubt sind höchstens {0} MB.", MaxBytes / (1024 * 1024))
                    : new(FileField, "Die Datei ist kein Bild im Format PNG, JPEG oder WebP."));
            }

            // Stored re-encoded: only pixels, no EXIF or GPS data of the upload.
            content = jpeg;
        }

        var alt = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim();
        if (alt is null)
        {
            refusals.Add(new(AltTextField, "Bitte beschreiben Sie das Titelbild in einem Alternativtext (für Menschen, die es nicht sehen)."));
        }
        else if (alt.Length > Publication.CoverAltTextMaxLength)
        {
            refusals.Add(new(AltTextField, "Der Alternativtext darf höchstens {0} Zeichen haben.", Publication.CoverAltTextMaxLength));
        }

        var creditText = string.IsNullOrWhiteSpace(credit) ? null : credit.Trim();
        if (creditText is { Length: > Publication.CoverCreditMaxLength })
        {
            refusals.Add(new(CreditField, "Die Bildquelle darf höchstens {0} Zeichen haben.", Publication.CoverCreditMaxLength));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        var oldKey = publication.CoverKey;
        var newKey = content is null ? null : $"publication-covers/{publicationId:N}-{Guid.NewGuid():N}.jpg";
        if (newKey is not null)
        {
            await files.SaveAsync(newKey, content!, cancellationToken);
            publication.CoverKey = newKey;
        }

        var changes = new List<AuditChange> { new("Alternativtext", publication.CoverAltText, alt) };
        publication.CoverAltText = alt;
        publication.CoverCredit = creditText;
        publication.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "publication.cover_set", "Veröffentlichung", publicationId.ToString(), publication.Title, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (newKey is not null)
            {
                // No row points at the new file: it would be an orphan.
                await files.DeleteAsync(newKey, CancellationToken.None);
            }

            throw;
        }

        if (newKey is not null && oldKey is not null)
        {
            await files.DeleteAsync(oldKey, CancellationToken.None);
        }

        return [];
    }

    /// <summary>Removes the cover; false when the publication does not exist.</summary>
    public static async Task<bool> RemoveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock, Guid publicationId, CancellationToken cancellationToken)
    {
        var publication = await db.Set<Publication>().SingleOrDefaultAsync(p => p.Id == publicationId, cancellationToken);
        if (publication is null)
        {
            return false;
        }

        if (publication.CoverKey is not { } key)
        {
            return true;
        }

        publication.CoverKey = null;
        publication.CoverAltText = null;
        publication.CoverCredit = null;
        publication.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "publication.cover_removed", "Veröffentlichung", publicationId.ToString(), publication.Title);
        await db.SaveChangesAsync(cancellationToken);
        await files.DeleteAsync(key, CancellationToken.None);
        return true;
    }

    public static string ContentType(string key) => Path.GetExtension(key) switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    public static void MapPublicationCover(this IEndpointRouteBuilder app) =>
        app.MapGet("/bibliothek/{slug}/titelbild", async (string slug, HttpContext http, QuartiersnetzDbContext db, IAuthorizationService authorization, IFileStorage files, CancellationToken ct) =>
            {
                var audience = await ViewerAudience.OfAsync(authorization, http.User);
                var cover = slug.Length > Publication.SlugMaxLength ? null : await ListPublications.CoverAsync(db, audience, slug, ct);
                if (cover is null || !FileKeys.IsValid(cover.Key) || await files.OpenReadAsync(cover.Key, ct) is not { } stream)
                {
                    return Results.NotFound();
                }

                // The address carries the version (?v=), so a public cover may be kept; members' and drafts' stay private.
                http.Response.Headers.CacheControl = cover.ForEveryone ? "public, max-age=86400" : "private, max-age=300";
                return Results.Stream(stream, ContentType(cover.Key));
            })
            .AllowAnonymous().ExcludeFromDescription();
}
