using System.Globalization;
using System.Text;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Topics;

internal enum TopicStatus
{
    Active = 0,
    Retired = 1,
}

/// <summary>
/// A Handlungsfeld or a sub-topic of one (one level deep). Topics are never deleted: a retired topic keeps its
/// address, and a merged one sends visitors on to the topic it was merged into.
/// </summary>
internal sealed class Topic
{
    public const int NameMaxLength = 150;
    public const int SlugMaxLength = 160;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The address part (/themen/{slug}); fixed at creation, so links stay valid after a rename.</summary>
    public required string Slug { get; init; }

    public string Name { get; private set; } = "";

    /// <summary>German sort order independent of the database collation.</summary>
    public string SortKey { get; private set; } = "";

    public Guid? ParentId { get; set; }

    public string? Description { get; set; }

    public TopicStatus Status { get; set; } = TopicStatus.Active;

    public Guid? MergedIntoId { get; set; }

    public void Rename(string name)
    {
        Name = name.Trim();
        SortKey = GermanSortKey.For(Name);
    }

    public static Topic Create(string name, Guid? parentId, string? description)
    {
        var topic = new Topic { Slug = SlugFor(name), ParentId = parentId, Description = description };
        topic.Rename(name);
        return topic;
    }

    /// <summary>"Lokale Ökonomie, Beschäftigung" → "lokale-oekonomie-beschaeftigung".</summary>
    public static string SlugFor(string name)
    {
        var lower = name.Trim().ToLower(BerlinTime.Culture)
            .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > SlugMaxLength ? slug[..SlugMaxLength].Trim('-') : slug;
    }
}

/// <summary>
/// One item of any feature tagged with one topic. Features name their items by a kind ("person") and a key
/// (the item's id as text), so this one table serves them all without foreign keys into their tables.
/// </summary>
internal sealed class TopicAssignment
{
    public const int ItemKindMaxLength = 40;
    public const int ItemKeyMaxLength = 100;

    public Guid TopicId { get; set; }

    public required string ItemKind { get; init; }

    public required string ItemKey { get; init; }
}
