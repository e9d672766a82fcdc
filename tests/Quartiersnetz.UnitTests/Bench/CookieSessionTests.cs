using Microsoft.Extensions.Time.Testing;
using Quartiersnetz.Bench.Load;
using Quartiersnetz.Platform.Auth;

namespace Quartiersnetz.UnitTests.Bench;

public sealed class CookieSessionTests
{
    [Fact]
    public async Task The_cookie_is_kept_until_it_is_half_the_apps_check_interval_old_and_then_signed_in_anew()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));
        var signIns = 0;
        var session = new CookieSession(_ => Task.FromResult($"qn.auth=cookie-{++signIns}"), clock);

        Assert.Equal("qn.auth=cookie-1", await session.CookieAsync(CancellationToken.None));
        clock.Advance(CookieSession.RenewAfter - TimeSpan.FromSeconds(1));
        Assert.Equal("qn.auth=cookie-1", await session.CookieAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("qn.auth=cookie-2", await session.CookieAsync(CancellationToken.None));
        Assert.Equal(2, signIns);
    }

    [Fact]
    public void A_renewed_cookie_is_never_old_enough_for_the_apps_account_check()
    {
        // A page's warm-up, single request and load run take well under the margin left.
        Assert.True(AccountSecurity.StampValidationInterval - CookieSession.RenewAfter >= TimeSpan.FromMinutes(1));
    }
}
