using System.Diagnostics;
using System.Globalization;
using System.Text;
using Quartiersnetz.Features.Library;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Projects;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Files;
using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// The library (publications with authors, municipalities, topics and 1–3 files each whose extracted text is stored as
/// <see cref="DocumentTextJob"/> stores it) and the Praxisdatenbank (projects in real programme areas). The text is
/// <see cref="FullText"/>'s German-like prose, about <see cref="LibraryScale.TextChars"/> characters in all, so the
/// search index meets the "≈ 300 MB of full text". Rows go in with plain multi-row INSERTs in batches (memory
/// stays bounded: one batch of text at a time); no SaveChanges, so nothing is queued for the search indexer — the
/// generate command builds the whole index afterwards with the app's <c>SearchIndexer.RebuildAllAsync</c>. No file bytes
/// are written: the file rows say "extracted" with their text, which is all the list, detail and search pages read.
/// </summary>
internal sealed partial class GeneratorRun
{
    private const int PublicationBatch = 250;
    private const int ProjectBatch = 500;

    /// <summary>Draft, members-only and extraction-failed shares (issue 7's data description).</summary>
    private const double DraftShare = 0.03;
    private const double MembersOnlyShare = 0.10;
    private const double FailedFileShare = 0.01;

    private static readonly double[] PublicationTypeWeights = [30, 12, 8, 18, 10, 8, 6, 8];
    private static readonly double[] ProjectStateWeights = [4, 5, 3, 88];
    private static readonly double[] ProjectStatusWeights = [15, 40, 45];

    private static readonly string[] Publishers =
    [
        "AG Soziale Stadt NRW", "Ministerium für Heimat, Kommunales, Bau und Digitalisierung NRW", "Institut für Landes- und Stadtentwicklungsforschung",
        "Bundesinstitut für Bau-, Stadt- und Raumforschung", "Deutsches Institut für Urbanistik", "Landesinitiative StadtBauKultur NRW",
    ];

    private static readonly string[] FileTitles = ["Bericht", "Kurzfassung", "Anhang", "Materialband", "Präsentation", "Arbeitshilfe", "Dokumentation"];

    private static readonly string[] FundingLines =
    [
        "Städtebauförderung (Bund/Land), Eigenanteil der Stadt", "Verfügungsfonds", "Europäischer Sozialfonds (ESF)", "EFRE",
        "Stiftungsmittel", "Landesprogramm Starke Quartiere – starke Menschen", "Eigenmittel der Wohnungsgesellschaft",
    ];

    private int _publicationCount;
    private int _publicationFileCount;
    private long _textChars;
    private int _projectCount;
    private TimeSpan _libraryElapsed;

    // ---------------------------------------------------------------- publications

