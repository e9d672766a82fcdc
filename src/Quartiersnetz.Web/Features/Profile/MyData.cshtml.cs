using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Features.Profile;

/// <summary>"Meine Daten" (Art. 15): every contributor's section, readable; the same data as the JSON download.</summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class MyDataModel(IEnumerable<IPersonalDataContributor> contributors) : PageModel
{
    public IReadOnlyList<PersonalDataSection> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sections = await CollectPersonalData.HandleAsync(contributors, User.AccountId()!.Value, cancellationToken);
}
