using System.Reflection;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Compound;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Quartiersnetz.Platform.Search;

/// <summary>The analysed form of a text: its words in order (for phrases) and the parts found inside compounds.</summary>
internal sealed record AnalysedText(IReadOnlyList<string> Tokens, IReadOnlyList<string> Parts)
{
    public string TokenText => string.Join(' ', Tokens);

    public string PartText => string.Join(' ', Parts);
}

/// <summary>
/// German analysis, done in C# so SQLite and PostgreSQL index and search exactly the same terms (docs/adr/0005):
/// lower case, umlaut and ß folding (also "ae"/"oe"/"ue", so Buergerbeteiligung = Bürgerbeteiligung), other accents
/// folded to ASCII, compound parts from a shipped word list of the field (Quartiersmanagement → quartier, management)
/// and Lucene's light German stemmer (Wohnungen → wohnung). Every term ends up as [a-z0-9] only, so FTS5's unicode61
/// tokenizer and PostgreSQL's <c>simple</c> parser split the stored text identically.
/// </summary>
internal sealed class GermanAnalyzer : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int MinCompoundLength = 8;
    private const int MinPartLength = 4;
    private const int MaxPartLength = 20;

    private readonly Analyzer analyzer;

    public GermanAnalyzer()
        : this(LoadWordList())
    {
    }

    public GermanAnalyzer(IEnumerable<string> compoundParts)
    {
        // The dictionary is matched after folding, so it is folded the same way first.
        var dictionary = new CharArraySet(Version, 512, ignoreCase: false);
        using (var normaliser = BuildAnalyzer(null))
        {
            foreach (var word in compoundParts)
            {
                foreach (var folded in Terms(normaliser, word))
                {
                    dictionary.Add(folded);
                }
            }
        }

        analyzer = BuildAnalyzer(dictionary);
    }

    public static GermanAnalyzer Shared { get; } = new();

    /// <summary>The words of a text (stemmed, folded) in order, and the compound parts found inside them.</summary>
    public AnalysedText Analyse(string? text)
    {
        var tokens = new List<string>();
        var parts = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AnalysedText(tokens, parts);
        }

        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = Clean(term.ToString());
            if (value.Length == 0)
            {
                continue;
            }

            // The decompounder puts the parts at the position of their compound (increment 0).
            if (position.PositionIncrement == 0 && tokens.Count > 0)
            {
                if (value != tokens[^1] && !parts.Contains(value))
                {
                    parts.Add(value);
                }
            }
            else
            {
                tokens.Add(value);
            }
        }

        stream.End();
        return new AnalysedText(tokens, parts);
    }

    /// <summary>
    /// Where in the text each analysed term (compound parts included) comes from, for marking snippets: in the order of
    /// the text (a compound's parts right after it, with its offsets), read as the caller goes, so a caller that has
    /// what it needs stops the analysis there.
    /// </summary>
    public IEnumerable<(string Term, int Start, int End)> Locate(string text)
    {
        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            yield return (Clean(term.ToString()), offset.StartOffset, offset.EndOffset);
        }

        stream.End();
    }

    /// <summary>The analysed form of one query word (no compound parts: the word itself is matched against them).</summary>
    public IReadOnlyList<string> AnalyseQueryWord(string word) => Analyse(word).Tokens;

    public void Dispose() => analyzer.Dispose();

    private static Analyzer BuildAnalyzer(CharArraySet? dictionary) => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new GermanNormalizationFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        if (dictionary is not null)
        {
            stream = new DictionaryCompoundWordTokenFilter(Version, stream, dictionary, MinCompoundLength, MinPartLength, MaxPartLength, onlyLongestMatch: false);
            stream = new GermanLightStemFilter(stream);
        }

        return new TokenStreamComponents(source, stream);
    });

    private static List<string> Terms(Analyzer normaliser, string text)
    {
        var result = new List<string>();
        using var stream = normaliser.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(term.ToString());
        }

        stream.End();
        return result;
    }

    /// <summary>Keeps [a-z0-9]: the tokenizer leaves e.g. "3.5" or "o'brien" whole, both databases would split them.</summary>
    private static string Clean(string term)
    {
        var clean = true;
        foreach (var c in term)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return term;
        }

        var builder = new StringBuilder(term.Length);
        foreach (var c in term)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static List<string> LoadWordList()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Quartiersnetz.Search.CompoundWords.txt")
            ?? throw new InvalidOperationException("The compound word list is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
