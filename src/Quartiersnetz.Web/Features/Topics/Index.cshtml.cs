using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartiersnetz.Data;

namespace Quartiersnetz.Features.Topics;

[AllowAnonymous]
internal sealed class IndexModel(QuartiersnetzDbContext db) : PageModel
{
    public IReadOnlyList<TopicGroup> Tree { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tree = await AssignTopics.ActiveTreeAsync(db, cancellationToken);
}
