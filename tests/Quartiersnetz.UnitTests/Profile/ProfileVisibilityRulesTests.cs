using Quartiersnetz.Features.Profile;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.UnitTests.Profile;

public sealed class ProfileVisibilityRulesTests
{
    [Theory]
    [InlineData(ProfileVisibility.Public, ProfileViewer.Public, true)]
    [InlineData(ProfileVisibility.Public, ProfileViewer.Member, true)]
    [InlineData(ProfileVisibility.Public, ProfileViewer.Office, true)]
    [InlineData(ProfileVisibility.Members, ProfileViewer.Public, false)]
    [InlineData(ProfileVisibility.Members, ProfileViewer.Member, true)]
    [InlineData(ProfileVisibility.Members, ProfileViewer.Office, true)]
    [InlineData(ProfileVisibility.Office, ProfileViewer.Public, false)]
    [InlineData(ProfileVisibility.Office, ProfileViewer.Member, false)]
    [InlineData(ProfileVisibility.Office, ProfileViewer.Office, true)]
    [InlineData(ProfileVisibility.Office, ProfileViewer.Self, true)]
    internal void Each_audience_sees_its_own_and_wider_details(ProfileVisibility visibility, ProfileViewer viewer, bool visible) =>
        Assert.Equal(visible, ProfileVisibilityRules.CanSee(visibility, viewer));

    [Fact]
    public void An_unknown_visibility_value_shows_nothing_to_anyone_but_the_person()
    {
        Assert.False(ProfileVisibilityRules.CanSee((ProfileVisibility)7, ProfileViewer.Office));
    }
}
