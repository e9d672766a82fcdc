using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Profile;

/// <summary>"Mein Konto": where a signed-in person finds everything about their own account.</summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public string? Email { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public Guid Id { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Id = User.AccountId() ?? Guid.Empty;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == Id)
            .Select(u => new { u.DisplayName, u.Email }).SingleAsync(cancellationToken);
        DisplayName = account.DisplayName;
        Email = account.Email;
        Roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
    }
}
