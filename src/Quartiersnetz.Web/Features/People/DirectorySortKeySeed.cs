using Quartiersnetz.Data;

namespace Quartiersnetz.Features.People;

/// <summary>
/// Fills the German sort key of people saved before the column existed (the migration adds it empty). The key itself
/// is computed in one place, the <see cref="Platform.Auth.UserAccount.DisplayName"/> setter; this only asks it again.
/// Idempotent: after the first start no row is left, and the query finds nothing.
/// </summary>
internal sealed class DirectorySortKeySeed(QuartiersnetzDbContext db, ILogger<DirectorySortKeySeed> logger) : IStartupSeed
{
    private const int BatchSize = 2_000;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        var after = Guid.Empty;
        while (true)
        {
            // Paged by id, not by "still empty": a name whose key folds to "" must not bring the same batch back for ever.
            var people = await db.Users.Where(u => u.SortKey == "" && u.DisplayName != "" && u.Id.CompareTo(after) > 0)
                .OrderBy(u => u.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (people.Count == 0)
            {
                break;
            }

            foreach (var person in people)
            {
                person.DisplayName = person.DisplayName;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = people[^1].Id;
            filled += people.Count;
        }

        if (filled > 0)
        {
            logger.LogInformation("Directory sort keys filled for {People} people", filled);
        }
    }
}
