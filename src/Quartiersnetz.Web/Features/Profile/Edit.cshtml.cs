using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;

namespace Quartiersnetz.Features.Profile;

internal sealed record MunicipalityOption(string Ags, string Name);

[Authorize(Policy = Policies.SignedIn)]
internal sealed class EditModel(
    QuartiersnetzDbContext db, TimeProvider clock, SignInManager<UserAccount> signIn, IStringLocalizer<Texts> l) : PageModel
{
    [BindProperty]
    public EditProfile.Input Input { get; set; } = new();

    public IReadOnlyList<MunicipalityOption> Municipalities { get; private set; } = [];

    public IReadOnlyList<TopicGroup> TopicChoices { get; private set; } = [];

    public string? Email { get; private set; }

    public bool HasPhoto { get; private set; }

    public bool MayChangeMunicipality { get; private set; }

    public bool Saved { get; private set; }

    public Guid Id { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "gespeichert")] bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        Input = await EditProfile.LoadAsync(db, User.AccountId()!.Value, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = User.AccountId()!.Value;
        if (ModelState.IsValid)
        {
            var outcome = await EditProfile.HandleAsync(db, clock, userId, Input, cancellationToken);
            if (outcome.Saved)
            {
                // The name and municipality travel in the sign-in cookie; renew it so they are current at once.
                await signIn.RefreshSignInAsync(await db.Users.SingleAsync(u => u.Id == userId, cancellationToken));
                return Redirect("/konto/profil?gespeichert=true");
            }

            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", l[message]);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Id = User.AccountId()!.Value;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == Id)
            .Select(u => new { u.Email, u.PhotoFileName }).SingleAsync(cancellationToken);
        Email = account.Email;
        HasPhoto = account.PhotoFileName is not null;
        MayChangeMunicipality = await EditProfile.MayChangeMunicipalityAsync(db, Id, cancellationToken);
        Municipalities = await db.Set<Municipality>().AsNoTracking()
            .OrderBy(m => m.SortKey).ThenBy(m => m.Ags)
            .Select(m => new MunicipalityOption(m.Ags, m.Name))
            .ToListAsync(cancellationToken);
        TopicChoices = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
    }
}
