using System.Text;

namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// German-like report prose for publication files and project texts, with a vocabulary big enough for the search to
/// mean something: about 4,600 compound nouns ("Bürger" + "beteiligung", "Quartiers" + "management") in singular,
/// plural and dative plural, inflected adjectives and verbs. Words are drawn with a skewed (Zipf-like) frequency, and
/// each document leans on a few themes of its own, so a common word is found in most documents, a compound part in
/// many, and a rare compound in few, as in a real library. Everything comes from the caller's seeded
/// <see cref="Random"/>.
/// </summary>
internal static class FullText
{
    /// <summary>First parts of compounds, roughly most frequent first.</summary>
    private static readonly string[] Modifiers =
    [
        "Quartiers", "Stadtteil", "Bürger", "Nachbarschafts", "Stadt", "Jugend", "Kinder", "Familien", "Senioren", "Bewohner",
        "Wohnungs", "Schul", "Bildungs", "Gesundheits", "Integrations", "Sanierungs", "Förder", "Projekt", "Sozial", "Klima",
        "Energie", "Verkehrs", "Mobilitäts", "Freiraum", "Spielplatz", "Grünflächen", "Innenstadt", "Gemeinwesen", "Mieter",
        "Eigentümer", "Gewerbe", "Einzelhandels", "Kultur", "Sport", "Umwelt", "Lärm", "Sicherheits", "Öffentlichkeits",
        "Beteiligungs", "Arbeitsmarkt", "Beschäftigungs", "Qualifizierungs", "Sprach", "Migrations", "Ehrenamts", "Vereins",
        "Kommunal", "Landes", "Bundes", "Verwaltungs", "Planungs", "Bau", "Gebäude", "Fassaden", "Hof", "Straßen", "Platz",
        "Park", "Wasser", "Regenwasser", "Hitze", "Baum", "Garten", "Markt", "Zentren", "Ortskern", "Siedlungs", "Dorf",
        "Leerstands", "Immobilien", "Boden", "Flächen", "Haushalts", "Finanzierungs", "Evaluations", "Monitoring", "Daten",
        "Digital", "Medien", "Armuts", "Teilhabe", "Inklusions", "Gleichstellungs", "Präventions", "Sucht", "Pflege",
        "Nahversorgungs", "Begegnungs", "Frauen", "Mädchen", "Männer", "Eltern", "Kita", "Ganztags", "Hochschul", "Forschungs",
    ];

    /// <summary>Heads of compounds: singular, plural, article of the singular.</summary>
    private static readonly (string Singular, string Plural, string Article)[] Heads =
    [
        ("beteiligung", "beteiligungen", "die"), ("management", "managements", "das"), ("entwicklung", "entwicklungen", "die"),
        ("planung", "planungen", "die"), ("förderung", "förderungen", "die"), ("arbeit", "arbeiten", "die"),
        ("konzept", "konzepte", "das"), ("beirat", "beiräte", "der"), ("konferenz", "konferenzen", "die"),
        ("fonds", "fonds", "der"), ("zentrum", "zentren", "das"), ("büro", "büros", "das"), ("netzwerk", "netzwerke", "das"),
        ("initiative", "initiativen", "die"), ("angebot", "angebote", "das"), ("maßnahme", "maßnahmen", "die"),
        ("programm", "programme", "das"), ("strategie", "strategien", "die"), ("bericht", "berichte", "der"),
        ("analyse", "analysen", "die"), ("befragung", "befragungen", "die"), ("werkstatt", "werkstätten", "die"),
        ("verfahren", "verfahren", "das"), ("struktur", "strukturen", "die"), ("projekt", "projekte", "das"),
        ("gestaltung", "gestaltungen", "die"), ("sanierung", "sanierungen", "die"), ("erneuerung", "erneuerungen", "die"),
        ("versorgung", "versorgungen", "die"), ("qualität", "qualitäten", "die"), ("beratung", "beratungen", "die"),
        ("treff", "treffs", "der"), ("haus", "häuser", "das"), ("platz", "plätze", "der"), ("gebiet", "gebiete", "das"),
        ("politik", "politiken", "die"), ("koordination", "koordinationen", "die"), ("gruppe", "gruppen", "die"),
        ("kooperation", "kooperationen", "die"), ("aktivierung", "aktivierungen", "die"), ("bilanz", "bilanzen", "die"),
        ("leitbild", "leitbilder", "das"), ("budget", "budgets", "das"), ("akteur", "akteure", "der"),
        ("bedarf", "bedarfe", "der"), ("raum", "räume", "der"), ("wandel", "wandel", "der"), ("landschaft", "landschaften", "die"),
    ];

