using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quartiersnetz.Features.Profile;

/// <summary>Confirmation after deletion; the person is signed out by then, so the page is public and says nothing personal.</summary>
[AllowAnonymous]
internal sealed class DeletedModel : PageModel;
