namespace Quartiersnetz.Features.Profile;

/// <summary>
/// Topics of expertise a person can pick: the ten Handlungsfelder of the programme and the sub-topics
/// that come up in the network. A plain list until the directory issue brings topics the office edits;
/// the values are stored as they are written here.
/// </summary>
internal static class ExpertiseTopicList
{
    public static IReadOnlyList<string> FieldsOfAction { get; } =
    [
        "Wohnungs- und Städtebau",
        "Bürgerbeteiligung und -aktivierung",
        "Stadtteilmarketing und Imageaufwertung",
        "Lokale Öffentlichkeit",
        "Organisation, Finanzierung und Management von Stadtteilprojekten",
        "Lokale Ökonomie, Beschäftigung und Qualifizierung",
        "Schule, Kultur und interkulturelles Zusammenleben",
        "Ökologisch nachhaltige Quartiersgestaltung",
        "Prävention (Sicherheit, Gesundheit)",
        "Gender Mainstreaming",
    ];

    public static IReadOnlyList<string> SubTopics { get; } =
    [
        "Verfügungsfonds",
        "Leerstand und Umnutzung",
        "Energetische Sanierung",
        "Öffentliche Plätze",
        "Digitalisierung",
        "Sozialraumorientierung",
        "EU-Förderung",
        "Politische Teilhabe",
    ];

    public static IReadOnlyList<string> All { get; } = [.. FieldsOfAction, .. SubTopics];

    public static bool IsKnown(string topic) => All.Contains(topic, StringComparer.Ordinal);
}
