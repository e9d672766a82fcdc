using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Certificates;

/// <summary>One year of a person's points against the chamber's target.</summary>
internal sealed record PointsYear(int Year, decimal Points, int Certificates)
{
    public decimal Missing => Math.Max(0, PointsAccount.YearlyTarget - Points);
}

/// <summary>One valid certificate in the points account.</summary>
internal sealed record AccountCertificate(Guid Id, string Code, string EventTitle, DateOnly EventDay, string Dates, int AttendedMinutes, decimal Points, string? ChamberReference);

/// <summary>
/// A person's continuing-education points: the sum of their valid (not replaced) certificates per calendar year of the
/// event, against the Architektenkammer NRW's target of 16 points a year (since 2024).
/// </summary>
internal static class PointsAccount
{
    public const decimal YearlyTarget = 16m;

    public static async Task<List<PointsYear>> YearsAsync(QuartiersnetzDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        // Grouped in memory: a person has a handful of certificates a year, and the year of a DateOnly is not translated alike on both providers.
        var rows = await db.Set<Certificate>().AsNoTracking().Where(c => c.PersonId == personId && c.ReplacedById == null)
            .Select(c => new { c.EventDay, c.Points }).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.EventDay.Year).OrderByDescending(g => g.Key).Select(g => new PointsYear(g.Key, g.Sum(r => r.Points), g.Count()))];
    }

    public static async Task<List<AccountCertificate>> CertificatesAsync(QuartiersnetzDbContext db, Guid personId, int year, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<Certificate>().AsNoTracking()
            .Where(c => c.PersonId == personId && c.ReplacedById == null && c.EventDay >= from && c.EventDay <= to)
            .OrderBy(c => c.EventDay).ThenBy(c => c.EventTitle)
            .Select(c => new AccountCertificate(c.Id, c.Code, c.EventTitle, c.EventDay, c.Dates, c.AttendedMinutes, c.Points, c.ChamberReference))
            .ToListAsync(cancellationToken);
    }
}
