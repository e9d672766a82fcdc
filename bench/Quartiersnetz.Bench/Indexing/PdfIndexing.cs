using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Quartiersnetz.Bench.Generation;
using Quartiersnetz.Bench.Report;
using Quartiersnetz.Data;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Search;

namespace Quartiersnetz.Bench.Indexing;

/// <summary>
/// Issue 7's "indexing a 100-page PDF &lt; 2 s in the background": writes a 100-page A4 PDF of German prose with PDFsharp
/// (the app's embedded DejaVu font), stores it as an upload does (<see cref="IFileStorage"/> and a pending
/// <see cref="PublicationFile"/> row of a new publication) in the generated database, and times what the app's background
/// work does with it, with the app's own code: <see cref="DocumentTextJob.ExtractPendingAsync"/> (PdfPig extraction and
/// saving the text, which queues the publication for the index) and then <see cref="SearchIndexer.ProcessPendingAsync"/>
/// (the publication's search document rebuilt with all its text). It runs <see cref="Rounds"/> times with a new
/// publication each: the first round includes the JIT (a freshly started app), the others are warm. The publications
/// are deleted again afterwards (and their documents removed from the index), so the data set stays as generated.
/// </summary>
internal static class PdfIndexing
{
    public const int Pages = 100;
    public const int Rounds = 4;
    private const double Mm = 72 / 25.4;

    public static async Task<PdfIndexingResult> MeasureAsync(GenerateCommand.Options options, string filesPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(filesPath);
        await using var app = GenerateCommand.BuildApp(options, filesPath);
        var pdf = Write(new Random(4_711));
        var rounds = new List<PdfRound>();
        var created = new List<Guid>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var publicationId = await UploadAsync(app.Services, pdf, round, cancellationToken);
                created.Add(publicationId);

                var job = app.Services.GetRequiredService<DocumentTextJob>();
                var total = Stopwatch.StartNew();
                var handled = await job.ExtractPendingAsync(cancellationToken);
                var extracted = total.Elapsed;
                int indexed;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ProcessPendingAsync(500, cancellationToken);
                }

                var elapsed = total.Elapsed;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
                    var file = await db.Set<PublicationFile>().AsNoTracking().SingleAsync(f => f.PublicationId == publicationId, cancellationToken);
                    var found = await db.Set<SearchDocument>().AsNoTracking().AnyAsync(d => d.Kind == "publication" && d.Key == publicationId.ToString(), cancellationToken);
                    if (handled != 1 || file.TextStatus != DocumentTextStatus.Extracted || !found)
                    {
                        throw new InvalidOperationException($"The 100-page PDF was not indexed (files handled {handled}, status {file.TextStatus}, document {found}).");
                    }

