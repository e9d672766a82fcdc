namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// German-looking names and prose from hand-written word lists, so that full-text search, stemming and German
/// sorting meet inflected German words, umlauts and ß rather than lorem ipsum. Everything is drawn from the
/// caller's seeded <see cref="Random"/>, so a seed gives the same text every time.
/// </summary>
internal static class GermanText
{
    public static readonly string[] FirstNames =
    [
        "Anna", "Lena", "Marie", "Sophie", "Lea", "Hannah", "Emma", "Mia", "Laura", "Julia", "Sarah", "Katharina",
        "Johanna", "Charlotte", "Franziska", "Jana", "Nina", "Miriam", "Carla", "Greta", "Ayşe", "Elif", "Zeynep",
        "Fatma", "Aleksandra", "Natalia", "Ewa", "Jülide", "Sabine", "Petra", "Claudia", "Ute", "Birgit", "Monika",
        "Andrea", "Gabriele", "Susanne", "Heike", "Kerstin", "Doris", "Dörte", "Bärbel", "Jörg", "Jürgen", "Günter",
        "Björn", "Sören", "Lukas", "Jonas", "Leon", "Paul", "Felix", "Maximilian", "Moritz", "Tobias", "Florian",
        "Sebastian", "Jan", "Niklas", "David", "Simon", "Matthias", "Andreas", "Stefan", "Thomas", "Michael",
        "Christian", "Markus", "Frank", "Ralf", "Uwe", "Dirk", "Holger", "Klaus", "Wolfgang", "Peter", "Hans",
        "Mehmet", "Mustafa", "Emre", "Can", "Deniz", "Kemal", "Piotr", "Marek", "Dimitrios", "Luca", "Marco",
        "Kim", "Alex", "Robin", "Sascha", "Toni", "Eike", "Mareike", "Ines", "Maren", "Wiebke", "Henrike", "Till",
    ];

