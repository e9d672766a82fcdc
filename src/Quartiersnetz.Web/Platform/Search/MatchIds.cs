using System.Buffers;

namespace Quartiersnetz.Platform.Search;

/// <summary>
/// Document ids in an array from the shared pool, returned on dispose: the ids a full-text match found, and the stored
/// lists of frequent terms (<see cref="SearchPostings"/>, sorted). A common word finds 55,000 ids at national scale: as
/// a growing list that was about 1 MB of large-object-heap arrays per search, collected only by full (gen 2) collections.
/// </summary>
internal sealed class MatchIds(int capacity) : IDisposable
{
    private long[] items = ArrayPool<long>.Shared.Rent(Math.Max(1024, capacity));

    public MatchIds()
        : this(1024)
    {
    }

    public int Count { get; private set; }

    public ReadOnlyMemory<long> Memory => items.AsMemory(0, Count);

    public ReadOnlySpan<long> Span => items.AsSpan(0, Count);

    public void Add(long id)
    {
        if (Count == items.Length)
        {
            var larger = ArrayPool<long>.Shared.Rent(items.Length * 2);
            items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<long>.Shared.Return(items);
            items = larger;
        }

        items[Count++] = id;
    }

    public static MatchIds Copy(ReadOnlySpan<long> ids)
    {
        var copy = new MatchIds(ids.Length);
        ids.CopyTo(copy.items);
        copy.Count = ids.Length;
        return copy;
    }

    /// <summary>The ids in either of two sorted lists, sorted, each once.</summary>
    public static MatchIds Union(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var union = new MatchIds(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                union.Add(a[i++]);
            }
            else if (i == a.Length || b[j] < a[i])
            {
                union.Add(b[j++]);
            }
            else
            {
                union.Add(a[i++]);
                j++;
            }
        }

        return union;
    }

    /// <summary>The ids in both of two sorted lists, sorted.</summary>
    public static MatchIds Intersect(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var both = new MatchIds(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (b[j] < a[i])
            {
                j++;
            }
            else
            {
                both.Add(a[i++]);
                j++;
            }
        }

        return both;
    }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(items);
        items = [];
        Count = 0;
    }
}
