using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quartiersnetz.Platform.Search;

/// <summary>Who looks: every document says from which audience to which audience it may be shown.</summary>
internal enum SearchAudience
{
    /// <summary>Anyone, also without an account (and signed-in people without a role).</summary>
    Public = 0,

    /// <summary>Signed-in members of the network (any role).</summary>
    Members = 1,

    /// <summary>The office.</summary>
    Office = 2,
}

/// <summary>
/// One hit of the search: what a given range of audiences may see of one item (an item that looks alike for everyone
/// has one document; a person whose name only members may see has one for members and one for the office). The
/// analysed terms are stored beside it; the full-text index over them is provider-specific (docs/adr/0005).
/// </summary>
internal sealed class SearchDocument
{
    public const int KindMaxLength = 40;
    public const int KeyMaxLength = 100;
    public const int TitleMaxLength = 300;
    public const int UrlMaxLength = 300;
    public const int SubtypeMaxLength = 60;
    public const int SubtypeKeyMaxLength = 40;
    public const int SimilarTermsMaxLength = 500;

    /// <summary>
    /// What the indexer writes today. Documents of an older format (0: before the subtype facet and similar-item terms)
    /// are rebuilt at the next start (<see cref="SearchIndexSeed"/>); raise it when the indexer writes something new.
    /// (<see cref="Terms"/> came without a new format: the migration that added them filled them from <see cref="SimilarTerms"/>,
    /// since a rebuild empties each kind's search while it runs.)
    /// </summary>
    public const int CurrentFormat = 1;
    public const int ExcerptMaxLength = 1000;

    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Key { get; set; }

    public SearchAudience MinAudience { get; set; }

    public SearchAudience MaxAudience { get; set; }

    public required string Title { get; set; }

    public required string Url { get; set; }

    public string? Subtype { get; set; }

    /// <summary>Stable value of the subtype facet ("type"), declared by the source (<see cref="ISearchSource.Subtypes"/>), e.g. "Arbeitshilfe".</summary>
    public string? SubtypeKey { get; set; }

    /// <summary>
    /// The document's most telling analysed terms (title first, then the body's most frequent), space-separated: how
    /// similar items are ranked (<see cref="SimilarItemsQuery"/>). The same terms are rows of <see cref="Terms"/>.
    /// </summary>
    public string SimilarTerms { get; set; } = "";

    /// <summary>Indexer format the document was written with (<see cref="CurrentFormat"/>).</summary>
    public int Format { get; set; }

    /// <summary>Plain text the snippet is cut from (HTML-encoded when shown).</summary>
    public string Excerpt { get; set; } = "";

    public int? Year { get; set; }

    public string? MunicipalityAgs { get; set; }

    /// <summary>Regierungsbezirk code, e.g. "051" (the first three digits of the AGS).</summary>
    public string? RegionCode { get; set; }

    public string TitleTokens { get; set; } = "";

    public string BodyTokens { get; set; } = "";

    public string PartTokens { get; set; } = "";

    public DateTime IndexedAtUtc { get; set; }

    public List<SearchDocumentTopic> Topics { get; set; } = [];

    /// <summary>
    /// <see cref="SimilarTerms"/> one per row, so that similar items are found through an index by term; only for kinds
    /// offered as similar items (<see cref="ISearchSource.OffersSimilarItems"/>).
    /// </summary>
    public List<SearchDocumentTerm> Terms { get; set; } = [];
}

/// <summary>A topic (by slug) of a search document, for the topic facet and the topic neighbours of similar items.</summary>
internal sealed class SearchDocumentTopic
{
    public long DocumentId { get; set; }

    public required string TopicSlug { get; set; }

    /// <summary>
    /// The document may be shown as a similar item (its kind offers similar items, <see cref="ISearchSource.OffersSimilarItems"/>;
    /// people do not). With the audiences, a topic's range of neighbours holds only documents the caller may be shown.
    /// </summary>
    public bool SimilarCandidate { get; set; }

    /// <summary>The document's audiences, so that a topic's range holds only documents the caller may see.</summary>
    public SearchAudience MinAudience { get; set; }

    /// <inheritdoc cref="MinAudience"/>
    public SearchAudience MaxAudience { get; set; }
}

/// <summary>
/// One of a document's telling terms (<see cref="SearchDocument.SimilarTerms"/>). "Ähnliche Inhalte" finds candidates
/// here, per term the most recently indexed documents (an index range, like the topic neighbours), instead of an
/// OR-query of the terms in the full-text index: a document's telling terms are often common words, whose full-text
/// matches are most of the index (bench: 45–118 ms per item at national scale).
/// </summary>
internal sealed class SearchDocumentTerm
{
    public long DocumentId { get; set; }

    public required string Term { get; set; }

    /// <summary>The document's audiences, so that a term's range holds only documents the caller may see.</summary>
    public SearchAudience MinAudience { get; set; }

