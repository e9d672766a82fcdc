using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.News;

/// <summary>Who may read an article once it is published.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NewsVisibility>))]
internal enum NewsVisibility
{
    /// <summary>Everyone, also without an account; in feeds, sitemap and search for the public.</summary>
    Public,

    /// <summary>Signed-in members of the network (any role): how information is spread within the membership.</summary>
    Members,
}

internal static class NewsLabels
{
    /// <summary>German source text for the localizer.</summary>
    public static string Label(NewsVisibility visibility) => visibility == NewsVisibility.Public ? "Öffentlich" : "Nur für Mitglieder";

    public static NewsVisibility? ParseVisibility(string? value) =>
        Enum.TryParse<NewsVisibility>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;
}

/// <summary>
/// A news article (Aktuelles). <see cref="PublishAtUtc"/> null is a draft; a time in the future schedules it. Before that
/// time only the office sees it. <see cref="Announced"/> records that the publication has taken effect for the search index
/// and the public page cache (set at save for articles published at once, else by <see cref="NewsPublicationJob"/>).
/// </summary>
internal sealed class NewsArticle
{
    public const int SlugMaxLength = 120;
    public const int TitleMaxLength = 200;
    public const int TeaserMaxLength = 500;
    public const int BodyMaxLength = 50000;
    public const int AltTextMaxLength = 300;
    public const int CreditMaxLength = 200;

    /// <summary>The item kind of news in the topic assignment table.</summary>
    public const string TopicKind = "news";

    public Guid Id { get; init; } = Guid.NewGuid();

    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    public string Teaser { get; set; } = "";

    /// <summary>Markdown; rendered through the shared sanitising renderer.</summary>
    public string Body { get; set; } = "";

    /// <summary>File key of the re-encoded image in the file storage, or null.</summary>
    public string? ImageKey { get; set; }

    public string? ImageAltText { get; set; }

    public string? ImageCredit { get; set; }

    public Guid? AuthorId { get; set; }

    /// <summary>Display name of the author when the article was written; kept when the account is deleted.</summary>
    public string AuthorName { get; set; } = "";

    public DateTime? PublishAtUtc { get; set; }

    public bool Announced { get; set; }

    public NewsVisibility Visibility { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public bool IsPublishedAt(DateTime nowUtc) => PublishAtUtc is { } at && at <= nowUtc;
}

/// <summary>An event the article refers to (related events, picked by id).</summary>
internal sealed class NewsArticleEvent
{
    public Guid ArticleId { get; set; }

    public Guid EventId { get; set; }
}

internal sealed class NewsArticleConfiguration : IEntityTypeConfiguration<NewsArticle>
{
    public void Configure(EntityTypeBuilder<NewsArticle> builder)
    {
        builder.ToTable("NewsArticles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Slug).HasMaxLength(NewsArticle.SlugMaxLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(NewsArticle.TitleMaxLength);
        builder.Property(a => a.Teaser).HasMaxLength(NewsArticle.TeaserMaxLength);
        builder.Property(a => a.Body).HasMaxLength(NewsArticle.BodyMaxLength);
        builder.Property(a => a.ImageKey).HasMaxLength(200);
        builder.Property(a => a.ImageAltText).HasMaxLength(NewsArticle.AltTextMaxLength);
        builder.Property(a => a.ImageCredit).HasMaxLength(NewsArticle.CreditMaxLength);
        builder.Property(a => a.AuthorName).HasMaxLength(UserAccount.DisplayNameMaxLength);
        builder.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.PublishAtUtc, a.Visibility });
        builder.HasIndex(a => a.Announced);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NewsArticleEventConfiguration : IEntityTypeConfiguration<NewsArticleEvent>
{
    public void Configure(EntityTypeBuilder<NewsArticleEvent> builder)
    {
        builder.ToTable("NewsArticleEvents");
        builder.HasKey(r => new { r.ArticleId, r.EventId });
        builder.HasOne<NewsArticle>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.EventId);
    }
}