                    rounds.Add(new PdfRound(round == 0, extracted.TotalMilliseconds, (elapsed - extracted).TotalMilliseconds, elapsed.TotalMilliseconds,
                        file.Text?.Length ?? 0, indexed));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  100-page PDF, round {round + 1}: extraction + save {extracted.TotalMilliseconds:N0} ms, re-index {(elapsed - extracted).TotalMilliseconds:N0} ms, total {elapsed.TotalMilliseconds:N0} ms"));
            }
        }
        finally
        {
            await RemoveAsync(app.Services, created);
        }

        var warm = rounds.Skip(1).OrderBy(r => r.TotalMs).ToList();
        var median = warm.Count > 0 ? warm[warm.Count / 2] : rounds[0];
        return new PdfIndexingResult(Pages, pdf.LongLength, rounds[0].TextChars, rounds[0], median, rounds);
    }

    /// <summary>What an upload leaves behind: the file in storage and a pending file row of a new publication (its own index update done).</summary>
    private static async Task<Guid> UploadAsync(IServiceProvider services, byte[] pdf, int round, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var storage = scope.ServiceProvider.GetRequiredService<IFileStorage>();
        var now = DateTime.UtcNow;
        var publication = new Publication
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"lasttest-pdf-100-seiten-{round + 1}-{now:HHmmss}"),
            Type = PublicationType.Dokumentation,
            Title = "Lasttest: Dokumentation mit 100 Seiten",
            Abstract = "Eine Veröffentlichung, die der Lasttest anlegt und wieder löscht.",
            Year = now.Year,
            Visibility = PublicationVisibility.Public,
            PublishedAtUtc = now,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Add(publication);
        var file = new PublicationFile
        {
            PublicationId = publication.Id,
            Title = "Dokumentation",
            FileKey = $"publications/{publication.Id:N}-{Guid.NewGuid():N}.pdf",
            Extension = "pdf",
            SizeBytes = pdf.LongLength,
            PageCount = Pages,
            TextStatus = DocumentTextStatus.Pending,
            UploadedAtUtc = now,
        };
        await storage.SaveAsync(file.FileKey, pdf, cancellationToken);
        db.Add(file);
        await db.SaveChangesAsync(cancellationToken);

        // The upload's own index update (the publication without text yet) is not part of the background work measured.
        await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ProcessPendingAsync(500, cancellationToken);
        return publication.Id;
    }

    private static async Task RemoveAsync(IServiceProvider services, List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuartiersnetzDbContext>();
        var storage = scope.ServiceProvider.GetRequiredService<IFileStorage>();
        var files = await db.Set<PublicationFile>().Where(f => ids.Contains(f.PublicationId)).ToListAsync(CancellationToken.None);
        foreach (var file in files)
        {
            await storage.DeleteAsync(file.FileKey, CancellationToken.None);
        }

        // Through the change tracker, so the interceptor queues the removal from the index like the app's delete does.
        db.RemoveRange(files);
        db.RemoveRange(await db.Set<Publication>().Where(p => ids.Contains(p.Id)).ToListAsync(CancellationToken.None));
        await db.SaveChangesAsync(CancellationToken.None);
        var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
        while (await indexer.ProcessPendingAsync(500, CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>100 A4 pages of 9.5 pt prose, about 3,000 characters each, as a report's body text.</summary>
    internal static byte[] Write(Random random)
    {
        EmbeddedFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = "Lasttest: Dokumentation mit 100 Seiten";
        var font = new XFont(EmbeddedFontResolver.Family, 9.5, XFontStyleEx.Regular);
        var heading = new XFont(EmbeddedFontResolver.Family, 13, XFontStyleEx.Bold);
        var themes = Enumerable.Range(0, 4).Select(_ => FullText.ThemeCompound(random)).ToList();
        const double left = 20 * Mm;
        const double width = 170 * Mm;
        const double lineHeight = 9.5 * 1.35;
        for (var p = 0; p < Pages; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromMillimeter(210);
            page.Height = XUnit.FromMillimeter(297);
            using var gfx = XGraphics.FromPdfPage(page);
            var y = 20 * Mm;
            gfx.DrawString($"{p + 1}. {FullText.Title(random, themes)}", heading, XBrushes.Black, new XRect(left, y, width, 16), XStringFormats.TopLeft);
            y += 24;
            var text = new StringBuilder();
            FullText.Append(text, random, themes, "Birkenhausen", 3_000);
            var line = new StringBuilder();
            foreach (var word in text.ToString().Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                // About 105 characters of DejaVu Sans at 9.5 pt fit into 170 mm; measuring every line would only slow the writer.
                if (line.Length + word.Length + 1 > 105)
                {
                    gfx.DrawString(line.ToString(), font, XBrushes.Black, new XRect(left, y, width, lineHeight), XStringFormats.TopLeft);
                    y += lineHeight;
                    line.Clear();
                    if (y > 275 * Mm)
                    {
                        break;
                    }
                }

                line.Append(line.Length == 0 ? "" : " ").Append(word);
            }

            if (line.Length > 0 && y <= 275 * Mm)
            {
                gfx.DrawString(line.ToString(), font, XBrushes.Black, new XRect(left, y, width, lineHeight), XStringFormats.TopLeft);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
