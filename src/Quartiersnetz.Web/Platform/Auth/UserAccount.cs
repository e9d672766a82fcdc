using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data.Reference;

namespace Quartiersnetz.Platform.Auth;

/// <summary>
/// A person who can sign in, with the profile other members see. Each contact detail carries its own
/// visibility so a person decides what the public, the members and the office may read.
/// </summary>
internal sealed class UserAccount : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 200;
    public const int FunctionTitleMaxLength = 200;
    public const int OrganisationMaxLength = 300;
    public const int PhoneMaxLength = 50;

    private string displayName = "";

    public string DisplayName
    {
        get => displayName;
        set
        {
            displayName = value ?? "";
            SortKey = GermanSortKey.For(displayName);
        }
    }

    /// <summary>
    /// The display name folded for German sorting (<see cref="GermanSortKey"/>), stored and indexed so the directory lists
    /// can page in SQL (ORDER BY … LIMIT) instead of folding every name in C#. The DisplayName setter keeps it, so every
    /// write path does; rows from before the column are filled at start (Features/People/DirectorySortKeySeed).
    /// </summary>
    public string SortKey { get; private set; } = "";

    /// <summary>Created by the demo-data switch; lets the office tell sample people from real ones.</summary>
    public bool IsDemo { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// A directory entry the office keeps for someone without sign-in (an external speaker, a participant
    /// without an account). Has no password and no role; the e-mail address may be missing.
    /// </summary>
    public bool IsExternalContact { get; set; }

    /// <summary>Job title or function, e.g. "Programmkoordination Soziale Stadt".</summary>
    public string? FunctionTitle { get; set; }

    /// <summary>Organisation for people outside a municipality (NGO, university, ministry).</summary>
    public string? Organisation { get; set; }

    /// <summary>The organisation of the directory the office linked the person to; cleared when it is deleted.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>
    /// The member municipality a person works for (AGS of the reference data). Scopes what a
    /// Kommunale Koordination may manage: only people with the same municipality.
    /// </summary>
    public string? MunicipalityAgs { get; set; }

    /// <summary>Programme area a Quartierspartner works in; free text until the directory issue brings programme areas.</summary>
    public string? ProgrammeArea { get; set; }

    /// <summary>
    /// No longer used: the topics of a person are topic assignments of kind "person" (Features/Topics). Kept so an
    /// older database converts at start (TopicSeed moves the names to assignments and empties this column).
    /// </summary>
    public List<string> ExpertiseTopics { get; set; } = [];

    /// <summary>File name of the re-encoded profile photo in file storage, if any.</summary>
    public string? PhotoFileName { get; set; }

    public ProfileVisibility NameVisibility { get; set; } = ProfileVisibility.Members;

    public ProfileVisibility FunctionVisibility { get; set; } = ProfileVisibility.Members;

    public ProfileVisibility OrganisationVisibility { get; set; } = ProfileVisibility.Members;

    public ProfileVisibility PhoneVisibility { get; set; } = ProfileVisibility.Office;

    public ProfileVisibility EmailVisibility { get; set; } = ProfileVisibility.Members;

    public ProfileVisibility PhotoVisibility { get; set; } = ProfileVisibility.Members;
}

/// <summary>Who may see one profile detail. Ordered from widest to narrowest audience.</summary>
internal enum ProfileVisibility
{
    /// <summary>öffentlich: everyone, including the public website.</summary>
    Public = 0,

    /// <summary>Mitglieder: signed-in members of the network.</summary>
    Members = 1,

    /// <summary>nur Geschäftsstelle: the office only.</summary>
    Office = 2,
}
