using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Topics;

/// <summary>
/// The ten Handlungsfelder of the programme and the sub-topics that come up in the network. A topic is added
/// only when no topic with its slug exists yet, so renames, retirements and merges by the office stay.
/// Also moves topics people picked from the old fixed list (UserAccount.ExpertiseTopics) into assignments,
/// matched by name, and empties the old column so this happens once.
/// </summary>
internal sealed class TopicSeed(QuartiersnetzDbContext db, ILogger<TopicSeed> logger) : IStartupSeed
{
    private const string WohnungsUndStaedtebau = "Wohnungs- und Städtebau";
    private const string Beteiligung = "Bürgerbeteiligung und -aktivierung";
    private const string Oeffentlichkeit = "Lokale Öffentlichkeit";
    private const string Organisation = "Organisation, Finanzierung und Management von Stadtteilprojekten";
    private const string Oekologie = "Ökologisch nachhaltige Quartiersgestaltung";
    private const string Praevention = "Prävention (Sicherheit, Gesundheit)";
    private const string Schule = "Schule, Kultur und interkulturelles Zusammenleben";

    /// <summary>Name and parent name (null for a Handlungsfeld), parents first.</summary>
    public static IReadOnlyList<(string Name, string? Parent)> Vocabulary { get; } =
    [
        (WohnungsUndStaedtebau, null),
        (Beteiligung, null),
        ("Stadtteilmarketing und Imageaufwertung", null),
        (Oeffentlichkeit, null),
        (Organisation, null),
        ("Lokale Ökonomie, Beschäftigung und Qualifizierung", null),
        (Schule, null),
        (Oekologie, null),
        (Praevention, null),
        ("Gender Mainstreaming", null),
        ("Verfügungsfonds", Organisation),
        ("Leerstand und Umnutzung", WohnungsUndStaedtebau),
        ("Energetische Sanierung", Oekologie),
        ("Öffentliche Plätze", WohnungsUndStaedtebau),
        ("Digitalisierung", Oeffentlichkeit),
        ("Sozialraumorientierung", Schule),
        ("EU-Förderung", Organisation),
        ("Politische Teilhabe", Beteiligung),
        ("Gesundheit", Praevention),
        ("Sicherheit und Kriminalprävention", Praevention),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Set<Topic>().ToDictionaryAsync(t => t.Slug, cancellationToken);
        var added = 0;
        foreach (var (name, parent) in Vocabulary)
        {
            var slug = Topic.SlugFor(name);
            if (existing.ContainsKey(slug))
            {
                continue;
            }

            var topic = Topic.Create(name, parent is null ? null : existing[Topic.SlugFor(parent)].Id, null);
            db.Add(topic);
            existing[slug] = topic;
            added++;
        }

        var legacy = await db.Users.Where(u => u.ExpertiseTopics.Count > 0).ToListAsync(cancellationToken);
        var byName = existing.Values.Where(t => t.Status == TopicStatus.Active).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        foreach (var user in legacy)
        {
            var key = user.Id.ToString();
            var assigned = await db.Set<TopicAssignment>().Where(a => a.ItemKind == TopicKinds.Person && a.ItemKey == key).Select(a => a.TopicId).ToListAsync(cancellationToken);
            foreach (var id in user.ExpertiseTopics.Select(n => byName.GetValueOrDefault(n)).Where(id => id != Guid.Empty && !assigned.Contains(id)).Distinct())
            {
                db.Add(new TopicAssignment { TopicId = id, ItemKind = TopicKinds.Person, ItemKey = key });
            }

            user.ExpertiseTopics = [];
        }

        if (added > 0 || legacy.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Topics seeded: {Added} topics added, {People} profiles moved to topic assignments", added, legacy.Count);
        }
    }
}
