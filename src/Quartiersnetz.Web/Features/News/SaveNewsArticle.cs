using System.ComponentModel.DataAnnotations;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Features.News;

/// <summary>A refusal: the input field (PascalCase, as in the form and the API) and a German source text with its arguments.</summary>
internal sealed record NewsRefusal(string Field, string Message, params object[] Args);

/// <summary>
/// The office writes, changes and deletes articles. Every check runs before anything is stored: a refused article leaves
/// neither a row nor a file behind. The image is written to the file storage only when the row will be saved, and removed
/// again when the save fails.
/// </summary>
internal static class SaveNewsArticle
{
    internal sealed class Input
    {
        [Required(ErrorMessage = "Bitte geben Sie den Titel ein.")]
        [StringLength(NewsArticle.TitleMaxLength, ErrorMessage = "Der Titel darf höchstens {1} Zeichen haben.")]
        public string? Title { get; set; }

        /// <summary>The address part (/aktuelles/{slug}); made from the title when left out.</summary>
        [StringLength(NewsArticle.SlugMaxLength, ErrorMessage = "Die Adresse darf höchstens {1} Zeichen haben.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie einen Anreißer ein (ein, zwei Sätze für Listen und Vorschauen).")]
        [StringLength(NewsArticle.TeaserMaxLength, ErrorMessage = "Der Anreißer darf höchstens {1} Zeichen haben.")]
        public string? Teaser { get; set; }

        [Required(ErrorMessage = "Bitte geben Sie den Text der Meldung ein.")]
        [StringLength(NewsArticle.BodyMaxLength, ErrorMessage = "Der Text darf höchstens {1} Zeichen haben.")]
        public string? Body { get; set; }

        [Required(ErrorMessage = "Bitte wählen Sie, wer die Meldung lesen darf.")]
        [EnumDataType(typeof(NewsVisibility), ErrorMessage = "Bitte wählen Sie, wer die Meldung lesen darf.")]
        public NewsVisibility? Visibility { get; set; }

        /// <summary>When the article appears; empty without <see cref="PublishNow"/> keeps it as a draft.</summary>
        public DateTimeOffset? PublishAt { get; set; }

        /// <summary>"sofort veröffentlichen": publish now, whatever <see cref="PublishAt"/> says.</summary>
        public bool PublishNow { get; set; }

        public List<string> Topics { get; set; } = [];

        public List<Guid> RelatedEvents { get; set; } = [];

        [StringLength(NewsArticle.AltTextMaxLength, ErrorMessage = "Der Alternativtext darf höchstens {1} Zeichen haben.")]
        public string? ImageAltText { get; set; }

        [StringLength(NewsArticle.CreditMaxLength, ErrorMessage = "Die Bildquelle darf höchstens {1} Zeichen haben.")]
        public string? ImageCredit { get; set; }

        /// <summary>A new image (bytes as uploaded); null keeps the current one.</summary>
        public byte[]? Image { get; set; }

        public bool RemoveImage { get; set; }
    }

    internal sealed record Outcome(Guid? Id, string? Slug, IReadOnlyList<NewsRefusal> Refusals)
    {
        public bool Succeeded => Refusals.Count == 0;

        public static Outcome Refused(params NewsRefusal[] refusals) => new(null, null, refusals);
    }