    private async Task PublicationsAsync(Random random)
    {
        var watch = Stopwatch.StartNew();
        var s = scale.LibraryCounts;
        if (s.Publications == 0)
        {
            return;
        }

        var meanChars = (double)s.TextChars / s.Publications;
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new List<Guid>(s.Publications);
        var typeCount = Enum.GetValues<PublicationType>().Length;
        for (var start = 0; start < s.Publications; start += PublicationBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var publications = new List<Publication>();
            var contributors = new List<PublicationContributor>();
            var files = new List<PublicationFile>();
            var municipalities = new List<PublicationMunicipality>();
            var relations = new List<PublicationRelation>();
            var topics = new List<TopicAssignment>();
            for (var i = start; i < Math.Min(s.Publications, start + PublicationBatch); i++)
            {
                var themes = Enumerable.Range(0, random.Next(2, 6)).Select(_ => FullText.ThemeCompound(random)).ToList();
                var place = GermanText.Pick(random, _places);
                var type = (PublicationType)Math.Min(typeCount - 1, random.Weighted(PublicationTypeWeights));
                // More recent years more often, back to 1995.
                var year = 2026 - (int)(31 * Math.Pow(random.NextDouble(), 2));
                var title = Cut($"{PublicationLabels.Label(type)}: {FullText.Title(random, themes)}", Publication.TitleMaxLength);
                var slug = Slugs.Fold(title, Publication.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "veroeffentlichung";
                for (var n = 2; !slugs.Add(slug); n++)
                {
                    slug = Slugs.Fold(title, Publication.SlugMaxLength - 6) + "-" + n.ToString(CultureInfo.InvariantCulture);
                }

                var created = new DateTime(Math.Min(year, 2025), 1, 1, 8, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 365)).AddMinutes(random.Next(0, 600));
                var publication = new Publication
                {
                    Id = random.NextGuid(),
                    Slug = slug,
                    Type = type,
                    Title = title,
                    Subtitle = random.Chance(0.4) ? Cut(FullText.Title(random, themes), Publication.SubtitleMaxLength) : null,
                    Publisher = random.Chance(0.8) ? GermanText.Pick(random, Publishers) : null,
                    Year = year,
                    PublishedOn = random.Chance(0.5) ? DateOnly.FromDateTime(created) : null,
                    Abstract = FullText.Paragraph(random, themes, Plain(place.ShortName), random.Next(400, 1_800)),
                    Language = "de",
                    Licence = random.Chance(0.3) ? "CC BY 4.0" : null,
                    Doi = random.Chance(0.15) ? string.Create(CultureInfo.InvariantCulture, $"10.99999/qn.{year}.{i + 1}") : null,
                    Isbn = random.Chance(0.05) ? string.Create(CultureInfo.InvariantCulture, $"978-3-{random.Next(10_000, 99_999)}-{random.Next(100, 999)}-{random.Next(0, 9)}") : null,
                    Visibility = random.Chance(MembersOnlyShare) ? PublicationVisibility.Members : PublicationVisibility.Public,
                    PublishedAtUtc = random.Chance(DraftShare) ? null : Min(created.AddDays(random.Next(0, 30)), DataGenerator.BaseDateUtc),
                    CreatedAtUtc = Min(created, DataGenerator.BaseDateUtc),
                    UpdatedAtUtc = Min(created.AddDays(random.Next(0, 60)), DataGenerator.BaseDateUtc),
                };
                publications.Add(publication);

                var authors = random.Next(1, 5);
                for (var a = 0; a < authors; a++)
                {
                    contributors.Add(new PublicationContributor
                    {
                        Id = random.NextGuid(), PublicationId = publication.Id, Position = a,
                        Name = $"{GermanText.Pick(random, GermanText.FirstNames)} {GermanText.Pick(random, GermanText.LastNames)}",
                    });
                }

                if (random.Chance(0.2))
                {
                    contributors.Add(new PublicationContributor
                    {
                        Id = random.NextGuid(), PublicationId = publication.Id, Position = authors, IsEditor = true,
                        Name = $"{GermanText.Pick(random, GermanText.FirstNames)} {GermanText.Pick(random, GermanText.LastNames)}",
                    });
                }

                // About two in three are about particular municipalities.
                foreach (var concerned in Sample(random, _places, random.Chance(0.65) ? random.Next(1, 4) : 0).Prepend(place).DistinctBy(p => p.Ags).Skip(random.Chance(0.35) ? 1 : 0))
                {
                    municipalities.Add(new PublicationMunicipality { PublicationId = publication.Id, Ags = concerned.Ags });
                }

                var key = publication.Id.ToString();
                topics.AddRange(Sample(random, _topics, random.Next(1, 5)).Select(t => new TopicAssignment { TopicId = t.Id, ItemKind = Publication.TopicKind, ItemKey = key }));
                foreach (var related in Sample(random, earlier, random.Chance(0.15) ? random.Next(1, 3) : 0))
                {
                    relations.Add(new PublicationRelation { PublicationId = publication.Id, RelatedPublicationId = related });
                }

                AddFiles(random, publication, themes, Plain(place.ShortName), meanChars, files);
                earlier.Add(publication.Id);
            }

            await BulkInsertAsync(publications, 0, 1);
            await BulkInsertAsync(contributors, 0, 1);
            await BulkInsertAsync(municipalities, 0, 1);
            await BulkInsertAsync(relations, 0, 1);
            await BulkInsertAsync(topics, 0, 1);
            await BulkInsertAsync(files, 0, 1);
            _publicationCount += publications.Count;
            _publicationFileCount += files.Count;
            Report(_publicationCount, s.Publications);
        }

        _libraryElapsed += watch.Elapsed;
    }

