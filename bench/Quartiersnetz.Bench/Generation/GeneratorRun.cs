using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using NetTopologySuite.Geometries;
using Quartiersnetz.Data;
using Quartiersnetz.Data.Reference;
using Quartiersnetz.Features.Municipalities;
using Quartiersnetz.Features.Organisations;
using Quartiersnetz.Features.ProgrammeAreas;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Privacy;

namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// One generator run. Each step draws from its own <c>new Random(seed, step number)</c>, so adding a step at the end
/// leaves the data of the earlier steps unchanged for a given seed. Steps hand what later steps need (municipalities,
/// topics, organisations, people) over in memory, never by reading back what they wrote.
/// </summary>
internal sealed partial class GeneratorRun(
    QuartiersnetzDbContext db, GeneratorScale scale, int seed, IProgress<GeneratorProgress>? progress, CancellationToken cancellationToken)
{
    private readonly List<Place> _places = [];
    private readonly List<string> _memberAgs = [];
    private readonly List<TopicRef> _topics = [];
    private readonly Dictionary<OrganisationType, List<Guid>> _organisations = [];
    private readonly List<PersonRef> _people = [];
    private readonly List<AreaRef> _areaRefs = [];
    private readonly Dictionary<string, Guid> _roles = new(StringComparer.Ordinal);
    private readonly FixedClock _clock = new(DataGenerator.BaseDateUtc);
    private Guid _benchMemberId;
    private int _memberships;
    private int _areas;
    private int _newTopics;
    private int _newMunicipalities;
    private int _stepNumber;
    private int _stepCount;
    private string _stepName = "";

    /// <summary>
    /// The steps in order. Later features (events, publications, projects) add their step at the end, drawing on
    /// the people, places and topics generated before.
    /// </summary>
    private IReadOnlyList<(string Name, Func<Random, Task> Run)> Steps =>
    [
        ("roles", RolesAsync),
        ("municipalities", MunicipalitiesAsync),
        ("topics", TopicsAsync),
        ("organisations", OrganisationsAsync),
        ("people", PeopleAsync),
        ("memberships", MembershipsAsync),
        ("programme areas", ProgrammeAreasAsync),
        ("events", EventsAsync),
        ("burst tokens", BurstTokensAsync),
        ("event checks", CheckEventsAsync),
        ("publications", PublicationsAsync),
        ("projects", ProjectsAsync),
    ];

    public async Task<GeneratorSummary> RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.Clear();
        try
        {
            var steps = Steps;
            _stepCount = steps.Count;
            foreach (var (name, run) in steps)
            {
                _stepNumber++;
                _stepName = name;
                Report(0, 1);
                // Not HashCode.Combine: it is randomised per process, and a seed must give the same data in every run.
                await run(new Random(unchecked((seed * 7_919) + (_stepNumber * 104_729))));
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }

        return new GeneratorSummary(_newMunicipalities, _newTopics, _organisations.Values.Sum(o => o.Count), _people.Count, _memberships, _areas, watch.Elapsed)
        {
            Events = _eventCount, Series = _seriesCount, Registrations = _registrationCount, EventsElapsed = _eventsElapsed, CheckElapsed = _checkElapsed,
            Publications = _publicationCount, PublicationFiles = _publicationFileCount, TextChars = _textChars, Projects = _projectCount,
            LibraryElapsed = _libraryElapsed,
        };
    }

    // ---------------------------------------------------------------- roles

    private async Task RolesAsync(Random random)
    {
        var office = BenchAccounts.OfficeEmail.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == office, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The database already holds generated data ({BenchAccounts.OfficeEmail} exists); generate into a fresh database.");
        }

        // BootstrapAdministrator creates the roles at app start; a database prepared without it has none yet.
        var existing = await db.Roles.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var role in existing)
        {
            _roles[role.Name!] = role.Id;
        }

        var missing = Roles.All.Where(r => !_roles.ContainsKey(r)).Select(r => new IdentityRole<Guid>(r)
        {
            Id = random.NextGuid(), NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = random.NextGuid().ToString(),
        }).ToList();
        await InsertAsync(missing);
        foreach (var role in missing)
        {
            _roles[role.Name!] = role.Id;
        }
    }

    // ---------------------------------------------------------------- municipalities

    private async Task MunicipalitiesAsync(Random random)
    {
        var real = await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.Ags).ToListAsync(cancellationToken);
        var districts = await db.Set<District>().AsNoTracking().OrderBy(d => d.Ags).Select(d => d.Ags).ToListAsync(cancellationToken);
        foreach (var m in real)
        {
            _places.Add(new Place(m.Ags, m.Name, m.ShortName, m.PostalCode, m.Population, m.Longitude, m.Latitude, Shapes.Read(m.BoundaryGeoJson)));
        }

        var used = real.Select(m => m.Ags).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var byDistrict = _places.Where(p => !DataGenerator.IsSynthetic(p.Ags)).GroupBy(p => p.Ags[..5]).ToDictionary(g => g.Key, g => g.ToList());
        var urbanisation = new[] { "dicht besiedelt", "mittlere Besiedlungsdichte", "gering besiedelt" };
        var rows = new List<Municipality>();
        for (var i = 0; i < scale.SyntheticMunicipalities; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var district = GermanText.Pick(random, districts);
            var number = Enumerable.Range(DataGenerator.FirstSyntheticNumber, 100).Cast<int?>()
                .FirstOrDefault(n => !used.Contains($"{district}{n:000}"));
            if (number is null || !byDistrict.TryGetValue(district, out var neighbours))
            {
                // This Kreis has no free number left (more than 100 synthetic ones); another Kreis takes it.
                i--;
                continue;
            }

            var ags = string.Create(CultureInfo.InvariantCulture, $"{district}{number:000}");
            used.Add(ags);
            var stem = GermanText.PlaceName(random);
            for (var attempt = 0; names.Contains(stem) && attempt < 20; attempt++)
            {
                stem = GermanText.PlaceName(random);
            }

            if (!names.Add(stem))
            {
                stem = $"{stem} {i + 1}";
                names.Add(stem);
            }

            var name = stem + DataGenerator.SyntheticSuffix;
            var neighbour = GermanText.Pick(random, neighbours);
            var areaKm2 = 8 + random.NextDouble() * 52;
            var (outline, lon, lat) = SyntheticOutline(random, neighbour, areaKm2);
            rows.Add(new Municipality
            {
                Ags = ags,
                Ars = $"{district}0000{number:000}",
                Name = name,
                ShortName = name,
                SortKey = GermanSortKey.For(name),
                Type = "Gemeinde",
                DistrictAgs = district,
                AreaKm2 = Math.Round((decimal)(outline.Area / DegreeSquare(lat) / 1_000_000), 2),
                Population = random.Next(2_000, 60_000),
                PostalCode = neighbour.PostalCode,
                Longitude = lon,
                Latitude = lat,
                Urbanisation = GermanText.Pick(random, urbanisation),
                BoundaryGeoJson = Shapes.Write(outline),
            });
        }

        foreach (var m in rows)
        {
            _places.Add(new Place(m.Ags, m.Name, m.ShortName, m.PostalCode, m.Population, m.Longitude, m.Latitude, Shapes.Read(m.BoundaryGeoJson)));
        }

        await InsertAsync(rows);
        _newMunicipalities = rows.Count;

        // About a third of all municipalities are members of the network; people cluster there.
        var shuffled = _places.Select(p => p.Ags).ToArray();
        random.Shuffle(shuffled);
        _memberAgs.AddRange(shuffled.Take(_places.Count / 3).Order(StringComparer.Ordinal));
    }

    /// <summary>A simple outline near a real municipality of the Kreis, inside NRW; shrinks towards that centre until it fits.</summary>
    private static (Polygon Outline, double Longitude, double Latitude) SyntheticOutline(Random random, Place neighbour, double areaKm2)
    {
        var jitter = 0.03;
        var size = areaKm2;
        for (var attempt = 0; ; attempt++)
        {
            var lon = Math.Round(neighbour.Longitude + (random.NextDouble() - 0.5) * 2 * jitter, 6);
            var lat = Math.Round(neighbour.Latitude + (random.NextDouble() - 0.5) * 2 * jitter * 0.6, 6);
            var outline = Shapes.Star(random, lon, lat, size * 1_000_000, random.Next(24, 49));
            if (Shapes.Nrw.Value.Contains(outline) || attempt >= 12)
            {
                return (outline, lon, lat);
            }

            jitter /= 1.6;
            size /= 1.6;
        }
    }

    /// <summary>Square metres per square degree at that latitude (near enough for a stated area).</summary>
    private static double DegreeSquare(double latitude) => 1 / (111_320.0 * 111_320.0 * Math.Cos(latitude * Math.PI / 180));

    // ---------------------------------------------------------------- topics

    private async Task TopicsAsync(Random random)
    {
        var existing = await db.Set<Topic>().AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        var slugs = existing.Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        var fields = existing.Where(t => t.ParentId is null && t.Status == TopicStatus.Active).Select(t => t.Id).ToList();
        var candidates = GermanText.SubTopics.ToArray();
        random.Shuffle(candidates);
        var rows = new List<Topic>();
        foreach (var name in candidates)
        {
            if (existing.Count + rows.Count >= scale.Topics || fields.Count == 0)
            {
                break;
            }

            var slug = Topic.SlugFor(name);
            if (!slugs.Add(slug))
            {
                continue;
            }

            var topic = new Topic { Id = random.NextGuid(), Slug = slug, ParentId = GermanText.Pick(random, fields), Description = GermanText.Paragraph(random, 2) };
            topic.Rename(name);
            rows.Add(topic);
        }

        await InsertAsync(rows);
        _newTopics = rows.Count;
        _topics.AddRange(existing.Where(t => t.Status == TopicStatus.Active).Concat(rows).Select(t => new TopicRef(t.Id, t.Slug)));
    }

    // ---------------------------------------------------------------- organisations

    private static readonly (OrganisationType Type, double Weight, string[] Patterns)[] OrganisationKinds =
    [
        (OrganisationType.Traeger, 45, ["Stadtteilverein {0} e. V.", "Nachbarschaftshilfe {1} e. V.", "Bürgerzentrum {0} gGmbH", "Diakonisches Werk {1}",
            "Caritasverband {1}", "AWO Ortsverein {0}", "Quartierswerkstatt {0}", "Jugendhilfe {0} e. V.", "Stadtteilbüro {0}"]),
        (OrganisationType.Beratungsbuero, 20, ["Planungsbüro {2} & {3}", "Stadtplanung {2} GmbH", "Quartiersberatung {0}", "Büro für Stadtentwicklung {2}"]),
        (OrganisationType.Fachverband, 12, ["Arbeitskreis Quartiersentwicklung {1}", "Netzwerk Stadtteilarbeit {0}", "Fachverband Gemeinwesenarbeit {1}"]),
        (OrganisationType.Hochschule, 8, ["Hochschule {0}", "Fachhochschule {1}", "Institut für Stadtforschung {0}"]),
        (OrganisationType.Sonstige, 10, ["Stiftung {0}", "Wohnungsgenossenschaft {0} eG", "Wohnungsbaugesellschaft {1}"]),
        (OrganisationType.Bezirksregierung, 3, ["Bezirksregierung, Dezernat Städtebauförderung {1}"]),
        (OrganisationType.Ministerium, 2, ["Ministerium, Referat Stadterneuerung {1}"]),
    ];

    private async Task OrganisationsAsync(Random random)
    {
        var existing = await db.Set<Organisation>().AsNoTracking().Select(o => new { o.Type, o.Name }).ToListAsync(cancellationToken);
        var taken = existing.Select(o => (o.Type, o.Name)).ToHashSet();
        var weights = OrganisationKinds.Select(k => k.Weight).ToArray();
        var rows = new List<Organisation>();
        for (var i = 0; i < scale.Organisations; i++)
        {
            var kind = OrganisationKinds[random.Weighted(weights)];
            var place = GermanText.Pick(random, _places);
            var name = string.Format(CultureInfo.InvariantCulture, GermanText.Pick(random, kind.Patterns),
                GermanText.PlaceName(random), Plain(place.ShortName), GermanText.Pick(random, GermanText.LastNames), GermanText.Pick(random, GermanText.LastNames));
            for (var n = 2; !taken.Add((kind.Type, name)); n++)
            {
                name = $"{name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').TrimEnd()} {n}";
            }

            var organisation = new Organisation
            {
                Id = random.NextGuid(),
                Name = name,
                SortKey = GermanSortKey.For(name),
                Type = kind.Type,
                AddressLine1 = GermanText.Street(random),
                AddressLine2 = random.Chance(0.15) ? $"{random.Next(1, 5)}. Etage" : null,
                PostalCode = place.PostalCode.Length == 5 ? place.PostalCode : null,
                City = Plain(place.ShortName),
                Website = random.Chance(0.6) ? $"https://{Topic.SlugFor(name)}.{BenchAccounts.EmailDomain}" : null,
                MunicipalityAgs = random.Chance(0.7) ? place.Ags : null,
            };
            rows.Add(organisation);
            (_organisations.TryGetValue(kind.Type, out var list) ? list : _organisations[kind.Type] = []).Add(organisation.Id);
        }

        await InsertAsync(rows);
    }

    // ---------------------------------------------------------------- people

    private static readonly (string Role, double Weight)[] RoleWeights =
    [
        (Roles.MemberStaff, 40), (Roles.DistrictPartner, 20), (Roles.Expert, 14), (Roles.MunicipalCoordinator, 9), (Roles.Funder, 6), (Roles.Jury, 5),
    ];

    /// <summary>Role of a generated person who is an external contact (no account role).</summary>
    private const string ExternalContact = "";

    private static readonly double[] NameVisibilityWeights = [40, 50, 10];
    private static readonly double[] DetailVisibilityWeights = [30, 55, 15];
    private static readonly double[] PhoneVisibilityWeights = [10, 30, 60];

    private async Task PeopleAsync(Random random)
    {
        // Hashing 25,000 times would take many minutes; every generated account shares one hash of the bench password.
        var passwordHash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), BenchAccounts.Password);
        var users = new List<UserAccount>();
        var roles = new List<IdentityUserRole<Guid>>();
        var consents = new List<ConsentRecord>();
        var topics = new List<TopicAssignment>();
        var tokens = new List<IdentityUserToken<Guid>>();
        var roleWeights = RoleWeights.Select(r => r.Weight).ToArray();
        var generated = Math.Max(0, scale.People - 2);
        var officeCount = Math.Max(2, scale.People / 1_000);

        for (var i = 0; i < generated; i++)
        {
            var role = i < officeCount ? Roles.Office : RoleWeights[random.Weighted(roleWeights)].Role;
            var first = GermanText.Pick(random, GermanText.FirstNames);
            var last = GermanText.Pick(random, GermanText.LastNames);
            var title = role == Roles.Expert && random.Chance(0.3) ? "Dr. " : "";
            var email = $"{GermanText.Ascii(first)}.{GermanText.Ascii(last)}.{i + 1}@{BenchAccounts.EmailDomain}";
            var user = NewAccount(random, $"{title}{first} {last}", email, passwordHash);
            user.MunicipalityAgs = MunicipalityFor(random, role);
            user.OrganisationId = OrganisationFor(random, role);
            user.Organisation = user.OrganisationId is null && random.Chance(0.1) ? "Freiberuflich" : null;
            user.FunctionTitle = random.Chance(0.85) ? GermanText.Pick(random, GermanText.FunctionTitles) : null;
            user.PhoneNumber = random.Chance(0.5) ? $"+49 2{random.Next(100, 999)} {random.Next(10_000, 9_999_999)}" : null;
            user.NameVisibility = (ProfileVisibility)random.Weighted(NameVisibilityWeights);
            user.FunctionVisibility = (ProfileVisibility)random.Weighted(DetailVisibilityWeights);
            user.OrganisationVisibility = (ProfileVisibility)random.Weighted(DetailVisibilityWeights);
            user.EmailVisibility = (ProfileVisibility)random.Weighted(DetailVisibilityWeights);
            user.PhotoVisibility = (ProfileVisibility)random.Weighted(DetailVisibilityWeights);
            user.PhoneVisibility = (ProfileVisibility)random.Weighted(PhoneVisibilityWeights);
            if (role != Roles.Office && random.Chance(0.01))
            {
                user.LockoutEnd = Features.People.AccountActivation.DeactivatedUntil;
            }

            users.Add(user);
            if (role != Roles.Office && random.Chance(0.02))
            {
                // An external contact the office keeps (SaveDirectoryPerson): no password, no role, no consents, listed as kept.
                role = ExternalContact;
                user.IsExternalContact = true;
                user.UserName = user.Id.ToString();
                user.NormalizedUserName = user.UserName.ToUpperInvariant();
                user.EmailConfirmed = false;
                user.PasswordHash = null;
                user.EmailVisibility = ProfileVisibility.Office;
                user.LockoutEnd = null;
            }
            else
            {
                roles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = _roles[role] });
                if (role is not (Roles.Office or Roles.Expert) && random.Chance(0.05))
                {
                    roles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = _roles[Roles.Expert] });
                }

                consents.Add(Consent(random, user, ConsentKinds.PrivacyNotice, 0));
                if (random.Chance(0.85))
                {
                    consents.Add(Consent(random, user, ConsentKinds.DirectoryListing, random.Next(0, 60)));
                }
            }

            var key = user.Id.ToString();
            foreach (var topic in Sample(random, _topics, random.Chance(0.8) ? random.Next(1, 5) : 0))
            {
                topics.Add(new TopicAssignment { TopicId = topic.Id, ItemKind = TopicKinds.Person, ItemKey = key });
            }

            _people.Add(new PersonRef(user.Id, role, user.MunicipalityAgs) { Active = user.LockoutEnd is null });
        }

        // The load driver's two accounts (BenchAccounts).
        var office = NewAccount(random, "Bench Geschäftsstelle", BenchAccounts.OfficeEmail, passwordHash);
        office.TwoFactorEnabled = true;
        office.FunctionTitle = "Geschäftsstelle (Lasttest)";
        users.Add(office);
        roles.Add(new IdentityUserRole<Guid> { UserId = office.Id, RoleId = _roles[Roles.Office] });
        consents.Add(Consent(random, office, ConsentKinds.PrivacyNotice, 0));
        tokens.Add(new IdentityUserToken<Guid>
        {
            UserId = office.Id, LoginProvider = BenchAccounts.AuthenticatorLoginProvider, Name = BenchAccounts.AuthenticatorTokenName,
            Value = BenchAccounts.OfficeAuthenticatorKey,
        });
        _people.Add(new PersonRef(office.Id, Roles.Office, null));

        var member = NewAccount(random, "Bench Mitglied", BenchAccounts.MemberEmail, passwordHash);
        member.MunicipalityAgs = _memberAgs.FirstOrDefault();
        member.FunctionTitle = "Mitarbeit (Lasttest)";
        users.Add(member);
        roles.Add(new IdentityUserRole<Guid> { UserId = member.Id, RoleId = _roles[Roles.MemberStaff] });
        consents.Add(Consent(random, member, ConsentKinds.PrivacyNotice, 0));
        consents.Add(Consent(random, member, ConsentKinds.DirectoryListing, 0));
        _people.Add(new PersonRef(member.Id, Roles.MemberStaff, member.MunicipalityAgs));
        _benchMemberId = member.Id;

        var total = users.Count + roles.Count + consents.Count + topics.Count + tokens.Count;
        var done = await InsertAsync(users, 0, total);
        done = await InsertAsync(roles, done, total);
        done = await InsertAsync(tokens, done, total);
        done = await InsertAsync(consents, done, total);
        await InsertAsync(topics, done, total);
    }

    private static UserAccount NewAccount(Random random, string name, string email, string passwordHash) => new()
    {
        Id = random.NextGuid(),
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        PasswordHash = passwordHash,
        SecurityStamp = random.NextGuid().ToString("N").ToUpperInvariant(),
        ConcurrencyStamp = random.NextGuid().ToString(),
        // AccountSecurity sets Lockout.AllowedForNewUsers, so accounts the app creates have lockout on.
        LockoutEnabled = true,
        DisplayName = name,
        CreatedAtUtc = DataGenerator.BaseDateUtc.AddDays(-random.Next(30, 2_000)).AddMinutes(random.Next(0, 1_440)),
    };

    private static ConsentRecord Consent(Random random, UserAccount user, string kind, int daysLater) => new()
    {
        Id = random.NextGuid(), UserId = user.Id, Kind = kind, TextVersion = PrivacyNotice.Version,
        GivenAtUtc = Min(user.CreatedAtUtc.AddDays(daysLater), DataGenerator.BaseDateUtc),
    };

    private string? MunicipalityFor(Random random, string role)
    {
        var inMember = role switch
        {
            Roles.MunicipalCoordinator => 1.0,
            Roles.MemberStaff => 0.9,
            Roles.DistrictPartner => 0.7,
            _ => 0.0,
        };
        if (_memberAgs.Count > 0 && random.Chance(inMember))
        {
            return GermanText.Pick(random, _memberAgs);
        }

        return role is Roles.MemberStaff or Roles.DistrictPartner || random.Chance(0.2) ? GermanText.Pick(random, _places).Ags : null;
    }

    private Guid? OrganisationFor(Random random, string role)
    {
        var (types, probability) = role switch
        {
            Roles.DistrictPartner => (new[] { OrganisationType.Traeger }, 0.8),
            Roles.Expert => (new[] { OrganisationType.Hochschule, OrganisationType.Beratungsbuero, OrganisationType.Fachverband }, 0.7),
            Roles.Funder => (new[] { OrganisationType.Ministerium, OrganisationType.Bezirksregierung }, 0.8),
            Roles.MemberStaff or Roles.MunicipalCoordinator => (Array.Empty<OrganisationType>(), 0.1),
            _ => (Array.Empty<OrganisationType>(), 0.3),
        };
        if (_organisations.Count == 0 || !random.Chance(probability))
        {
            return null;
        }

        var candidates = types.Where(_organisations.ContainsKey).ToList();
        var type = candidates.Count > 0 ? GermanText.Pick(random, candidates) : GermanText.Pick(random, _organisations.Keys.Order().ToList());
        return GermanText.Pick(random, _organisations[type]);
    }

    // ---------------------------------------------------------------- memberships

    private async Task MembershipsAsync(Random random)
    {
        var byMunicipality = _people.Where(p => p.MunicipalityAgs is not null).GroupBy(p => p.MunicipalityAgs!).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<NetworkMembership>();
        foreach (var ags in _memberAgs)
        {
            var since = new DateOnly(2005, 1, 1).AddDays(random.Next(0, 20 * 365));
            var left = random.Chance(0.08) ? since.AddDays(random.Next(365, 8 * 365)) : (DateOnly?)null;
            if (left > DateOnly.FromDateTime(DataGenerator.BaseDateUtc))
            {
                left = null;
            }

            // The Ansprechperson must belong to the municipality (ManageMembership checks that); a coordinator if there is one.
            Guid? contact = null;
            if (byMunicipality.TryGetValue(ags, out var local))
            {
                var coordinators = local.Where(p => p.Role == Roles.MunicipalCoordinator).ToList();
                contact = coordinators.Count > 0 ? GermanText.Pick(random, coordinators).Id : random.Chance(0.5) ? GermanText.Pick(random, local).Id : null;
            }

            rows.Add(new NetworkMembership
            {
                Id = random.NextGuid(), MunicipalityAgs = ags, MemberSince = since, LeftOn = left, ContactPersonId = contact,
                Note = random.Chance(0.2) ? GermanText.Sentence(random) : null,
            });
        }

        await InsertAsync(rows);
        _memberships = rows.Count;
    }

    // ---------------------------------------------------------------- programme areas

    private static readonly double[] ProgrammeWeights = [45, 20, 15, 10, 7, 3];
    private static readonly double[] StatusWeights = [10, 50, 20, 20];
    private const int AreaBatch = 300;

    private async Task ProgrammeAreasAsync(Random random)
    {
        var references = new SaveProgrammeArea.References
        {
            Municipalities = await db.Set<Municipality>().AsNoTracking()
                .Select(m => new { m.Ags, m.Name, m.BoundaryGeoJson })
                .ToDictionaryAsync(m => m.Ags, m => (m.Name, m.BoundaryGeoJson), cancellationToken),
            Areas = (await db.Set<ProgrammeArea>().AsNoTracking().Select(a => new { a.MunicipalityAgs, a.SortKey, a.Id }).ToListAsync(cancellationToken))
                .ToDictionary(a => (a.MunicipalityAgs, a.SortKey), a => a.Id),
            People = [.. _people.Select(p => p.Id)],
        };
        // Most areas lie in real municipalities, the big cities having more of them; the synthetic ones take about a quarter.
        var realPlaces = _places.Where(p => !DataGenerator.IsSynthetic(p.Ags)).ToList();
        var syntheticPlaces = _places.Where(p => DataGenerator.IsSynthetic(p.Ags)).ToList();
        var realWeights = realPlaces.Select(p => Math.Sqrt(Math.Max(p.Population, 1_000))).ToArray();
        var syntheticWeights = syntheticPlaces.Select(p => Math.Sqrt(Math.Max(p.Population, 1_000))).ToArray();
        var localPeople = _people.Where(p => p.MunicipalityAgs is not null && p.Role is Roles.DistrictPartner or Roles.MemberStaff or Roles.MunicipalCoordinator)
            .GroupBy(p => p.MunicipalityAgs!).ToDictionary(g => g.Key, g => g.ToList());
        var areas = new List<ProgrammeArea>();
        var contacts = new List<ProgrammeAreaContact>();
        var topics = new List<TopicAssignment>();
        for (var i = 0; i < scale.ProgrammeAreas; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var place = syntheticPlaces.Count > 0 && (realPlaces.Count == 0 || random.Chance(0.25))
                ? syntheticPlaces[random.Weighted(syntheticWeights)]
                : realPlaces[random.Weighted(realWeights)];
            var (input, ags) = AreaInput(random, place, references, localPeople);
            var (errors, checkedInput) = SaveProgrammeArea.Check(input, null, references);
            for (var attempt = 0; checkedInput is null && attempt < 5; attempt++)
            {
                // A shape that pokes out of NRW at the border: a smaller one at the municipality's centre.
                input.BoundaryGeoJson = Shapes.Write(Shapes.Star(random, place.Longitude, place.Latitude, 150_000, 40));
                (errors, checkedInput) = SaveProgrammeArea.Check(input, null, references);
            }

            if (checkedInput is null)
            {
                throw new InvalidOperationException($"Generated area {input.Name} in {ags} fails the app's checks: {string.Join("; ", errors.Select(e => string.Format(CultureInfo.InvariantCulture, e.Message, e.Arguments)))}");
            }

            var area = new ProgrammeArea { Id = random.NextGuid(), CreatedAtUtc = DataGenerator.BaseDateUtc.AddDays(-random.Next(1, 1_500)) };
            _ = SaveProgrammeArea.Apply(area, checkedInput, _clock);
            areas.Add(area);
            _areaRefs.Add(new AreaRef(area.Id, area.MunicipalityAgs, area.Programme));
            references.Areas[(area.MunicipalityAgs, area.SortKey)] = area.Id;
            contacts.AddRange(input.Contacts.Select(c => new ProgrammeAreaContact { AreaId = area.Id, PersonId = c.PersonId, Role = c.Role!.Trim() }));
            var key = area.Id.ToString();
            topics.AddRange(_topics.Where(t => input.TopicSlugs.Contains(t.Slug)).Select(t => new TopicAssignment { TopicId = t.Id, ItemKind = TopicKinds.ProgrammeArea, ItemKey = key }));

            if (areas.Count == AreaBatch || i == scale.ProgrammeAreas - 1)
            {
                await SaveAreasAsync(areas, contacts, topics);
                _areas += areas.Count;
                (areas, contacts, topics) = ([], [], []);
            }

            Report(i + 1, scale.ProgrammeAreas);
        }
    }

    private (SaveProgrammeArea.Input Input, string Ags) AreaInput(
        Random random, Place place, SaveProgrammeArea.References references, Dictionary<string, List<PersonRef>> localPeople)
    {
        var town = Plain(place.ShortName);
        var name = GermanText.QuarterName(random, town);
        for (var n = 2; references.Areas.ContainsKey((place.Ags, GermanSortKey.For(name))); n++)
        {
            name = n > 5 ? $"{GermanText.QuarterName(random, town)} {n}" : GermanText.QuarterName(random, town);
        }

        var hectares = Math.Exp(Math.Log(20) + random.NextDouble() * (Math.Log(300) - Math.Log(20)));
        var centre = place.Boundary is null
            ? Shapes.Factory.CreatePoint(new Coordinate(place.Longitude, place.Latitude))
            : Shapes.PointInside(random, place.Boundary);
        var outline = Shapes.Star(random, centre.X, centre.Y, hectares * 10_000, random.Next(40, 201));
        var status = (ProgrammeAreaStatus)random.Weighted(StatusWeights);
        var (admission, end) = status switch
        {
            ProgrammeAreaStatus.InVorbereitung => (random.Next(2025, 2027), (int?)null),
            ProgrammeAreaStatus.Laufend => (random.Next(2012, 2025), (int?)random.Next(2026, 2036)),
            ProgrammeAreaStatus.Verstetigung => (random.Next(2005, 2016), (int?)random.Next(2020, 2026)),
            _ => (random.Next(1995, 2012), (int?)random.Next(2012, 2025)),
        };
        var people = localPeople.TryGetValue(place.Ags, out var local) && local.Count > 0 ? local : _people;
        var input = new SaveProgrammeArea.Input
        {
            Name = name,
            MunicipalityAgs = place.Ags,
            Programme = (UrbanDevelopmentProgramme)random.Weighted(ProgrammeWeights),
            Status = status,
            AdmissionYear = admission,
            EndYear = end,
            SizeHectares = Math.Round((decimal)hectares, 1),
            Population = (int)(hectares * random.Next(20, 121)),
            Description = GermanText.AreaDescription(random, name, town),
            BoundaryGeoJson = Shapes.Write(outline),
            PlanTitle = random.Chance(0.6) ? $"Integriertes Handlungskonzept {name}" : null,
            TopicSlugs = [.. Sample(random, _topics, random.Next(1, 5)).Select(t => t.Slug)],
            Contacts = [.. Sample(random, people, random.Next(0, 4)).Select(p => new SaveProgrammeArea.ContactInput { PersonId = p.Id, Role = GermanText.Pick(random, GermanText.ContactRoles) })],
        };
        return (input, place.Ags);
    }

    private async Task SaveAreasAsync(List<ProgrammeArea> areas, List<ProgrammeAreaContact> contacts, List<TopicAssignment> topics)
    {
        db.AddRange(areas);
        db.AddRange(contacts);
        db.AddRange(topics);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    // ---------------------------------------------------------------- helpers

    private Task<int> InsertAsync<T>(IReadOnlyList<T> rows)
        where T : class => InsertAsync(rows, 0, rows.Count);

    /// <summary>Adds the rows in batches of <see cref="DataGenerator.BatchSize"/>, one SaveChanges each, and reports progress.</summary>
    private async Task<int> InsertAsync<T>(IReadOnlyList<T> rows, int done, int total)
        where T : class
    {
        for (var start = 0; start < rows.Count; start += DataGenerator.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = rows.Skip(start).Take(DataGenerator.BatchSize).ToList();
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch.Count;
            Report(done, total);
        }

        return done;
    }

    private void Report(int done, int total) => progress?.Report(new GeneratorProgress(_stepName, _stepNumber, _stepCount, done, Math.Max(total, 1)));

    /// <summary>k distinct items, in random order.</summary>
    private static List<T> Sample<T>(Random random, IReadOnlyList<T> items, int count)
    {
        count = Math.Min(count, items.Count);
        var chosen = new HashSet<int>();
        var result = new List<T>(count);
        while (result.Count < count)
        {
            var index = random.Next(items.Count);
            if (chosen.Add(index))
            {
                result.Add(items[index]);
            }
        }

        return result;
    }

    /// <summary>The short name without the synthetic marker, for use inside other names.</summary>
    private static string Plain(string shortName) =>
        shortName.EndsWith(DataGenerator.SyntheticSuffix, StringComparison.Ordinal) ? shortName[..^DataGenerator.SyntheticSuffix.Length] : shortName;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed record Place(string Ags, string Name, string ShortName, string PostalCode, int Population, double Longitude, double Latitude, Geometry? Boundary);

    private sealed record TopicRef(Guid Id, string Slug);

    private sealed record AreaRef(Guid Id, string MunicipalityAgs, UrbanDevelopmentProgramme Programme);

    private sealed record PersonRef(Guid Id, string Role, string? MunicipalityAgs)
    {
        /// <summary>Not deactivated: can sign in and register.</summary>
        public bool Active { get; init; } = true;
    }
}
