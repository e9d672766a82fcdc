using Microsoft.AspNetCore.Identity;

namespace Quartiersnetz.Platform.Auth;

/// <summary>A person who can sign in. Profile data beyond the name grows with the accounts feature.</summary>
internal sealed class UserAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Created by the demo-data switch; lets the office tell sample people from real ones.</summary>
    public bool IsDemo { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
