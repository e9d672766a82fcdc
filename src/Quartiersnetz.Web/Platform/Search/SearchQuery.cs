using System.Text.RegularExpressions;

namespace Quartiersnetz.Platform.Search;

/// <summary>One condition of a query: one of several terms (a word and its typo candidates), or a phrase.</summary>
internal sealed record SearchClause(string Word, IReadOnlyList<string> Terms, bool IsPhrase)
{
    /// <summary>Terms found by typo tolerance instead of the word itself, for the "did you mean" line.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>
    /// What a phrase asks of a document: each pair of adjacent terms ("a b") in its title or in its body
    /// (docs/adr/0005-german-search.md, addendum of session 28). Exact for two words; for longer phrases the pairs may
    /// stand apart, the price of answering a phrase from the index alone on PostgreSQL — both providers ask the same.
    /// </summary>
    public IEnumerable<string> Pairs => Terms.Zip(Terms.Skip(1), (first, second) => first + " " + second).Distinct(StringComparer.Ordinal);
}

/// <summary>A parsed query, or the German reason why it cannot be searched.</summary>
internal sealed record ParsedQuery(IReadOnlyList<SearchClause> Clauses, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Turns what a person typed into clauses: quoted parts are phrases, other words must all occur (each in its analysed
/// form, also as a part of a compound). Characters with a meaning in FTS5 or tsquery syntax never reach the database:
/// only analysed [a-z0-9] terms do.
/// </summary>
internal static partial class SearchQueryParser
{
    public const int MaxLength = 200;
    public const int MaxClauses = 10;
    public const int MinWordLength = 2;

    public const string TooLong = "Der Suchbegriff darf höchstens 200 Zeichen lang sein.";
    public const string NoWords = "Bitte geben Sie mindestens ein Wort mit zwei oder mehr Buchstaben oder Ziffern ein.";

    public static ParsedQuery Parse(string? text, GermanAnalyzer analyser)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParsedQuery([], NoWords);
        }

        if (text.Length > MaxLength)
        {
            return new ParsedQuery([], TooLong);
        }

        var clauses = new List<SearchClause>();
        var rest = PhrasePattern().Replace(text, match =>
        {
            var words = Words(match.Groups[1].Value);
            var terms = analyser.Analyse(string.Join(' ', words)).Tokens;
            if (terms.Count == 1)
            {
                clauses.Add(new SearchClause(words[0], terms, IsPhrase: false));
            }
            else if (terms.Count > 1)
            {
                clauses.Add(new SearchClause(string.Join(' ', words), terms, IsPhrase: true));
            }

            return " ";
        });

        foreach (var word in Words(rest))
        {
            foreach (var term in analyser.AnalyseQueryWord(word))
            {
                if (!clauses.Any(c => !c.IsPhrase && c.Terms[0] == term))
                {
                    clauses.Add(new SearchClause(word, [term], IsPhrase: false));
                }
            }
        }

        return clauses.Count == 0
            ? new ParsedQuery([], NoWords)
            : new ParsedQuery(clauses.Take(MaxClauses).ToList(), null);
    }

    /// <summary>Words of letters and digits with at least two characters; single letters find too much to help.</summary>
    public static List<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(m => m.Value).Where(w => w.Length >= MinWordLength)];

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex PhrasePattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}

/// <summary>Edit distance with adjacent transpositions (optimal string alignment), stopping early beyond the limit.</summary>
internal static class EditDistance
{
    public static int? Within(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return null;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return null;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length] <= max ? previous[b.Length] : null;
    }
}