    public static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
        "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
        "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
        "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas",
        "Schreiber", "Graf", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann",
        "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik",
        "Öztürk", "Nowak", "Kowalski", "Wiśniewski", "Papadopoulos", "Rossi", "Hüsken", "Terhorst", "Overbeck",
        "Brüggemann", "Kötter", "Schulte", "Heitkamp", "Wessels", "Rüther", "Stüber", "Tiemann", "Düppe",
    ];

    /// <summary>First parts of invented place names: "Birken" + "heim".</summary>
    public static readonly string[] PlaceStems =
    [
        "Birken", "Eichen", "Linden", "Buchen", "Erlen", "Weiden", "Tannen", "Eschen", "Ulmen", "Ahorn", "Holder",
        "Hasel", "Rosen", "Wiesen", "Auen", "Brunn", "Mühl", "Stein", "Kalk", "Lehm", "Sand", "Moor",
        "Heide", "Fels", "Grün", "Schön", "Hohen", "Nieder", "Ober", "Unter", "Alten", "Neuen", "Kirch", "Markt",
        "Brück", "Wald", "Rott", "Hag", "Kamp", "Lohn", "Drei", "Sieben", "Finken", "Raben", "Falken", "Hirsch",
        "Fuchs", "Bären", "Wolfs", "Otter", "Kranich", "Lerchen", "Amsel", "Dorn", "Distel", "Hopfen", "Flachs",
        "Roggen", "Hafer", "Gersten", "Kohl", "Rüben", "Süd", "Nord", "West", "Ost", "Sonnen", "Mond", "Sternen",
    ];

    public static readonly string[] PlaceSuffixes =
    [
        "heim", "hausen", "dorf", "feld", "berg", "burg", "bach", "beck", "born", "brück", "hagen", "kamp",
        "lohe", "horst", "rode", "wede", "stedt", "ingen", "kirchen", "hövel", "loh", "siepen", "scheid", "winkel",
    ];

    public static readonly string[] StreetSuffixes = ["straße", "weg", "allee", "ring", "gasse", "platz", "damm", "pfad"];

    public static readonly string[] QuarterPatterns =
    [
        "{0}viertel", "{0}siedlung", "Am {0}bach", "{0}feld", "Rund um den {0}platz", "Innenstadt {1}",
        "Nordstadt {1}", "Südstadt {1}", "Östliche Altstadt {1}", "Bahnhofsumfeld {1}", "{0}hof-Siedlung",
        "Quartier {0}straße", "{1}-Mitte", "{0}berg", "Hafenquartier {1}", "{0}kamp", "Zentrum {1}", "Ortskern {1}",
    ];

    public static readonly string[] FunctionTitles =
    [
        "Quartiersmanagement", "Programmkoordination Sozialer Zusammenhalt", "Sachbearbeitung Städtebauförderung",
        "Leitung Stadtplanungsamt", "Stadtteilkoordination", "Gemeinwesenarbeit", "Referentin für Stadterneuerung",
        "Referent für Stadterneuerung", "Projektleitung Verfügungsfonds", "Sozialplanung", "Integrationsbeauftragte",
        "Klimaschutzmanagement", "Wirtschaftsförderung", "Jugendhilfeplanung", "Beteiligungsmanagement",
        "Fördermittelberatung", "Professur für Stadtsoziologie", "Wissenschaftliche Mitarbeit", "Jurymitglied",
        "Sanierungsmanagement", "Citymanagement", "Leerstandsmanagement", "Öffentlichkeitsarbeit",
    ];

    public static readonly string[] ContactRoles =
    [
        "Quartiersmanagement", "Programmkoordination der Stadt", "Gemeinwesenarbeit", "Sanierungsträger",
        "Verfügungsfonds", "Stadtteilbüro", "Beteiligung und Öffentlichkeitsarbeit",
    ];

    /// <summary>Sub-topics the network talks about, grouped by nothing: the generator hangs them under Handlungsfelder.</summary>
    public static readonly string[] SubTopics =
    [
        "Hitzeschutz im Quartier", "Schulhofumgestaltung", "Spielplatzbeteiligung", "Nachbarschaftsgärten",
        "Mobilitätsstationen", "Fahrradstraßen", "Barrierefreie Wege", "Wohnumfeldverbesserung", "Hofprogramme",
        "Fassadenprogramme", "Mieterberatung", "Seniorentreffs", "Familienzentren", "Sprachförderung",
        "Übergang Schule und Beruf", "Quartiersfonds", "Stadtteilzeitungen", "Kulturarbeit im Stadtteil",
        "Sportangebote im Quartier", "Ehrenamtsförderung", "Integrationsagenturen", "Lokale Bündnisse",
        "Gewerbeflächenentwicklung", "Einzelhandel im Ortskern", "Zwischennutzung", "Grünflächenpflege",
        "Regenwassermanagement", "Quartierswärme", "Lärmminderung", "Umweltgerechtigkeit", "Gesundheitslotsen",
        "Streetwork", "Kinderarmut", "Wohnungsaufsicht", "Problemimmobilien", "Digitale Teilhabe",
        "Bürgerhäuser", "Stadtteilbibliotheken", "Ortsteilentwicklung", "Interkommunale Kooperation",
    ];

    private static readonly string[] Subjects =
    [
        "Das Quartiersmanagement", "Die Stadtverwaltung", "Der Verfügungsfonds", "Das Stadtteilbüro",
        "Die Nachbarschaftsinitiative", "Der Bürgerverein", "Die Wohnungsgesellschaft", "Das Familienzentrum",
        "Die Gemeinwesenarbeit", "Das Integrierte Handlungskonzept", "Die Lenkungsgruppe", "Der Stadtteilbeirat",
        "Die Grundschule am Park", "Das Jugendzentrum", "Die Werbegemeinschaft", "Der Sanierungsträger",
    ];

    private static readonly string[] Verbs =
    [
        "fördert", "begleitet", "unterstützt", "koordiniert", "stärkt", "entwickelt", "gestaltet", "vernetzt",
        "organisiert", "beteiligt", "plant", "erneuert", "belebt", "berät", "finanziert", "verstetigt",
    ];

    private static readonly string[] Objects =
    [
        "die Bewohnerinnen und Bewohner", "kleine Projekte aus der Nachbarschaft", "den öffentlichen Raum",
        "die Aufwertung der Grünflächen", "die Beteiligung von Kindern und Jugendlichen", "lokale Gewerbetreibende",
        "die energetische Sanierung der Wohngebäude", "neue Begegnungsorte", "das Zusammenleben der Kulturen",
        "die Umgestaltung des Marktplatzes", "Angebote für ältere Menschen", "die Qualifizierung Arbeitsuchender",
        "ehrenamtliches Engagement", "die Verkehrsberuhigung der Wohnstraßen", "den Leerstand in der Einkaufsstraße",
        "die Spielplätze und Schulhöfe", "gesundheitsfördernde Angebote", "die Sicherheit auf Wegen und Plätzen",
        "die Vernetzung der sozialen Träger", "das Image des Stadtteils", "die Bildungslandschaft im Quartier",
    ];

    private static readonly string[] Adverbials =
    [
        "seit vielen Jahren", "gemeinsam mit den Trägern", "in enger Abstimmung mit der Politik",
        "mit Mitteln der Städtebauförderung", "trotz knapper Haushaltsmittel", "im ganzen Stadtteil",
        "vor allem in den Abendstunden", "mit großer Beteiligung", "schrittweise", "über mehrere Förderjahre",
        "zusammen mit den Schulen", "auf Initiative der Anwohnenden",
    ];

    private static readonly string[] Closings =
    [
        "Geplant sind außerdem Feste, Workshops und Stadtteilspaziergänge.",
        "Die Ergebnisse fließen in die Fortschreibung des Handlungskonzepts ein.",
        "Besonders gefragt sind Beratungsangebote in mehreren Sprachen.",
        "Viele Maßnahmen werden mit den Bürgerinnen und Bürgern gemeinsam entworfen.",
        "Nach Abschluss der Förderung sollen die Strukturen dauerhaft weitergeführt werden.",
        "Ein Schwerpunkt liegt auf klimaangepasster Freiraumgestaltung.",
        "Die Evaluation zeigt deutliche Verbesserungen im Wohnumfeld.",
    ];

    private static readonly string[] Expertise =
    [
        "Erfahrung mit Beteiligungsverfahren", "Kenntnisse der Förderrichtlinien", "Moderation von Stadtteilkonferenzen",
        "Projektsteuerung in der Stadterneuerung", "Arbeit mit Jugendlichen", "Quartiersbezogene Sozialplanung",
        "Freiraumplanung", "Öffentlichkeitsarbeit in mehreren Sprachen", "Verfügungsfonds und Bürgerbudgets",
    ];

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static string PlaceName(Random random) => Pick(random, PlaceStems) + Pick(random, PlaceSuffixes);

    public static string Street(Random random) => $"{Pick(random, PlaceStems)}{Pick(random, StreetSuffixes)} {random.Next(1, 180)}";

    public static string QuarterName(Random random, string municipalityShortName) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, QuarterPatterns), Pick(random, PlaceStems), municipalityShortName);

    /// <summary>One sentence: subject, verb, object, optionally an adverbial.</summary>
    public static string Sentence(Random random)
    {
        var adverbial = random.Next(3) == 0 ? "" : " " + Pick(random, Adverbials);
        return $"{Pick(random, Subjects)} {Pick(random, Verbs)}{adverbial} {Pick(random, Objects)}.";
    }

    /// <summary>A paragraph of the given number of sentences, sometimes closed with a fixed sentence.</summary>
    public static string Paragraph(Random random, int sentences)
    {
        var parts = Enumerable.Range(0, sentences).Select(_ => Sentence(random)).ToList();
        if (random.Next(2) == 0)
        {
            parts.Add(Pick(random, Closings));
        }

        return string.Join(" ", parts);
    }

    public static string AreaDescription(Random random, string areaName, string municipality) =>
        $"{areaName} in {municipality} ist ein Programmgebiet der Städtebauförderung. " + Paragraph(random, random.Next(2, 6));

    public static string OrganisationNote(Random random) => Paragraph(random, random.Next(1, 3));

    public static string ExpertiseLine(Random random) => Pick(random, Expertise);

    /// <summary>"Jürgen Groß" → "juergen.gross": the address part people would choose.</summary>
    public static string Ascii(string text) => text.ToLowerInvariant()
        .Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
        .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal)
        .Replace("ş", "s", StringComparison.Ordinal).Replace("ç", "c", StringComparison.Ordinal)
        .Replace("ı", "i", StringComparison.Ordinal).Replace("ś", "s", StringComparison.Ordinal)
        .Replace(' ', '-');
}
