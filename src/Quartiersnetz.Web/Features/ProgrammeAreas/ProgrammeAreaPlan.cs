using System.Globalization;
using Quartiersnetz.Data;
using Quartiersnetz.Platform.Audit;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Features.ProgrammeAreas;

/// <summary>
/// The area's integrated plan (ISEK, InHK) as a PDF: upload, replace, remove. The file is stored under a key the app
/// makes (never the uploaded name) and only a file whose content starts like a PDF is taken; the declared type and
/// the file name prove nothing. Each upload gets a new key, so a download running during a replacement still
/// finishes and the old file is deleted only after the area points at the new one.
/// </summary>
internal static class ProgrammeAreaPlan
{
    /// <summary>Configuration key of the largest plan accepted, in megabytes (the site-wide request limit still applies).</summary>
    public const string MaxMegabytesKey = "ProgrammeAreas:MaxPlanMegabytes";

    public const int DefaultMaxMegabytes = 20;

    public enum Problem
    {
        None,
        NotFound,
        Missing,
        TooLarge,
        NotAPdf,
        TitleTooLong,
    }

    public static long MaxBytes(IConfiguration configuration) =>
        Math.Max(1, configuration.GetValue(MaxMegabytesKey, DefaultMaxMegabytes)) * 1024L * 1024L;

    public static string StorageKey(Guid areaId) => $"plans/{areaId:N}-{Guid.NewGuid():N}.pdf";

    public static bool IsPdf(ReadOnlySpan<byte> content) => content.StartsWith("%PDF-"u8);

    public static async Task<Problem> UploadAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock,
        Guid areaId, byte[] content, string? title, string? uploadedFileName, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().SingleOrDefaultAsync(a => a.Id == areaId, cancellationToken);
        if (area is null)
        {
            return Problem.NotFound;
        }

        if (content.Length == 0)
        {
            return Problem.Missing;
        }

        if (!IsPdf(content))
        {
            return Problem.NotAPdf;
        }

        var newTitle = string.IsNullOrWhiteSpace(title) ? area.PlanTitle ?? DefaultTitle(uploadedFileName) : title.Trim();
        if (newTitle.Length > ProgrammeArea.PlanTitleMaxLength)
        {
            return Problem.TitleTooLong;
        }

        var key = StorageKey(areaId);
        await files.SaveAsync(key, content, cancellationToken);
        var previous = area.PlanFileName;
        var changes = new List<AuditChange>
        {
            new("Entwicklungskonzept (PDF)", previous is null ? null : "vorhanden", previous is null ? "hochgeladen" : "ersetzt"),
            new("Größe", null, string.Create(BerlinTime.Culture, $"{content.Length / 1024.0:N0} KB")),
        };
        if (newTitle != area.PlanTitle)
        {
            changes.Add(new AuditChange("Titel des Entwicklungskonzepts", area.PlanTitle, newTitle));
        }

        area.PlanFileName = key;
        area.PlanTitle = newTitle;
        area.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "area.plan_uploaded", "Programmgebiet", areaId.ToString(), area.Name, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row still points at the old file: the new one would be an orphan.
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        if (previous is not null)
        {
            await files.DeleteAsync(previous, cancellationToken);
        }

        return Problem.None;
    }

    public static async Task<Problem> RemoveAsync(
        QuartiersnetzDbContext db, IFileStorage files, AuditLog audit, AuditActor actor, TimeProvider clock, Guid areaId, CancellationToken cancellationToken)
    {
        var area = await db.Set<ProgrammeArea>().SingleOrDefaultAsync(a => a.Id == areaId, cancellationToken);
        if (area is null)
        {
            return Problem.NotFound;
        }

        if (area.PlanFileName is not { } key)
        {
            return Problem.Missing;
        }

        area.PlanFileName = null;
        area.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor, "area.plan_removed", "Programmgebiet", areaId.ToString(), area.Name,
            [new AuditChange("Entwicklungskonzept (PDF)", "vorhanden", null)]);
        await db.SaveChangesAsync(cancellationToken);
        // After the commit: a failed delete leaves an orphan file, never an area pointing at a missing file.
        await files.DeleteAsync(key, cancellationToken);
        return Problem.None;
    }

    /// <summary>The uploaded name without its extension as a first title; the office can change it.</summary>
    private static string DefaultTitle(string? fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "").Replace('_', ' ').Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        return name.Length is > 0 and <= ProgrammeArea.PlanTitleMaxLength ? name : "Integriertes Entwicklungskonzept";
    }
}
