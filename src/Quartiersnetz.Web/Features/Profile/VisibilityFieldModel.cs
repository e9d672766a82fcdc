using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.Features.Profile;

/// <summary>The "Sichtbar für" choice beside one profile detail. Label is already localized.</summary>
internal sealed record VisibilityFieldModel(string Name, string Label, ProfileVisibility Value)
{
    public string Id => Name.Replace('.', '_');
}
