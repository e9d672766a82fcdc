using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Benchmark;
using Quartiersnetz.Platform.Caching;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Errors;
using Quartiersnetz.Platform.Health;
using Quartiersnetz.Platform.Http;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Privacy;
using Quartiersnetz.Platform.Security;

namespace Quartiersnetz.Platform;

/// <summary>The cross-cutting services and middleware every feature relies on.</summary>
internal static class PlatformSetup
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Outside Development the framework reads static assets only from published output. Run from a build (tests, a
        // local Production run) the build's manifest is needed too, or a compressed variant would be sent empty; the
        // call does nothing in published output, which has no such manifest.
        builder.WebHost.UseStaticWebAssets();
        var configuration = builder.Configuration;

        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Hosting.BackgroundStart>();
        services.AddSingleton(_ => DatabaseSettings.FromConfiguration(configuration));
        services.AddSingleton<QueryCountingInterceptor>();
        services.AddPublicPageCache(configuration);
        // Pooled: building the options and the context's internal services anew for every request made a signed-in
        // page cost about half as much CPU again (measured, ADR 0007). The context keeps no state of its own; the pool
        // resets EF's.
        services.AddDbContextPool<QuartiersnetzDbContext>((sp, options) =>
            sp.GetRequiredService<DatabaseSettings>().Apply(options.AddInterceptors(
                sp.GetRequiredService<QueryCountingInterceptor>(), sp.GetRequiredService<PublicPageCacheEviction>())));
        services.AddSingleton<IReferenceDataSource, EmbeddedReferenceDataSource>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddEmail(configuration);
        services.AddScoped<AuditLog>();
        services.AddHttpContextAccessor();
        services.AddSingleton<PublicUrls>();
        services.AddFileStorage().AddPlatformPersonalData();

        services.AddDataProtection().SetApplicationName("Quartiersnetz").PersistKeysToDbContext<QuartiersnetzDbContext>();

        services.AddIdentityCore<UserAccount>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Password rules: PasswordRules (BSI: length, no common passwords), see AddAccountSecurity.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // Version 3 adds the passkey table (WebAuthn credentials).
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<QuartiersnetzDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddAccountSecurity(configuration);
        services.AddApiAuthentication(configuration).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "qn.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/anmelden";
            options.LogoutPath = "/abmelden";
            options.Events.OnRedirectToLogin = context => RejectOrRedirect(context, StatusCodes.Status401Unauthorized);
            // A signed-in person without the right gets 403 and the German error page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(Policies.Configure);
        services.AddAntiforgery(options => options.Cookie.Name = "qn.af");

        services.AddGermanLocalization();
        // Razor's default encoder writes every character outside ASCII as an entity ("Bestätigt" became
        // "Best&#xE4;tigt"): longer German text and unreadable page source. Markup characters (< > & " ') are still
        // encoded whatever the ranges say.
        services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Texts)));
        services.AddErrorHandling();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        var maxBody = RequestBodyLimit.FromConfiguration(configuration);
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = maxBody);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = maxBody);
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseQueryCountHeader();
        app.UseSlowRequestLog();
        app.UseSecurityHeaders();
        app.UseErrorHandling();
        app.UseRequestBodyLimit(RequestBodyLimit.FromConfiguration(app.Configuration));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: a kept page is served only where the endpoint's policy allows the visitor in.
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The files of wwwroot, compressed at build time (gzip; Brotli too when published) and validated by ETag; public.
        app.MapStaticAssets().AllowAnonymous();
        // WithStaticAssets: link and script tags name files by their content hash (css/site.abc123.css), which may be kept
        // for a year; a changed file gets a new name.
        app.MapRazorPages().WithStaticAssets();
        app.MapBenchmarkReference();
        // Unknown addresses answer 404 (German page or ProblemDetails), not a sign-in redirect from the fallback policy.
        app.MapFallback(() => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Task RejectOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ErrorHandling.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
