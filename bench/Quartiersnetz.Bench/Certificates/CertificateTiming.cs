using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Attendance;
using Quartiersnetz.Features.Certificates;
using Quartiersnetz.Features.Events;
using Microsoft.Extensions.Localization;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Paging;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Bench.Certificates;

/// <summary>
/// Issue 6's certificate figures, in the bench process with the app's own code against a database (a generated one or a
/// freshly migrated one): an ended training with <see cref="Participants"/> confirmed, checked-in participants and a
/// granted recognition is arranged; then
/// <list type="number">
/// <item>the bulk issue: one <see cref="CertificateRun"/> (with mails) worked off by <see cref="CertificateIssuer.RunNextAsync"/>,
/// exactly what the background job does — 300 certificates drawn, stored and put into the outbox with their PDF;</item>
/// <item>meanwhile, two loops doing what two other requests do (the public event list's query and the verification
/// page's lookup), timed each, and the same loops for as long before the run as a baseline — the in-process stand-in
/// for "web requests unaffected" (the job shares the two cores with them as it would in the app);</item>
/// <item>the single download: loading one certificate and drawing its PDF, as the download page does, 50 times.</item>
/// </list>
/// The arranged rows are deleted afterwards.
/// </summary>
internal static class CertificateTiming
{
    public const int Participants = 300;
    private const int Downloads = 50;