    /// <summary>1–3 files; the text of all of them together is log-normally spread around the scale's mean per publication.</summary>
    private void AddFiles(Random random, Publication publication, List<int> themes, string placeName, double meanChars, List<PublicationFile> files)
    {
        // Log-normal with σ 0.9, scaled so that the mean stays meanChars; one very long report is cut like the app cuts.
        var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var total = (int)Math.Min(meanChars * Math.Exp((0.9 * gauss) - (0.9 * 0.9 / 2)), PublicationFile.TextMaxLength);
        var count = random.Next(1, 4);
        var uploaded = publication.CreatedAtUtc;
        for (var f = 0; f < count; f++)
        {
            // The first file is the report itself, the others annexes with a smaller share.
            var share = count == 1 ? 1.0 : f == 0 ? 0.7 : 0.3 / (count - 1);
            var chars = Math.Max(300, (int)(total * share));
            var failed = random.Chance(FailedFileShare);
            string? text = null;
            if (!failed)
            {
                var builder = new StringBuilder(chars + 400);
                FullText.Append(builder, random, themes, placeName, chars);
                text = builder.Length > PublicationFile.TextMaxLength ? builder.ToString(0, PublicationFile.TextMaxLength) : builder.ToString();
                _textChars += text.Length;
            }

            var docx = random.Chance(0.1);
            var extension = docx ? "docx" : "pdf";
            var fileId = random.NextGuid();
            uploaded = uploaded.AddMinutes(random.Next(1, 30));
            files.Add(new PublicationFile
            {
                Id = fileId,
                PublicationId = publication.Id,
                Title = f == 0 ? Cut(publication.Title, PublicationFile.TitleMaxLength) : GermanText.Pick(random, FileTitles) + " " + (f + 1).ToString(CultureInfo.InvariantCulture),
                // The key the app makes (SavePublication.AddFileAsync); no bytes behind it in a generated data set.
                FileKey = $"publications/{publication.Id:N}-{fileId:N}.{extension}",
                Extension = extension,
                // A PDF page holds about 2,500 characters and weighs some 40 KB with its fonts and pictures.
                PageCount = docx ? null : Math.Max(1, chars / 2_500),
                SizeBytes = 30_000L + (chars * 16L),
                TextStatus = failed ? DocumentTextStatus.Failed : DocumentTextStatus.Extracted,
                Text = text,
                DownloadCount = random.Next(0, 400),
                UploadedAtUtc = Min(uploaded, DataGenerator.BaseDateUtc),
            });
        }
    }

    // ---------------------------------------------------------------- projects