    /// <inheritdoc cref="MinAudience"/>
    public SearchAudience MaxAudience { get; set; }
}

/// <summary>Every term in the index once, for typo tolerance: candidates are looked up here, never in the documents.</summary>
internal sealed class SearchTerm
{
    public const int MaxLength = 60;

    public required string Term { get; set; }

    public int Length { get; set; }
}

/// <summary>An item whose documents must be rebuilt; written in the SaveChanges of the change (Key "*": the whole kind).</summary>
internal sealed class SearchIndexPending
{
    public const string AllKeys = "*";

    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Key { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    /// <summary>Named in SQL: SQLite's search statements read the documents through it (INDEXED BY).</summary>
    public const string FacetIndex = "IX_SearchDocuments_Facets";

    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable(SearchSchema.DocumentsTable);
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasMaxLength(SearchDocument.KindMaxLength);
        builder.Property(d => d.Key).HasMaxLength(SearchDocument.KeyMaxLength);
        builder.Property(d => d.Title).HasMaxLength(SearchDocument.TitleMaxLength);
        builder.Property(d => d.Url).HasMaxLength(SearchDocument.UrlMaxLength);
        builder.Property(d => d.Subtype).HasMaxLength(SearchDocument.SubtypeMaxLength);
        builder.Property(d => d.SubtypeKey).HasMaxLength(SearchDocument.SubtypeKeyMaxLength);
        builder.Property(d => d.SimilarTerms).HasMaxLength(SearchDocument.SimilarTermsMaxLength);
        builder.Property(d => d.Excerpt).HasMaxLength(SearchDocument.ExcerptMaxLength);
        builder.Property(d => d.MunicipalityAgs).HasMaxLength(8);
        builder.Property(d => d.RegionCode).HasMaxLength(3);
        builder.HasIndex(d => new { d.Kind, d.Key, d.MinAudience }).IsUnique();
        // "Ähnliche Inhalte" reads these columns for each candidate (SimilarItemsQuery): from this narrow index SQLite
        // reads about 40 bytes per document instead of the whole row with terms and excerpt. SQLite's planner does not
        // choose it for a rowid join by itself, so the statement names it. (The search itself counts facets in memory.)
        builder.HasIndex(d => new { d.Id, d.MinAudience, d.MaxAudience, d.Kind, d.Year, d.MunicipalityAgs, d.RegionCode, d.SubtypeKey })
            .HasDatabaseName(FacetIndex);
        builder.HasMany(d => d.Topics).WithOne().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Terms).WithOne().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SearchDocumentTopicConfiguration : IEntityTypeConfiguration<SearchDocumentTopic>
{
    public void Configure(EntityTypeBuilder<SearchDocumentTopic> builder)
    {
        builder.ToTable("SearchDocumentTopics");
        builder.HasKey(t => new { t.DocumentId, t.TopicSlug });
        builder.Property(t => t.TopicSlug).HasMaxLength(160);
        // SimilarItemsQuery reads a topic's newest candidates as an index range (on SQLite the index on the slug alone
        // sorted all of a topic's rows, 55 of 75 ms of an item's similar items at national scale); the audiences are in
        // the index so that documents the caller may not see (people, members-only items) do not take the range's places.
        builder.HasIndex(t => new { t.TopicSlug, t.SimilarCandidate, t.DocumentId, t.MinAudience, t.MaxAudience });
    }
}

internal sealed class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public void Configure(EntityTypeBuilder<SearchTerm> builder)
    {
        builder.ToTable("SearchTerms");
        builder.HasKey(t => t.Term);
        builder.Property(t => t.Term).HasMaxLength(SearchTerm.MaxLength);
        // Typo candidates are looked up by length and first letter: an index range per length.
        builder.HasIndex(t => new { t.Length, t.Term });
    }
}

internal sealed class SearchIndexPendingConfiguration : IEntityTypeConfiguration<SearchIndexPending>
{
    public void Configure(EntityTypeBuilder<SearchIndexPending> builder)
    {
        builder.ToTable("SearchIndexPending");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Kind).HasMaxLength(SearchDocument.KindMaxLength);
        builder.Property(p => p.Key).HasMaxLength(SearchDocument.KeyMaxLength);
    }
}

internal sealed class SearchDocumentTermConfiguration : IEntityTypeConfiguration<SearchDocumentTerm>
{
    public void Configure(EntityTypeBuilder<SearchDocumentTerm> builder)
    {
        builder.ToTable("SearchDocumentTerms");
        builder.HasKey(t => new { t.DocumentId, t.Term });
        builder.Property(t => t.Term).HasMaxLength(SearchTerm.MaxLength);
        // SimilarItemsQuery reads, per term, the newest documents the caller may see: a range of this index, newest
        // first, the audiences tested inside the index.
        builder.HasIndex(t => new { t.Term, t.DocumentId, t.MinAudience, t.MaxAudience });
    }
}
