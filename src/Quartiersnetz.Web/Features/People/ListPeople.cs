using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Paging;

namespace Quartiersnetz.Features.People;

/// <summary>A person in the administration lists.</summary>
internal sealed record PersonRow(
    Guid Id, string DisplayName, string? Email, string? MunicipalityAgs, string? MunicipalityName, DateTimeOffset? LockoutEnd, IReadOnlyList<string> Roles)
{
    public bool IsDeactivated => AccountActivation.IsDeactivated(LockoutEnd);
}

internal sealed record MunicipalityOption(string Ags, string Name);

/// <summary>Lists people for the office (all) or a Kommunale Koordination (their municipality only), filtered and paged.</summary>
internal static class ListPeople
{
    public const int MaxFilterLength = 100;

    /// <param name="MunicipalityAgs">One exact municipality: a Kommunale Koordination's own, taken from the sign-in.</param>
    /// <param name="MunicipalityText">What the office typed, name or AGS, read by <see cref="MunicipalityFilter"/>.</param>
    internal sealed record Filter(string? Text, string? Role, string? MunicipalityAgs, string? MunicipalityText = null);

    public static async Task<PagedResult<PersonRow>> HandleAsync(
        QuartiersnetzDbContext db, Filter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var query = await FilteredAsync(db, filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var people = await query
            // German order along the (SortKey, Id) index: SQL stops after the page instead of sorting 25,000 rows.
            .OrderBy(u => u.SortKey).ThenBy(u => u.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.MunicipalityAgs, u.LockoutEnd,
                MunicipalityName = db.Set<Municipality>().Where(m => m.Ags == u.MunicipalityAgs).Select(m => m.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, people.Select(p => p.Id).ToList(), cancellationToken);
        var rows = people
            .Select(p => new PersonRow(p.Id, p.DisplayName, p.Email, p.MunicipalityAgs, p.MunicipalityName, p.LockoutEnd,
                roles.TryGetValue(p.Id, out var r) ? r : []))
            .ToList();
        return new PagedResult<PersonRow>(rows, page.Page, page.PageSize, total);
    }

    /// <summary>The people the filter selects, unordered; the list pages and the exports share it, so both select alike.</summary>
    public static async Task<IQueryable<UserAccount>> FilteredAsync(QuartiersnetzDbContext db, Filter filter, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var lower = filter.Text.Trim().ToLowerInvariant();
            // Identity normalises addresses with ToUpperInvariant, so the address filter is case-blind on both providers.
            var upper = filter.Text.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() to SQL lower(); no .NET culture is involved
            query = query.Where(u => u.DisplayName.ToLower().Contains(lower) || u.NormalizedEmail!.Contains(upper));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrEmpty(filter.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == filter.Role).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (!string.IsNullOrEmpty(filter.MunicipalityAgs))
        {
            query = query.Where(u => u.MunicipalityAgs == filter.MunicipalityAgs);
        }

        if (!string.IsNullOrEmpty(filter.MunicipalityText))
        {
            var municipalities = MunicipalityFilter.Matching(db, filter.MunicipalityText);
            query = query.Where(u => municipalities.Any(ags => ags == u.MunicipalityAgs));
        }

        return query;
    }

    /// <summary>Role names per person, in the order of <see cref="Platform.Auth.Roles.All"/>.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> RolesOfAsync(
        QuartiersnetzDbContext db, IReadOnlyList<Guid> people, CancellationToken cancellationToken)
    {
        var pairs = await db.UserRoles.AsNoTracking()
            .Where(ur => people.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Select(p => p.Name!).OrderBy(IndexOfRole).ToList());
    }

    public static int IndexOfRole(string role)
    {
        var index = Platform.Auth.Roles.All.ToList().IndexOf(role);
        return index < 0 ? int.MaxValue : index;
    }

    public static Task<List<MunicipalityOption>> MunicipalitiesAsync(QuartiersnetzDbContext db, CancellationToken cancellationToken) =>
        db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new MunicipalityOption(m.Ags, m.Name))
            .ToListAsync(cancellationToken);

    public static string? Clip(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var v && v.Length > MaxFilterLength ? v[..MaxFilterLength] : value.Trim();
}
