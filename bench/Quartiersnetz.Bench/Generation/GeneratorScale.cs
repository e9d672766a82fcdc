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
    int Organisations)
{
    /// <summary>Quick runs: a few seconds on SQLite.</summary>
    public static GeneratorScale Small { get; } = new("small", 50, 60, 600, 50, 100);

    /// <summary>The national scale: the real 396 municipalities plus 1,000 synthetic ones.</summary>
    public static GeneratorScale National { get; } = new("national", 1_000, 1_200, 25_000, 50, 2_000);

    public static IReadOnlyList<GeneratorScale> Presets { get; } = [Small, National];

    /// <summary>The preset of that name (case-blind), or null.</summary>
    public static GeneratorScale? Parse(string? name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
