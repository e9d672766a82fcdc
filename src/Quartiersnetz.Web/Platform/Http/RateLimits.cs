using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Quartiersnetz.Platform.Http;

/// <summary>
/// Rate limits for everything that checks a secret: sign-in (password, second factor, passkey), password
/// reset and token endpoints. Each attempt (a POST) counts twice: against the client's address and against
/// the account it names, so one address cannot try many accounts and many addresses cannot try one account.
/// Pages put [EnableRateLimiting(RateLimits.Auth)] on their model, endpoints call
/// .RequireRateLimiting(RateLimits.Auth). Rejections are 429 with Retry-After: the German error page for
/// pages, ProblemDetails under /api. Counters live in memory, so the limits apply per app node.
/// </summary>
internal static class RateLimits
{
    /// <summary>The policy for endpoints that check a password, code or token.</summary>
    public const string Auth = "auth";

    private const string AccountKeyItem = "qn:rate-limit-account";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perAddress = WindowSettings.From(configuration, "RateLimits:PerAddress", permits: 30, seconds: 60);
        var perAccount = WindowSettings.From(configuration, "RateLimits:PerAccount", permits: 10, seconds: 300);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : perAddress.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds;
                // The error page is rendered by re-executing the request, which resets the headers.
                response.OnStarting(() =>
                {
                    response.Headers.RetryAfter = seconds;
                    return Task.CompletedTask;
                });
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Auth, context => IsAttempt(context)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress(context), _ => perAddress.Options())
                : RateLimitPartition.GetNoLimiter(""));
            // The account is known only after reading the request body (see UseAuthRateLimiting); the global
            // limiter is the one place where a second partition per request is possible.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Items[AccountKeyItem] is string account
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => perAccount.Options())
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    /// <summary>After routing: finds the account an attempt names, then applies the limits.</summary>
    public static IApplicationBuilder UseAuthRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            // Cleared first: a rejected request is re-executed for the error page with the same context.
            context.Items.Remove(AccountKeyItem);
            if (IsAttempt(context)
                && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Auth
                && await AccountKeyAsync(context) is { } account)
            {
                context.Items[AccountKeyItem] = account;
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private const int JsonPeekLimit = 16_384;

    private static bool IsAttempt(HttpContext context) => HttpMethods.IsPost(context.Request.Method);

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// The account an attempt is about: the e-mail address in the form (Input.Email) or JSON body (email),
    /// normalised as Identity does; the account id of a reset link (Input.AccountId); or the account waiting
    /// for its second factor (Identity's two-factor cookie).
    /// </summary>
    private static async Task<string?> AccountKeyAsync(HttpContext context)
    {
        var request = context.Request;
        var normalizer = context.RequestServices.GetRequiredService<ILookupNormalizer>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var email = form["Input.Email"].FirstOrDefault();
            if (!string.IsNullOrWhiteSpace(email))
            {
                return "email:" + normalizer.NormalizeEmail(email.Trim());
            }

            var accountId = form["Input.AccountId"].FirstOrDefault();
            if (!string.IsNullOrWhiteSpace(accountId))
            {
                return await KeyForAccountIdAsync(context, accountId.Trim());
            }
        }
        else if (request.HasJsonContentType() && request.ContentLength is null or (> 0 and < JsonPeekLimit))
        {
            // Bodies without a length (chunked) are bounded by Limits:MaxRequestBodyBytes like every request.
            request.EnableBuffering();
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("email", out var email)
                    && email.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(email.GetString()))
                {
                    return "email:" + normalizer.NormalizeEmail(email.GetString()!.Trim());
                }
            }
            catch (JsonException)
            {
                // Bad JSON is the endpoint's to reject; it still counts against the address.
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        var waiting = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return waiting.Succeeded && waiting.Principal.Identity?.Name is { } userId ? await KeyForAccountIdAsync(context, userId) : null;
    }

    /// <summary>The same key as for the account's e-mail address, so password and code attempts share one budget.</summary>
    private static async Task<string> KeyForAccountIdAsync(HttpContext context, string accountId)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<Auth.UserAccount>>();
        var user = Guid.TryParse(accountId, out _) ? await users.FindByIdAsync(accountId) : null;
        return user?.NormalizedEmail is { } email ? "email:" + email : "id:" + accountId;
    }

    private sealed record WindowSettings(int Permits, TimeSpan Window)
    {
        public static WindowSettings From(IConfiguration configuration, string section, int permits, int seconds)
        {
            var configured = configuration.GetSection(section);
            return new WindowSettings(
                int.TryParse(configured["PermitLimit"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : permits,
                TimeSpan.FromSeconds(int.TryParse(configured["WindowSeconds"], CultureInfo.InvariantCulture, out var s) && s > 0 ? s : seconds));
        }

        public FixedWindowRateLimiterOptions Options() => new()
        {
            PermitLimit = Permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
