namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// How much the generator creates. Counts are totals of generated rows, except <see cref="Topics"/>, which is the
/// total number of topics after generation (the seeded vocabulary counts towards it).
/// </summary>
internal sealed record GeneratorScale(
    string Name,
    int SyntheticMunicipalities,
    int ProgrammeAreas,
    int People,
    int Topics,
    int Organisations,
    EventScale? Events = null,
    LibraryScale? Library = null)
{
    /// <summary>The events of the scale; none when left out (scales of tests that are about other data).</summary>
    public EventScale EventCounts => Events ?? EventScale.None;

    /// <summary>Publications and projects of the scale; none when left out.</summary>
    public LibraryScale LibraryCounts => Library ?? LibraryScale.None;

    /// <summary>Quick runs: a few seconds on SQLite.</summary>
    public static GeneratorScale Small { get; } = new("small", 50, 60, 600, 50, 100,
        new EventScale(Events: 400, Series: 8, Registrations: 6_000, ParticipantListRegistrations: 300, BurstMembers: 100, BurstCapacity: 20, MemberRegistrations: 40),
        new LibraryScale(Publications: 500, Projects: 300, TextChars: 7_500_000));

    /// <summary>The national scale: the real 396 municipalities plus 1,000 synthetic ones.</summary>
    public static GeneratorScale National { get; } = new("national", 1_000, 1_200, 25_000, 50, 2_000,
        new EventScale(Events: 20_000, Series: 150, Registrations: 500_000, ParticipantListRegistrations: 1_000, BurstMembers: 500, BurstCapacity: 100, MemberRegistrations: 150),
        new LibraryScale(Publications: 20_000, Projects: 10_000, TextChars: 300_000_000));

    public static IReadOnlyList<GeneratorScale> Presets { get; } = [Small, National];

    /// <summary>The preset of that name (case-blind), or null.</summary>
    public static GeneratorScale? Parse(string? name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Events of a scale. <see cref="Events"/> counts every event row, series occurrences included; <see cref="Registrations"/>
/// every registration row (all statuses). One event gets exactly <see cref="ParticipantListRegistrations"/> registrations
/// (the participant-list target), one open public event with <see cref="BurstCapacity"/> seats stays empty for the
/// registration burst of <see cref="BurstMembers"/> accounts, and the load driver's member account holds
/// <see cref="MemberRegistrations"/> registrations (Meine Veranstaltungen).
/// </summary>
internal sealed record EventScale(
    int Events, int Series, int Registrations, int ParticipantListRegistrations, int BurstMembers, int BurstCapacity, int MemberRegistrations)
{
    public static EventScale None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The library and the Praxisdatenbank of a scale: <see cref="Publications"/> (all states), their files' extracted text
/// of about <see cref="TextChars"/> characters in total, and <see cref="Projects"/> (all review states).
/// </summary>
internal sealed record LibraryScale(int Publications, int Projects, long TextChars)
{
    public static LibraryScale None { get; } = new(0, 0, 0);
}