    private static readonly string[] Adjectives =
    [
        "sozial", "integriert", "nachhaltig", "öffentlich", "kommunal", "lokal", "gemeinsam", "neu", "wichtig", "langfristig",
        "barrierefrei", "klimagerecht", "kinderfreundlich", "interkulturell", "ehrenamtlich", "städtebaulich", "benachteiligt",
        "aktiv", "verstetigt", "zentral", "kleinteilig", "niedrigschwellig", "verbindlich", "dauerhaft", "zusätzlich",
        "quartiersbezogen", "ressortübergreifend", "generationengerecht", "gesundheitsfördernd", "partizipativ",
    ];

    /// <summary>Verbs in the third person plural.</summary>
    private static readonly string[] Verbs =
    [
        "stärken", "fördern", "begleiten", "unterstützen", "verbessern", "entwickeln", "gestalten", "vernetzen", "beleben",
        "erneuern", "verstetigen", "erreichen", "ermöglichen", "bündeln", "sichern", "beteiligen", "aktivieren", "qualifizieren",
        "evaluieren", "finanzieren", "koordinieren", "prägen", "verändern", "ergänzen",
    ];

    private static readonly string[] Connectors =
    [
        "Darüber hinaus", "Gleichzeitig", "Im Ergebnis", "Zudem", "Vor diesem Hintergrund", "Insbesondere", "Außerdem",
        "Im Rahmen der Förderung", "Nach Auskunft der Beteiligten", "Wie die Befragung zeigt", "Langfristig", "In der Praxis",
    ];

    private static readonly string[] Places =
    [
        "im Quartier", "im Stadtteil", "in der Nachbarschaft", "vor Ort", "in der Innenstadt", "im Programmgebiet",
        "in den Wohnsiedlungen", "am Stadtrand", "im Ortskern", "in der Kommune", "auf Landesebene", "in Nordrhein-Westfalen",
    ];

    /// <summary>Compounds as (modifier index, head index); the first is the most frequent.</summary>
    private static readonly int CompoundCount = Modifiers.Length * Heads.Length;

    /// <summary>A compound chosen for a document's theme, e.g. ("Bürger", "beteiligung") → index.</summary>
    public static int ThemeCompound(Random random) => Skewed(random, CompoundCount, 1.6);

    /// <summary>The singular with its article ("die Bürgerbeteiligung").</summary>
    public static string CompoundSingular(int compound) => Modifiers[compound % Modifiers.Length] + Heads[compound / Modifiers.Length].Singular;

    public static string CompoundPlural(int compound) => Modifiers[compound % Modifiers.Length] + Heads[compound / Modifiers.Length].Plural;

    public static string Article(int compound) => Heads[compound / Modifiers.Length].Article;

    /// <summary>A title-case compound like "Quartiersmanagement" for titles.</summary>
    public static string Title(Random random, IReadOnlyList<int> themes)
    {
        var main = CompoundSingular(GermanText.Pick(random, themes));
        return random.Next(5) switch
        {
            0 => $"{main} {GermanText.Pick(random, Places)}",
            1 => $"{main} und {CompoundSingular(Compound(random, themes))}",
            2 => $"{Capital(Inflect(GermanText.Pick(random, Adjectives), "e"))} {main}",
            3 => $"Wege zur {main}",
            _ => $"{main}: Erfahrungen aus {random.Next(3, 40)} Kommunen",
        };
    }

    /// <summary>
    /// Appends about <paramref name="chars"/> characters of prose on the themes: paragraphs of 3–8 sentences, with page
    /// breaks ("\n") every ~2,500 characters like the app's PDF extraction writes them.
    /// </summary>
    public static void Append(StringBuilder text, Random random, IReadOnlyList<int> themes, string placeName, int chars)
    {
        var end = text.Length + chars;
        var page = text.Length;
        while (text.Length < end)
        {
            var sentences = random.Next(3, 9);
            for (var s = 0; s < sentences; s++)
            {
                Sentence(text, random, themes, placeName);
                text.Append(' ');
            }

            if (text.Length - page > 2_500)
            {
                text.Append('\n');
                page = text.Length;
            }
        }
    }