    public static Task<Outcome> CreateAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid? authorId, string authorName, TimeProvider clock, Input input,
        CancellationToken cancellationToken) =>
        SaveAsync(db, files, audit, actor, null, authorId, authorName, clock, input, cancellationToken);

    public static Task<Outcome> UpdateAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid id, TimeProvider clock, Input input, CancellationToken cancellationToken) =>
        SaveAsync(db, files, audit, actor, id, null, "", clock, input, cancellationToken);

    private static async Task<Outcome> SaveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid? id, Guid? authorId, string authorName, TimeProvider clock,
        Input input, CancellationToken cancellationToken)
    {
        var refusals = new List<NewsRefusal>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        refusals.AddRange(results.Select(r => new NewsRefusal(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage ?? "")));

        NewsArticle? article = null;
        if (id is { } existingId)
        {
            article = await db.Set<NewsArticle>().SingleOrDefaultAsync(a => a.Id == existingId, cancellationToken);
            if (article is null)
            {
                return Outcome.Refused(new NewsRefusal("", "Diese Meldung gibt es nicht mehr."));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (slug is not null && !Slugs.IsValid(slug))
        {
            refusals.Add(new NewsRefusal(nameof(Input.Slug), "Die Adresse darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten, z. B. neue-foerderrichtlinie."));
        }
        else if (slug is not null && await db.Set<NewsArticle>().AnyAsync(a => a.Slug == slug && a.Id != (id ?? Guid.Empty), cancellationToken))
        {
            refusals.Add(new NewsRefusal(nameof(Input.Slug), "Die Adresse „{0}“ hat schon eine andere Meldung. Bitte wählen Sie eine andere.", slug));
        }

        // Scheduling: a time in the past is a mistake unless the office chose to publish now; an unchanged time of an
        // article that is already out stays as it is.
        DateTime? publishAt = null;
        if (input.PublishNow)
        {
            publishAt = article?.IsPublishedAt(now) == true ? article.PublishAtUtc : now;
        }
        else if (input.PublishAt is { } wanted)
        {
            var wantedUtc = wanted.UtcDateTime;
            var unchanged = article?.PublishAtUtc is { } current && Math.Abs((current - wantedUtc).TotalMinutes) < 1;
            if (unchanged)
            {
                publishAt = article!.PublishAtUtc;
            }
            else if (wantedUtc <= now)
            {
                refusals.Add(new NewsRefusal(nameof(Input.PublishAt),
                    "Der Zeitpunkt liegt in der Vergangenheit. Wählen Sie einen späteren Zeitpunkt oder „sofort veröffentlichen“."));
            }
            else
            {
                publishAt = wantedUtc;
            }
        }

        byte[]? image = null;
        if (input.Image is { } upload)
        {
            var (jpeg, problem) = NewsImage.Reencode(upload);
            if (jpeg is null)
            {
                refusals.Add(new NewsRefusal(nameof(Input.Image), problem == ImageProblem.TooLarge
                    ? "Das Bild ist zu groß. Erlaubt sind höchstens {0} MB."
                    : "Die Datei ist kein Bild im Format JPEG, PNG oder WebP (oder sie ist beschädigt oder zu groß in Pixeln).", NewsImage.MaxFileBytes / (1024 * 1024)));
            }

            image = jpeg;
        }

        var keepsImage = input.Image is not null || (!input.RemoveImage && article?.ImageKey is not null);
        if (keepsImage && string.IsNullOrWhiteSpace(input.ImageAltText))
        {
            refusals.Add(new NewsRefusal(nameof(Input.ImageAltText), "Bitte beschreiben Sie das Bild in einem Alternativtext (für Menschen, die es nicht sehen)."));
        }

        var eventIds = input.RelatedEvents.Distinct().ToList();
        if (eventIds.Count > 0)
        {
            var known = await db.Set<Event>().Where(e => eventIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
            foreach (var missing in eventIds.Except(known))
            {
                refusals.Add(new NewsRefusal(nameof(Input.RelatedEvents), "Es gibt keine Veranstaltung mit der Kennung {0}.", missing));
            }
        }

        if (refusals.Count > 0)
        {
            return new Outcome(null, null, refusals);
        }

        var isNew = article is null;
        article ??= new NewsArticle { CreatedAtUtc = now, AuthorId = authorId, AuthorName = authorName };
        article.Slug = slug ?? (article.Slug.Length > 0 ? article.Slug : await FreeSlugAsync(db, input.Title!, cancellationToken));
        article.Title = input.Title!.Trim();
        article.Teaser = input.Teaser!.Trim();
        article.Body = input.Body!;
        article.Visibility = input.Visibility!.Value;
        article.PublishAtUtc = publishAt;
        article.Announced = article.IsPublishedAt(now);
        article.UpdatedAtUtc = now;
        article.ImageCredit = keepsImage && !string.IsNullOrWhiteSpace(input.ImageCredit) ? input.ImageCredit.Trim() : null;
        article.ImageAltText = keepsImage ? input.ImageAltText!.Trim() : null;
        if (isNew)
        {
            db.Add(article);
        }

        var topics = await AssignTopics.HandleAsync(db, NewsArticle.TopicKind, article.Id.ToString(), input.Topics, cancellationToken);
        if (!topics.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(new NewsRefusal(nameof(Input.Topics), topics.Error!));
        }

        var currentEvents = await db.Set<NewsArticleEvent>().Where(r => r.ArticleId == article.Id).ToListAsync(cancellationToken);
        db.RemoveRange(currentEvents.Where(r => !eventIds.Contains(r.EventId)));
        foreach (var eventId in eventIds.Where(e => currentEvents.All(r => r.EventId != e)))
        {
            db.Add(new NewsArticleEvent { ArticleId = article.Id, EventId = eventId });
        }

        var previousImage = article.ImageKey;
        string? newImage = null;
        if (image is not null)
        {
            newImage = NewsImage.NewKey();
            await files.SaveAsync(newImage, image, cancellationToken);
            article.ImageKey = newImage;
        }
        else if (!keepsImage)
        {
            article.ImageKey = null;
        }

        audit.Record(actor, isNew ? "news.created" : "news.updated", "NewsArticle", article.Id.ToString(), article.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row does not name the new file: it would be an orphan.
            if (newImage is not null)
            {
                await files.DeleteAsync(newImage, CancellationToken.None);
            }

            throw;
        }

        if (previousImage is not null && previousImage != article.ImageKey)
        {
            await files.DeleteAsync(previousImage, CancellationToken.None);
        }

        return new Outcome(article.Id, article.Slug, []);
    }

    /// <summary>Deletes the article with its topics, related events and image; false when it does not exist.</summary>
    public static async Task<bool> DeleteAsync(QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var article = await db.Set<NewsArticle>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return false;
        }

        var key = article.Id.ToString();
        db.RemoveRange(await db.Set<TopicAssignment>().Where(t => t.ItemKind == NewsArticle.TopicKind && t.ItemKey == key).ToListAsync(cancellationToken));
        db.Remove(article);
        audit.Record(actor, "news.deleted", "NewsArticle", key, article.Title);
        await db.SaveChangesAsync(cancellationToken);
        if (article.ImageKey is { } image)
        {
            await files.DeleteAsync(image, CancellationToken.None);
        }

        return true;
    }

    /// <summary>A slug from the title (German letters folded: ä → ae, ß → ss), numbered when taken.</summary>
    private static async Task<string> FreeSlugAsync(QuartiersnetzDbContext db, string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugs.Fold(title, NewsArticle.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "meldung";
        var taken = await db.Set<NewsArticle>().Where(a => a.Slug == baseSlug || a.Slug.StartsWith(baseSlug + "-")).Select(a => a.Slug).ToListAsync(cancellationToken);
        return Slugs.FirstFree(baseSlug, taken);
    }
}
