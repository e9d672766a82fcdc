using Quartiersnetz.Data;

namespace Quartiersnetz.Bench.Generation;

/// <summary>Where the generator stands: step n of m, rows done of the step's total.</summary>
internal sealed record GeneratorProgress(string Step, int StepNumber, int StepCount, int Done, int Total);

/// <summary>What one run added.</summary>
internal sealed record GeneratorSummary(
    int SyntheticMunicipalities, int Topics, int Organisations, int People, int Memberships, int ProgrammeAreas, TimeSpan Elapsed)
{
    public int Events { get; init; }

    public int Series { get; init; }

    public int Registrations { get; init; }

    /// <summary>How long the events step (events, registrations, answers) took, and the invariant check after it.</summary>
    public TimeSpan EventsElapsed { get; init; }

    public TimeSpan CheckElapsed { get; init; }

    public int Publications { get; init; }

    public int PublicationFiles { get; init; }

    /// <summary>Characters of extracted text in all publication files.</summary>
    public long TextChars { get; init; }

    public int Projects { get; init; }

    /// <summary>How long the publications and projects steps took.</summary>
    public TimeSpan LibraryElapsed { get; init; }
}

/// <summary>
/// Fills a migrated database that holds the reference data (municipalities, Kreise, seeded topics) with a
/// reproducible data set: the same seed and scale give the same rows, ids included. Rows are built with the
/// application's own entities and checks (programme areas pass <c>SaveProgrammeArea.Check</c>, hence
/// <c>AreaGeometry.CheckBoundary</c>) and inserted in batches. The steps are listed in <see cref="GeneratorRun"/>.
/// </summary>
internal static class DataGenerator
{
    /// <summary>Rows per SaveChanges; the change tracker is cleared between batches.</summary>
    public const int BatchSize = 2_000;

    /// <summary>Marks a synthetic municipality's name, so nobody mistakes it for a real one.</summary>
    public const string SyntheticSuffix = " (synthetisch)";

    /// <summary>
    /// Synthetic municipalities get the 3-digit Gemeinde numbers 900–999 of a real Kreis; real NRW numbers end below 100.
    /// </summary>
    public const int FirstSyntheticNumber = 900;

    /// <summary>"Now" for everything generated, so a seed gives the same dates whenever it runs.</summary>
    public static readonly DateTime BaseDateUtc = new(2026, 1, 15, 8, 0, 0, DateTimeKind.Utc);

    public static Task<GeneratorSummary> GenerateAsync(
        QuartiersnetzDbContext db, GeneratorScale scale, int seed, IProgress<GeneratorProgress>? progress, CancellationToken cancellationToken) =>
        new GeneratorRun(db, scale, seed, progress, cancellationToken).RunAsync();

    /// <summary>Whether an AGS belongs to a generated municipality (Gemeinde number 900 or above).</summary>
    public static bool IsSynthetic(string ags) =>
        ags.Length == 8 && int.TryParse(ags.AsSpan(5), out var number) && number >= FirstSyntheticNumber;

    /// <summary>A version-4 Guid drawn from the step's seeded random source instead of Guid.NewGuid().</summary>
    public static Guid NextGuid(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>An index into the weights, chosen in proportion to them.</summary>
    public static int Weighted(this Random random, IReadOnlyList<double> weights)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;
}

/// <summary>A clock that stands still at the generator's base date, for the app code that asks for "now".</summary>
internal sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
}