    /// <summary>A paragraph of markdown-free prose of about <paramref name="chars"/> characters, cut at a sentence.</summary>
    public static string Paragraph(Random random, IReadOnlyList<int> themes, string placeName, int chars)
    {
        var text = new StringBuilder(chars + 200);
        while (text.Length < chars)
        {
            Sentence(text, random, themes, placeName);
            text.Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    private static void Sentence(StringBuilder text, Random random, IReadOnlyList<int> themes, string placeName)
    {
        switch (random.Next(7))
        {
            case 0:
                text.Append(GermanText.Sentence(random));
                break;
            case 1:
                text.Append(GermanText.Pick(random, Connectors)).Append(' ')
                    .Append(GermanText.Pick(random, Verbs)).Append(" die ")
                    .Append(Inflect(GermanText.Pick(random, Adjectives), "en")).Append(' ').Append(CompoundPlural(Compound(random, themes)))
                    .Append(' ').Append(GermanText.Pick(random, Places)).Append(" die ").Append(CompoundSingular(Compound(random, themes))).Append('.');
                break;
            case 2:
                var c = Compound(random, themes);
                text.Append(Capital(Article(c))).Append(' ').Append(CompoundSingular(c)).Append(" in ").Append(placeName)
                    .Append(" wurde ").Append(random.Next(1995, 2026)).Append(" mit ").Append(random.Next(2, 90) * 1_000).Append(" Euro aus dem ")
                    .Append(CompoundSingular(Compound(random, themes)).Replace("beteiligung", "fonds", StringComparison.Ordinal)).Append(" gefördert.");
                break;
            case 3:
                text.Append("Die ").Append(Inflect(GermanText.Pick(random, Adjectives), "en")).Append(' ').Append(CompoundPlural(Compound(random, themes)))
                    .Append(' ').Append(GermanText.Pick(random, Verbs)).Append(" die ").Append(CompoundSingular(Compound(random, themes)))
                    .Append(" und ").Append(Article(Compound(random, themes)) == "der" ? "den " : "die ").Append(CompoundSingular(Compound(random, themes))).Append('.');
                break;
            case 4:
                text.Append("Mit ").Append(random.Next(2, 60)).Append(' ').Append(Dative(CompoundPlural(Compound(random, themes))))
                    .Append(" und ").Append(Dative(CompoundPlural(Compound(random, themes)))).Append(' ')
                    .Append(random.Next(2) == 0 ? "konnten" : "sollen").Append(' ').Append(GermanText.Pick(random, Places)).Append(' ')
                    .Append(Inflect(GermanText.Pick(random, Adjectives), "e")).Append(' ').Append(CompoundPlural(Compound(random, themes)))
                    .Append(' ').Append(GermanText.Pick(random, Verbs)).Append(" werden.");
                break;
            case 5:
                text.Append("Tabelle ").Append(random.Next(1, 30)).Append(": ").Append(CompoundPlural(Compound(random, themes)))
                    .Append(" nach ").Append(Dative(CompoundPlural(Compound(random, themes)))).Append(", ")
                    .Append(random.Next(2008, 2026)).Append(" bis ").Append(random.Next(2008, 2026)).Append(" (Anteil ")
                    .Append(random.Next(1, 99)).Append(" %).");
                break;
            default:
                text.Append(GermanText.Pick(random, GermanText.FirstNames)).Append(' ').Append(GermanText.Pick(random, GermanText.LastNames))
                    .Append(" vom ").Append(CompoundSingular(Compound(random, themes)).Replace("beteiligung", "büro", StringComparison.Ordinal))
                    .Append(" berichtet, dass die ").Append(CompoundPlural(Compound(random, themes))).Append(' ')
                    .Append(GermanText.Pick(random, Places)).Append(' ').Append(GermanText.Pick(random, GermanText.SubTopics)).Append(' ')
                    .Append(GermanText.Pick(random, Verbs)).Append('.');
                break;
        }
    }

    /// <summary>Half of the time one of the document's themes, otherwise any compound with a skewed frequency.</summary>
    private static int Compound(Random random, IReadOnlyList<int> themes) =>
        random.Next(2) == 0 && themes.Count > 0 ? themes[random.Next(themes.Count)] : Skewed(random, CompoundCount, 2.2);

    /// <summary>An index below <paramref name="count"/>, small ones much more often (u^k).</summary>
    private static int Skewed(Random random, int count, double power)
    {
        // Modifiers and heads are skewed separately, so a frequent head ("beteiligung") goes with many modifiers.
        var modifier = (int)(Modifiers.Length * Math.Pow(random.NextDouble(), power));
        var head = (int)(Heads.Length * Math.Pow(random.NextDouble(), power));
        return Math.Min(count - 1, (head * Modifiers.Length) + modifier);
    }

    private static string Inflect(string adjective, string ending) => adjective.EndsWith('e') ? adjective + ending[1..] : adjective + ending;

    private static string Dative(string plural) => plural.EndsWith('n') || plural.EndsWith('s') ? plural : plural + "n";

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