    private async Task ProjectsAsync(Random random)
    {
        var watch = Stopwatch.StartNew();
        var s = scale.LibraryCounts;
        if (s.Projects == 0)
        {
            return;
        }

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var placesByAgs = _places.ToDictionary(p => p.Ags, StringComparer.Ordinal);
        var proposers = _people.Where(p => p.Active && p.Role is Roles.MemberStaff or Roles.MunicipalCoordinator or Roles.DistrictPartner).ToList();
        var programmeCount = Enum.GetValues<UrbanDevelopmentProgramme>().Length;
        var featured = 0;
        for (var start = 0; start < s.Projects; start += ProjectBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var projects = new List<Project>();
            var topics = new List<TopicAssignment>();
            for (var i = start; i < Math.Min(s.Projects, start + ProjectBatch); i++)
            {
                var themes = Enumerable.Range(0, random.Next(2, 4)).Select(_ => FullText.ThemeCompound(random)).ToList();
                // Most projects belong to a programme area (and its municipality and programme); some to a whole town.
                var area = _areaRefs.Count > 0 && random.Chance(0.8) ? GermanText.Pick(random, _areaRefs) : null;
                var place = area is not null ? placesByAgs[area.MunicipalityAgs] : GermanText.Pick(random, RealPlaces.Count > 0 ? RealPlaces : _places);
                var town = Plain(place.ShortName);
                var title = Cut($"{FullText.Title(random, themes)} in {town}", Project.TitleMaxLength);
                var slug = Slugs.Fold(title, Project.SlugMaxLength - 6) is { Length: > 0 } folded ? folded : "projekt";
                for (var n = 2; !slugs.Add(slug); n++)
                {
                    slug = Slugs.Fold(title, Project.SlugMaxLength - 6) + "-" + n.ToString(CultureInfo.InvariantCulture);
                }

                var state = (ProjectReviewState)random.Weighted(ProjectStateWeights);
                var status = (ProjectStatus)random.Weighted(ProjectStatusWeights);
                var startYear = random.Next(2008, 2027);
                var created = DataGenerator.BaseDateUtc.AddDays(-random.Next(1, 2_500)).AddMinutes(random.Next(0, 1_440));
                var proposer = proposers.Count > 0 && random.Chance(0.75) ? GermanText.Pick(random, proposers) : null;
                var submitted = state == ProjectReviewState.Draft ? (DateTime?)null : Min(created.AddDays(random.Next(0, 20)), DataGenerator.BaseDateUtc);
                var point = random.Chance(0.5);
                var project = new Project
                {
                    Id = random.NextGuid(),
                    Slug = slug,
                    Title = title,
                    Summary = Cut(FullText.Paragraph(random, themes, town, random.Next(150, 500)), Project.SummaryMaxLength),
                    MunicipalityAgs = place.Ags,
                    ProgrammeAreaId = area?.Id,
                    Programme = area?.Programme ?? (UrbanDevelopmentProgramme)random.Next(programmeCount),
                    Status = status,
                    StartYear = random.Chance(0.9) ? startYear : null,
                    EndYear = status == ProjectStatus.Abgeschlossen ? startYear + random.Next(0, 6) : null,
                    CostsEuro = random.Chance(0.7) ? random.Next(5, 4_000) * 1_000m : null,
                    FundingSources = random.Chance(0.8) ? string.Join(", ", Sample(random, FundingLines, random.Next(1, 3))) : null,
                    Partners = random.Chance(0.6) ? string.Join("\n", Enumerable.Range(0, random.Next(1, 5)).Select(_ => $"Stadtteilverein {GermanText.PlaceName(random)} e. V.")) : null,
                    ContactName = random.Chance(0.8) ? $"{GermanText.Pick(random, GermanText.FirstNames)} {GermanText.Pick(random, GermanText.LastNames)}" : null,
                    ContactOrganisation = random.Chance(0.6) ? $"Stadt {town}" : null,
                    ContactEmail = random.Chance(0.6) ? $"kontakt.{i + 1}@{BenchAccounts.EmailDomain}" : null,
                    Goals = FullText.Paragraph(random, themes, town, random.Next(300, 1_500)),
                    Approach = random.Chance(0.9) ? FullText.Paragraph(random, themes, town, random.Next(400, 2_500)) : null,
                    Results = status == ProjectStatus.Geplant ? null : FullText.Paragraph(random, themes, town, random.Next(300, 2_000)),
                    LessonsLearned = random.Chance(0.7) ? FullText.Paragraph(random, themes, town, random.Next(200, 1_200)) : null,
                    WebsiteUrl = random.Chance(0.4) ? $"https://{slug}.{BenchAccounts.EmailDomain}" : null,
                    Latitude = point ? Math.Round(place.Latitude + ((random.NextDouble() - 0.5) * 0.02), 6) : null,
                    Longitude = point ? Math.Round(place.Longitude + ((random.NextDouble() - 0.5) * 0.03), 6) : null,
                    ReviewState = state,
                    IsFeatured = state == ProjectReviewState.Published && featured < 12 && random.Chance(0.01) && ++featured > 0,
                    ReviewNote = state == ProjectReviewState.Returned ? "Bitte ergänzen Sie die Ergebnisse und die Kosten." : null,
                    ProposedByAccountId = proposer?.Id,
                    SubmittedAtUtc = submitted,
                    PublishedAtUtc = state == ProjectReviewState.Published ? Min(submitted!.Value.AddDays(random.Next(1, 30)), DataGenerator.BaseDateUtc) : null,
                    CreatedAtUtc = created,
                    UpdatedAtUtc = Min(created.AddDays(random.Next(0, 40)), DataGenerator.BaseDateUtc),
                };
                projects.Add(project);
                var key = project.Id.ToString();
                topics.AddRange(Sample(random, _topics, random.Next(1, 4)).Select(t => new TopicAssignment { TopicId = t.Id, ItemKind = Project.TopicKind, ItemKey = key }));
            }

            await BulkInsertAsync(projects, 0, 1);
            await BulkInsertAsync(topics, 0, 1);
            _projectCount += projects.Count;
            Report(_projectCount, s.Projects);
        }

        _libraryElapsed += watch.Elapsed;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();
}
