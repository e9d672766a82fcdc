namespace Quartiersnetz.Features.Minutes;

/// <summary>
/// A line-by-line difference of two texts (longest common subsequence), for the revisions page: which lines a revision
/// removed and added. Minutes are at most a few hundred lines, so the quadratic table stays small.
/// </summary>
internal static class LineDiff
{
    internal enum Change
    {
        Same,
        Removed,
        Added,
    }

    /// <summary>Beyond this many lines on either side the table would be large; the page then shows the old text only.</summary>
    public const int MaxLines = 2000;

    public static IReadOnlyList<(Change Change, string Line)>? Compare(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return null;
        }

        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var result = new List<(Change, string)>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add((Change.Same, a[x]));
                (x, y) = (x + 1, y + 1);
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                result.Add((Change.Removed, a[x++]));
            }
            else
            {
                result.Add((Change.Added, b[y++]));
            }
        }

        result.AddRange(a.Skip(x).Select(line => (Change.Removed, line)));
        result.AddRange(b.Skip(y).Select(line => (Change.Added, line)));
        return result;
    }
}