    public static async Task MeasureAsync(GenerateCommand.Options options, CancellationToken cancellationToken)
    {
        await using var app = GenerateCommand.BuildApp(options, settings: new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = "https://bench.example" });
        await DatabaseStartup.PrepareAsync(app.Services, app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Quartiersnetz.Bench"), cancellationToken);
        var (eventId, accounts) = await ArrangeAsync(app.Services, cancellationToken);
        try
        {
            var baseline = await LoadAsync(app.Services, eventId, TimeSpan.FromSeconds(10), null, cancellationToken);

            var issuer = app.Services.GetRequiredService<CertificateIssuer>();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                db.Add(new CertificateRun { EventId = eventId, RequestedAtUtc = DateTime.UtcNow, LinkBase = "https://bench.example", SendMail = true });
                await db.SaveChangesAsync(cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            var bulk = Task.Run(async () =>
            {
                await issuer.RunNextAsync(cancellationToken);
                return watch.Elapsed;
            }, cancellationToken);
            var during = await LoadAsync(app.Services, eventId, null, bulk, cancellationToken);
            var bulkElapsed = await bulk;

            int issued;
            long outboxBytes;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                issued = await db.Set<Certificate>().CountAsync(c => c.EventId == eventId, cancellationToken);
                var mails = db.Set<Platform.Email.OutboxMessage>().Where(m => m.Subject.StartsWith("Teilnahmebescheinigung: Bench-Fortbildung")).Select(m => m.Id);
                outboxBytes = (await db.Set<Platform.Email.OutboxAttachment>().Where(a => mails.Contains(a.MessageId))
                    .Select(a => a.Content.Length).ToListAsync(cancellationToken)).Sum(l => (long)l);
            }

            var downloads = await DownloadsAsync(app.Services, eventId, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"certificates ({options.Provider}): bulk issue of {issued} certificates with mails in {bulkElapsed.TotalSeconds:0.0} s "
                + $"(outbox attachments {outboxBytes / 1e6:0.0} MB base64)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  other work, before: {baseline.Count} calls, p50 {Percentile(baseline, 50):0.0} ms, p95 {Percentile(baseline, 95):0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  other work, during: {during.Count} calls, p50 {Percentile(during, 50):0.0} ms, p95 {Percentile(during, 95):0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  single download (load + PDF): p50 {Percentile(downloads, 50):0.0} ms, p95 {Percentile(downloads, 95):0.0} ms, max {downloads[^1]:0.0} ms"));
        }
        finally
        {
            await RemoveAsync(app.Services, eventId, accounts, cancellationToken);
        }
    }

    /// <summary>The ended training, its recognition, the accounts, their confirmed registrations and a full day's attendance each.</summary>
    private static async Task<(Guid EventId, List<Guid> Accounts)> ArrangeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var day = DateOnly.FromDateTime(BerlinTime.ToBerlin(DateTime.UtcNow)).AddDays(-3);
        var start = BerlinTime.ToUtc(day.ToDateTime(new TimeOnly(9, 0)))!.Value;
        var ev = new Event
        {
            Type = EventType.Fortbildung, Title = "Bench-Fortbildung Quartiersmanagement und Beteiligung", Description = "Bench", StartUtc = start,
            EndUtc = start.AddHours(7), PlaceMode = PlaceMode.OnSite, VenueName = "Bürgerhaus Bench", VenueAddress = "Marktplatz 1, 44135 Dortmund",
            Audience = EventAudience.Members, Status = EventStatus.Published, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            ConfirmedCount = Participants,
        };
        db.Add(ev);
        db.Add(new EventCredit
        {
            EventId = ev.Id, Recognition = RecognitionStatus.Anerkannt, ChamberReference = "AKNW-BENCH-1", RecognisedOn = day.AddDays(-20),
            Format = CourseFormat.Praesenz, FuwoTopic = "Städtebau", UpdatedAtUtc = DateTime.UtcNow,
        });
        var accounts = new List<Guid>();
        for (var i = 0; i < Participants; i++)
        {
            var email = $"bench-certificate-{i:D3}-{ev.Id:N}@quartiersnetz.test";
            var user = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"Teilnehmerin Müller-Weiß {i:D3}", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Users.Add(user);
            accounts.Add(user.Id);
            var registration = new EventRegistration { EventId = ev.Id, PersonId = user.Id, Status = RegistrationStatus.Confirmed, RegisteredAtUtc = start.AddDays(-10) };
            db.Add(registration);
            db.Add(new AttendanceDay
            {
                RegistrationId = registration.Id, EventId = ev.Id, Day = day, CheckedInAtUtc = start.AddMinutes(i % 30), CheckedOutAtUtc = i % 5 == 0 ? start.AddHours(5) : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return (ev.Id, accounts);
    }

    /// <summary>
    /// Two loops of other requests' work, timed per call: for <paramref name="duration"/>, or until <paramref name="until"/>
    /// completes. Sorted milliseconds.
    /// </summary>
    private static async Task<List<double>> LoadAsync(IServiceProvider services, Guid eventId, TimeSpan? duration, Task? until, CancellationToken cancellationToken)
    {
        var end = DateTime.UtcNow + (duration ?? TimeSpan.FromHours(1));
        string? code = null;
        var loops = Enumerable.Range(0, 2).Select(async worker =>
        {
            var times = new List<double>();
            var call = 0;
            while (DateTime.UtcNow < end && until?.IsCompleted != true)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                var watch = Stopwatch.StartNew();
                if ((call++ + worker) % 2 == 0)
                {
                    await ListEvents.HandleAsync(db, new EventViewer(null, false, false), new EventFilter(), DateTime.UtcNow, new PageRequest(1, 20), cancellationToken);
                }
                else
                {
                    code ??= await db.Set<Certificate>().Where(c => c.EventId == eventId).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken) ?? "AAAABBBBCCCCDDDD";
                    await CertificateVerification.FindAsync(db, scope.ServiceProvider.GetRequiredService<IStringLocalizer<Texts>>(), code, cancellationToken);
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                // A pause like a think time, so the loops are requests, not a second bulk job.
                await Task.Delay(20, cancellationToken);
            }

            return times;
        });
        var all = (await Task.WhenAll(loops)).SelectMany(t => t).ToList();
        all.Sort();
        return all;
    }

    private static async Task<List<double>> DownloadsAsync(IServiceProvider services, Guid eventId, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        await using (var scope = services.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>().Set<Certificate>().Where(c => c.EventId == eventId)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(Downloads).ToListAsync(cancellationToken);
        }

        var times = new List<double>();
        foreach (var id in ids)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
            var watch = Stopwatch.StartNew();
            var certificate = await db.Set<Certificate>().AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            CertificatePdf.Render(certificate, scope.ServiceProvider.GetRequiredService<IStringLocalizer<Texts>>(), "https://bench.example" + CertificateLinks.VerifyPath(certificate.Code), null);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static async Task RemoveAsync(IServiceProvider services, Guid eventId, List<Guid> accounts, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        await db.Set<Platform.Email.OutboxMessage>().Where(m => m.Subject.StartsWith("Teilnahmebescheinigung: Bench-Fortbildung")).ExecuteDeleteAsync(cancellationToken);
        // Certificates, runs, the credit, registrations and attendance go with the event (cascade).
        await db.Set<Event>().Where(e => e.Id == eventId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => accounts.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static double Percentile(List<double> sorted, int percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
