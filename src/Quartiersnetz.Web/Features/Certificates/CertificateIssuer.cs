using Microsoft.Extensions.Localization;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Platform.Email;
using Quartiersnetz.Platform.Hosting;
using Quartiersnetz.Platform.Localization;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.Certificates;

/// <summary>Wakes the certificate job of this node when the office asked for a bulk issue.</summary>
internal sealed class CertificateSignal : WakeSignal;

/// <summary>
/// Issues certificates in bulk, outside any web request: claims a <see cref="CertificateRun"/> with a lease (so with
/// several nodes one works on it, and a crashed node's run is taken over when the lease ends), then per batch of
/// <see cref="BatchSize"/> participants builds the certificates, marks corrected ones' predecessors as replaced,
/// draws the PDFs and puts the mails into the outbox — one transaction per batch. A participant whose current
/// certificate already says the same is skipped, so a run interrupted half-way simply continues when run again.
/// </summary>
internal sealed partial class CertificateIssuer(
    IServiceScopeFactory scopes, CertificateSignal signal, TimeProvider clock, BackgroundStart start, ILogger<CertificateIssuer> logger) : PollingJob(logger, start)
{
    public const int BatchSize = 25;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    protected override async Task RunPassAsync(CancellationToken stoppingToken)
    {
        while (await RunNextAsync(stoppingToken))
        {
        }
    }

    protected override Task WaitAsync(CancellationToken stoppingToken) => signal.WaitAsync(PollInterval, stoppingToken);

    /// <summary>Claims and works through one open run; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidate = await db.Set<CertificateRun>().AsNoTracking()
            .Where(r => r.FinishedAtUtc == null && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
            .OrderBy(r => r.RequestedAtUtc).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (candidate is not { } runId)
        {
            return false;
        }

        var claimed = await db.Set<CertificateRun>()
            .Where(r => r.Id == runId && r.FinishedAtUtc == null && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntilUtc, now + Lease), cancellationToken);
        if (claimed == 0)
        {
            // Another node was quicker; look again.
            return true;
        }

        await WorkAsync(runId, cancellationToken);
        return true;
    }

    private async Task WorkAsync(Guid runId, CancellationToken cancellationToken)
    {
        int issued = 0, replaced = 0, unchanged = 0;
        var batches = 0;
        // Each registration once per run, whatever a later read says: a run can never loop on the same people.
        var handled = new HashSet<Guid>();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<QuartiersnetzDbContext>();
            var run = await db.Set<CertificateRun>().SingleAsync(r => r.Id == runId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var ev = await CertificateDrafts.EventAsync(db, run.EventId, cancellationToken);
            var participants = ev is null ? [] : await ParticipantList.AllAsync(db, ev.Id, new ParticipantFilter(RegistrationStatus.Confirmed), cancellationToken);
            var drafts = ev is null ? [] : await CertificateDrafts.ForAsync(db, ev, participants, now, cancellationToken);
            var open = drafts.Where(d => d.Eligible && !handled.Contains(d.RegistrationId)
                && (d.Current is null || d.Current.DiffersFrom(CertificateDrafts.Build(ev!, d, now)))).ToList();
            if (batches == 0)
            {
                unchanged = drafts.Count(d => d.Eligible) - open.Count;
            }

            if (open.Count == 0 || ev is null)
            {
                run.FinishedAtUtc = now;
                run.ClaimedUntilUtc = null;
                run.Issued = issued;
                run.Replaced = replaced;
                run.Unchanged = unchanged;
                await db.SaveChangesAsync(cancellationToken);
                LogRunDone(logger, runId, issued, replaced);
                return;
            }

            var outbox = services.GetRequiredService<EmailOutbox>();
            var mails = services.GetRequiredService<CertificateMails>();
            foreach (var draft in open.Take(BatchSize))
            {
                handled.Add(draft.RegistrationId);
                var certificate = CertificateDrafts.Build(ev, draft, now);
                db.Add(certificate);
                Certificate? previous = null;
                if (draft.Current is { } current)
                {
                    previous = current;
                    db.Attach(current);
                    current.ReplacedById = certificate.Id;
                    current.ReplacedAtUtc = now;
                    replaced++;
                }

                issued++;
                if (run.SendMail && draft.Email is not null)
                {
                    outbox.Enqueue(mails.Write(certificate, previous, draft.Email, run.LinkBase));
                }
            }

            run.ClaimedUntilUtc = now + Lease;
            run.Issued = issued;
            run.Replaced = replaced;
            await db.SaveChangesAsync(cancellationToken);
            batches++;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate run {RunId} done: {Issued} issued, {Replaced} of them replacing older ones")]
    private static partial void LogRunDone(ILogger logger, Guid runId, int issued, int replaced);
}

/// <summary>The certificate mail: German text with the PDF attached, the verification address and the points account.</summary>
internal sealed class CertificateMails(IStringLocalizer<Texts> l)
{
    public EmailMessage Write(Certificate certificate, Certificate? previous, string address, string linkBase)
    {
        var verify = CertificateLinks.Verify(linkBase, certificate.Code);
        var lines = new List<string>
        {
            l["Guten Tag {0},", certificate.ParticipantName],
            "",
            l["im Anhang finden Sie Ihre Teilnahmebescheinigung für „{0}“ ({1}).", certificate.EventTitle, certificate.Dates],
            l["Anwesenheit: {0}; Fortbildungspunkte: {1}.", CertificateDrafts.FormatMinutes(certificate.AttendedMinutes), CertificateDrafts.FormatPoints(certificate.Points)],
        };
        if (previous is not null)
        {
            lines.Add("");
            lines.Add(l["Diese Bescheinigung ersetzt die Bescheinigung Nr. {0} vom {1}, die damit nicht mehr gilt.",
                Certificate.Display(previous.Code), BerlinTime.FormatDate(previous.IssuedAtUtc)]);
        }

        lines.Add("");
        lines.Add(l["Ob die Bescheinigung echt ist, kann jede Stelle unter dieser Adresse prüfen:"]);
        lines.Add(verify);
        if (certificate.PersonId is not null)
        {
            lines.Add("");
            lines.Add(l["Alle Ihre Bescheinigungen und Ihr Punktekonto finden Sie unter „Meine Fortbildungspunkte“:"]);
            lines.Add(linkBase.TrimEnd('/') + CertificateLinks.MyPoints);
        }

        lines.Add("");
        lines.Add(l["Ihre Geschäftsstelle der AG Soziale Stadt NRW"]);
        var pdf = CertificatePdf.Render(certificate, l, verify, replacedNote: null);
        return new EmailMessage(address, certificate.ParticipantName, l["Teilnahmebescheinigung: {0}", certificate.EventTitle], string.Join("\n", lines),
            Attachments: [EmailAttachment.Binary(CertificateLinks.FileName(certificate), "application/pdf", pdf)]);
    }
}

/// <summary>The addresses and file names of certificates, in one place.</summary>
internal static class CertificateLinks
{
    public const string MyPoints = "/meine-fortbildungspunkte";

    /// <summary>The short verification address printed on the certificate and encoded in its QR code.</summary>
    public static string VerifyPath(string code) => "/b/" + Certificate.Display(code);

    public static string Verify(string linkBase, string code) => linkBase.TrimEnd('/') + VerifyPath(code);

    public static string Download(Guid id) => $"{MyPoints}/bescheinigungen/{id}";

    public static string FileName(Certificate c) => $"teilnahmebescheinigung-{c.EventDay:yyyy-MM-dd}-{c.Code[..4].ToLowerInvariant()}.pdf";
}
