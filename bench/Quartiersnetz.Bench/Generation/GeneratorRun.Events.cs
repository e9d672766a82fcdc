using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Quartiersnetz.Features.ApiAccess;
using Quartiersnetz.Features.Events;
using Quartiersnetz.Features.Topics;
using Quartiersnetz.Platform.Auth;
using Quartiersnetz.Platform.Time;

namespace Quartiersnetz.Bench.Generation;

/// <summary>
/// Events, series, questions, registrations and answers, and the burst accounts' tokens. Events are placed around the
/// generation day (<see cref="_eventsNow"/>: 3 years back, 1 ahead) rather than the fixed base date, because the
/// app decides "upcoming", reminders and retention by the real clock; the same seed gives the same rows on the same day.
/// Registrations are decided one by one in registration order with the app's own rule (RegisterForEvent): confirmed
/// while the seats (person and companions) fit and nobody waits, otherwise on the waiting list with the next number;
/// moderated events hold them as pending. They go in with plain INSERTs (no tracked SaveChanges, so the event-mail
/// interceptor sends nothing for generated data); <see cref="CheckEventsAsync"/> then proves the invariants in SQL.
/// </summary>
internal sealed partial class GeneratorRun
{
    private static readonly double[] EventTypeWeights = [25, 18, 16, 6, 3, 10, 10, 6, 6];
    private static readonly double[] TypeRegistrationWeights = [1.4, 1.0, 2.0, 0.8, 0.9, 0.9, 0.7, 4.0, 0.6];
    private static readonly double[] AudienceWeights = [60, 30, 10];
    private const double CancelledEventShare = 0.04;
    private const double CancelledRegistrationShare = 0.07;
    private const double GuestShare = 0.03;
    private const int ReminderHours = 48;

    private static readonly string[] Venues =
    [
        "Bürgerzentrum {0}", "Stadtteilbüro {0}", "Rathaus {0}, Ratssaal", "Volkshochschule {0}", "Familienzentrum {0}",
        "Gemeindehaus {0}", "Quartierstreff {0}", "Jugendzentrum {0}", "Stadtbibliothek {0}",
    ];

    private static readonly string[] Organisers =
    [
        "Geschäftsstelle Quartiersnetz", "Arbeitskreis Quartiersentwicklung", "Fachgruppe Beteiligung", "Regionalgruppe {0}",
    ];

    private readonly List<Event> _eventRows = [];
    private readonly List<EventSeries> _seriesRows = [];
    private readonly List<EventQuestion> _questionRows = [];
    private readonly List<TopicAssignment> _eventTopics = [];
    private DateTime _eventsNow;
    private List<Place>? _realPlaces;

    private List<Place> RealPlaces => _realPlaces ??= [.. _places.Where(p => !DataGenerator.IsSynthetic(p.Ags))];
    private int _eventCount;
    private int _seriesCount;
    private int _registrationCount;
    private TimeSpan _eventsElapsed;
    private TimeSpan _checkElapsed;

    // ---------------------------------------------------------------- events

    private async Task EventsAsync(Random random)
    {
        var watch = Stopwatch.StartNew();
        var s = scale.EventCounts;
        _eventsNow = DateTime.UtcNow.Date;
        if (s.Events == 0)
        {
            return;
        }

        var firstDay = DateOnly.FromDateTime(_eventsNow.AddYears(-3));
        var lastDay = DateOnly.FromDateTime(_eventsNow.AddYears(1));

        // Series first: their occurrences count towards the total.
        for (var i = 0; i < s.Series && _eventRows.Count < s.Events / 2; i++)
        {
            AddSeries(random, firstDay, lastDay, publicSeries: i == 0, maxDates: (s.Events / 2) - _eventRows.Count);
        }

        var singles = s.Events - _eventRows.Count - 2;
        for (var i = 0; i < singles; i++)
        {
            var date = firstDay.AddDays(random.Next(lastDay.DayNumber - firstDay.DayNumber));
            AddSingle(random, date);
        }

        AddParticipantListEvent(random);
        AddBurstEvent();
        Report(1, 3);

        var registrations = new List<EventRegistration>(s.Registrations);
        var answers = new List<EventRegistrationAnswer>();
        BuildRegistrations(random, registrations, answers);
        Report(2, 3);

        var total = _seriesRows.Count + _eventRows.Count + _questionRows.Count + _eventTopics.Count + registrations.Count + answers.Count;
        var done = await InsertAsync(_seriesRows, 0, total);
        done = await InsertAsync(_eventRows, done, total);
        done = await InsertAsync(_questionRows, done, total);
        done = await InsertAsync(_eventTopics, done, total);
        done = await BulkInsertAsync(registrations, done, total);
        await BulkInsertAsync(answers, done, total);
        _eventCount = _eventRows.Count;
        _seriesCount = _seriesRows.Count;
        _registrationCount = registrations.Count;
        _eventsElapsed = watch.Elapsed;
    }

    private void AddSeries(Random random, DateOnly firstDay, DateOnly lastDay, bool publicSeries, int maxDates)
    {
        var weekly = random.Chance(0.35);
        var day = GermanText.Pick(random, SeriesRecurrence.Days).Code;
        var (rule, count) = weekly
            ? ($"FREQ=WEEKLY;BYDAY={day}", random.Next(8, 41))
            : ($"FREQ=MONTHLY;BYDAY={random.Next(1, 5)}{day}", random.Next(6, 25));
        var first = firstDay.AddDays(random.Next(Math.Max(1, lastDay.DayNumber - firstDay.DayNumber - 60)));
        var start = new TimeOnly(random.Next(9, 18), random.Chance(0.5) ? 0 : 30);
        var end = start.AddHours(random.Next(1, 4));
        if (end <= start)
        {
            end = new TimeOnly(23, 0);
        }

        // The app's own rule evaluation; dates past the generated horizon are cut off with a smaller COUNT.
        var (dates, refusal) = SeriesRecurrence.Evaluate($"{rule};COUNT={count}", first, start);
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Generated series rule {rule};COUNT={count} is refused by the app: {refusal.Message}");
        }

        // Dates past the horizon are cut off, and so is what exceeds half the scale's events (small test scales).
        dates = [.. dates.Where(d => d <= lastDay).Take(maxDates)];
        if (dates.Count == 0)
        {
            return;
        }

        var type = (EventType)random.Weighted(EventTypeWeights);
        var template = Template(random, type, $"{GermanText.Pick(random, SeriesTitles)} „{GermanText.Pick(random, GermanText.SubTopics)}“");
        if (publicSeries)
        {
            // At least one series anyone can open (the benchmark's series page).
            template.Audience = EventAudience.Public;
        }
        var series = new EventSeries
        {
            Id = random.NextGuid(), Rule = $"{rule};COUNT={dates.Count}", FirstDate = dates[0], StartTime = start, EndTime = end,
            MunicipalityAgs = template.MunicipalityAgs, CreatedAtUtc = Min(SeriesRecurrence.Utc(dates[0], start).AddDays(-random.Next(14, 90)), _eventsNow),
            Type = type, Title = template.Title!, Description = template.Description!, PlaceMode = template.PlaceMode!.Value,
            VenueName = template.VenueName, VenueAddress = template.VenueAddress, OnlineLink = template.OnlineLink, Organiser = template.Organiser,
            Audience = template.Audience!.Value, Language = template.Language!, AccessibilityInfo = template.AccessibilityInfo,
            FeeText = template.FeeText, Capacity = template.Capacity, RequiresConfirmation = template.RequiresConfirmation,
        };
        series.UpdatedAtUtc = series.CreatedAtUtc;
        _seriesRows.Add(series);
        var topics = Sample(random, _topics, random.Next(1, 4));
        foreach (var date in dates)
        {
            var ev = new Event
            {
                Id = random.NextGuid(), CreatedAtUtc = series.CreatedAtUtc, UpdatedAtUtc = series.CreatedAtUtc, Status = EventStatus.Published,
                SeriesId = series.Id, OccurrenceDate = date,
            };
            template.StartsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, start));
            template.EndsAt = new DateTimeOffset(SeriesRecurrence.Utc(date, end));
            template.RegistrationClosesAt = null;
            template.Status = random.Chance(CancelledEventShare) ? EventStatus.Cancelled : null;
            Prepare(ev, template);
            if (random.Chance(0.1))
            {
                ev.Agenda = "Tagesordnung:\n\n" + string.Join("\n", Enumerable.Range(1, random.Next(2, 5)).Select(n => $"{n}. {GermanText.Pick(random, GermanText.SubTopics)}"));
                ev.ChangedInSeries = true;
            }

            _eventRows.Add(ev);
            AddTopics(ev.Id, topics);
        }
    }

    private static readonly string[] SeriesTitles = ["Offener Austausch", "Sprechstunde", "Praxisrunde", "Online-Stammtisch", "Netzwerkrunde", "Werkstattreihe"];

    private void AddSingle(Random random, DateOnly date)
    {
        var type = (EventType)random.Weighted(EventTypeWeights);
        var topic = GermanText.Pick(random, GermanText.SubTopics);
        var template = Template(random, type, $"{EventLabels.Label(type)}: {topic}");
        var start = new TimeOnly(random.Next(8, 19), random.Chance(0.6) ? 0 : 30);
        var days = type == EventType.Studienfahrt ? random.Next(1, 3) : 0;
        var startUtc = SeriesRecurrence.Utc(date, start);
        var endUtc = days > 0 ? SeriesRecurrence.Utc(date.AddDays(days), new TimeOnly(17, 0)) : startUtc.AddHours(random.Next(1, 8));
        template.StartsAt = new DateTimeOffset(startUtc);
        template.EndsAt = new DateTimeOffset(endUtc);
        template.Status = random.Chance(CancelledEventShare) ? EventStatus.Cancelled : null;
        if (random.Chance(0.5))
        {
            template.RegistrationClosesAt = new DateTimeOffset(startUtc.AddDays(-random.Next(1, 8)));
        }

        if (random.Chance(0.2))
        {
            // Registration has opened for every generated event: events that get registrations must accept them today.
            template.RegistrationOpensAt = new DateTimeOffset(Min(startUtc.AddDays(-random.Next(30, 90)), _eventsNow.AddDays(-1)));
        }

        if (random.Chance(0.3))
        {
            template.CancellationDeadline = new DateTimeOffset(startUtc.AddDays(-random.Next(1, 4)));
        }

        var ev = new Event { Id = random.NextGuid() };
        ev.CreatedAtUtc = Min(startUtc.AddDays(-random.Next(14, 120)), _eventsNow);
        ev.UpdatedAtUtc = ev.CreatedAtUtc;
        Prepare(ev, template);
        _eventRows.Add(ev);
        AddTopics(ev.Id, Sample(random, _topics, random.Next(1, 4)));
        if (random.Chance(0.12))
        {
            AddQuestions(random, ev.Id, random.Next(1, 4));
        }
    }

    private void AddParticipantListEvent(Random random)
    {
        var template = Template(random, EventType.Tagung, "Jahrestagung Quartiersnetz: Quartiere gemeinsam gestalten");
        var startUtc = SeriesRecurrence.Utc(DateOnly.FromDateTime(_eventsNow.AddDays(45)), new TimeOnly(9, 30));
        template.Audience = EventAudience.Public;
        template.Status = null;
        template.RequiresConfirmation = false;
        template.CompanionsAllowed = 0;
        template.StartsAt = new DateTimeOffset(startUtc);
        template.EndsAt = new DateTimeOffset(startUtc.AddHours(7));
        template.RegistrationOpensAt = new DateTimeOffset(_eventsNow.AddDays(-90));
        template.RegistrationClosesAt = new DateTimeOffset(startUtc.AddDays(-7));
        // Room for nine in ten: about 5 % cancel, the rest beyond the seats wait.
        template.Capacity = scale.EventCounts.ParticipantListRegistrations * 9 / 10;
        var ev = new Event { Id = BenchAccounts.ParticipantListEventId, CreatedAtUtc = _eventsNow.AddDays(-100), UpdatedAtUtc = _eventsNow.AddDays(-100) };
        Prepare(ev, template);
        _eventRows.Add(ev);
        AddTopics(ev.Id, Sample(random, _topics, 3));
        AddQuestions(random, ev.Id, 3);
    }

    private void AddBurstEvent()
    {
        var startUtc = SeriesRecurrence.Utc(DateOnly.FromDateTime(_eventsNow.AddDays(60)), new TimeOnly(10, 0));
        var template = new SaveEvent.Input
        {
            Type = EventType.Werkstatt, Title = "Werkstatt Beteiligung (Lasttest: Anmeldeansturm)",
            Description = "Diese Veranstaltung gehört zu den synthetischen Lasttest-Daten: 500 Mitglieder melden sich gleichzeitig an.",
            StartsAt = new DateTimeOffset(startUtc), EndsAt = new DateTimeOffset(startUtc.AddHours(4)), PlaceMode = PlaceMode.OnSite,
            VenueName = "Bürgerzentrum Lasttest", VenueAddress = "Lastteststraße 1", Audience = EventAudience.Public, Language = "Deutsch",
            Capacity = scale.EventCounts.BurstCapacity, RegistrationOpensAt = new DateTimeOffset(_eventsNow.AddDays(-1)), CompanionsAllowed = 0,
        };
        var ev = new Event { Id = BenchAccounts.BurstEventId, CreatedAtUtc = _eventsNow.AddDays(-2), UpdatedAtUtc = _eventsNow.AddDays(-2) };
        Prepare(ev, template);
        _eventRows.Add(ev);
    }

    /// <summary>The fields of an event as the office fills the form; times are set by the caller.</summary>
    private SaveEvent.Input Template(Random random, EventType type, string title)
    {
        var mode = type == EventType.OnlineSeminar ? PlaceMode.Online
            : type is EventType.Exkursion or EventType.Studienfahrt or EventType.Ortsbesuch ? PlaceMode.OnSite
            : (PlaceMode)random.Weighted([65, 20, 15]);
        var place = mode == PlaceMode.Online && random.Chance(0.7) ? null
            : random.Chance(0.25) ? GermanText.Pick(random, _places) : GermanText.Pick(random, RealPlaces);
        var town = place is null ? "" : Plain(place.ShortName);
        var hasCapacity = random.Chance(0.7);
        var companions = random.Chance(0.15) ? random.Next(1, 3) : 0;
        return new SaveEvent.Input
        {
            Type = type,
            Title = place is null || random.Chance(0.4) ? title : $"{title} in {town}",
            Description = GermanText.Paragraph(random, random.Next(2, 7)) + "\n\n" + GermanText.Paragraph(random, random.Next(1, 4)),
            PlaceMode = mode,
            VenueName = mode == PlaceMode.Online || place is null ? null : string.Format(CultureInfo.InvariantCulture, GermanText.Pick(random, Venues), town),
            VenueAddress = mode == PlaceMode.Online || place is null ? null : $"{GermanText.Street(random)}, {place.PostalCode} {town}",
            OnlineLink = mode == PlaceMode.OnSite ? null : $"https://konferenz.bench.invalid/raum-{random.Next(1_000, 99_999)}",
            Organiser = string.Format(CultureInfo.InvariantCulture, GermanText.Pick(random, Organisers), town.Length > 0 ? town : "NRW"),
            Audience = (EventAudience)random.Weighted(AudienceWeights),
            Language = random.Chance(0.03) ? "Deutsch und Englisch" : "Deutsch",
            AccessibilityInfo = random.Chance(0.4) ? "Der Raum ist stufenlos erreichbar; eine induktive Höranlage ist vorhanden." : null,
            FeeText = random.Chance(0.15) ? $"{random.Next(1, 9) * 10} € (Mitglieder frei)" : null,
            Capacity = hasCapacity ? 1 : null, // the real number follows from the registrations (BuildRegistrations)
            RequiresConfirmation = random.Chance(0.08),
            MunicipalityAgs = place?.Ags,
            CompanionsAllowed = companions,
        };
    }

    /// <summary>SaveEvent.Prepare: the app's own checks and field mapping; a refusal is a bug in the generator.</summary>
    private static void Prepare(Event ev, SaveEvent.Input input)
    {
        if (SaveEvent.Prepare(ev, input, out _) is { } refused)
        {
            throw new InvalidOperationException($"Generated event '{input.Title}' is refused by the app: {refused.Field}: {string.Format(CultureInfo.InvariantCulture, refused.Message, refused.Args)}");
        }
    }

    private void AddTopics(Guid eventId, IEnumerable<TopicRef> topics) =>
        _eventTopics.AddRange(topics.Select(t => new TopicAssignment { TopicId = t.Id, ItemKind = TopicKinds.Event, ItemKey = SaveEvent.TopicKey(eventId) }));

    private void AddQuestions(Random random, Guid eventId, int count)
    {
        var all = new (QuestionKind Kind, string Text, string Options)[]
        {
            (QuestionKind.SingleChoice, "Welchen Workshop möchten Sie besuchen?", "Workshop A: Beteiligung\nWorkshop B: Klimaanpassung\nWorkshop C: Verfügungsfonds"),
            (QuestionKind.MultipleChoice, "Welche Verpflegung wünschen Sie?", "vegetarisch\nvegan\nglutenfrei\nohne besondere Wünsche"),
            (QuestionKind.YesNo, "Nehmen Sie am Abendprogramm teil?", ""),
            (QuestionKind.FreeText, "Welche Frage bringen Sie mit?", ""),
        };
        for (var i = 0; i < count; i++)
        {
            var (kind, text, options) = all[i % all.Length];
            _questionRows.Add(new EventQuestion
            {
                Id = random.NextGuid(), EventId = eventId, Position = i + 1, Kind = kind, Text = text, Options = options, Required = i == 0,
            });
        }
    }

    // ---------------------------------------------------------------- registrations

    private void BuildRegistrations(Random random, List<EventRegistration> registrations, List<EventRegistrationAnswer> answers)
    {
        var s = scale.EventCounts;
        var accounts = _people.Where(p => p.Active && p.Role != ExternalContact).Select(p => p.Id).ToList();
        var questions = _questionRows.GroupBy(q => q.EventId).ToDictionary(g => g.Key, g => g.OrderBy(q => q.Position).ToList());

        // How many registrations each event gets: a weight by type times a skewed random factor, scaled to the total.
        var regular = _eventRows.Where(e => e.Id != BenchAccounts.BurstEventId && e.Id != BenchAccounts.ParticipantListEventId).ToList();
        var weights = regular.Select(e => TypeRegistrationWeights[(int)e.Type] * Math.Exp(random.NextDouble() * 2 - 1)).ToArray();
        var sum = weights.Sum();
        var remaining = s.Registrations - s.ParticipantListRegistrations;
        var counts = new Dictionary<Guid, int>();
        for (var i = 0; i < regular.Count; i++)
        {
            counts[regular[i].Id] = Math.Min(accounts.Count, (int)(weights[i] / sum * remaining));
        }

        for (var missing = remaining - counts.Values.Sum(); missing > 0;)
        {
            var id = regular[random.Next(regular.Count)].Id;
            if (counts[id] < accounts.Count)
            {
                counts[id]++;
                missing--;
            }
        }

        counts[BenchAccounts.ParticipantListEventId] = s.ParticipantListRegistrations;

        // The load driver's member registers for many events, past and upcoming (Meine Veranstaltungen).
        var memberEvents = Sample(random, regular.Where(e => e.Audience != EventAudience.Invited && counts[e.Id] > 0).ToList(), s.MemberRegistrations)
            .Select(e => e.Id).ToHashSet();

        // Seats for most: some events fill up and keep a waiting list, most keep a few seats free. The occurrences of a
        // series share the series' number of seats.
        var seriesSeats = new Dictionary<Guid, int>();
        foreach (var series in _seriesRows.Where(x => x.Capacity is not null))
        {
            var average = _eventRows.Where(e => e.SeriesId == series.Id).Average(e => counts.GetValueOrDefault(e.Id));
            series.Capacity = Seats(random, average);
            seriesSeats[series.Id] = series.Capacity.Value;
        }

        foreach (var ev in _eventRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = counts.GetValueOrDefault(ev.Id);
            if (ev.Capacity is not null && ev.Id != BenchAccounts.BurstEventId && ev.Id != BenchAccounts.ParticipantListEventId)
            {
                ev.Capacity = ev.SeriesId is { } seriesId ? seriesSeats[seriesId] : Seats(random, count);
            }

            if (count == 0)
            {
                continue;
            }

            var people = Sample(random, accounts, count);
            if (memberEvents.Contains(ev.Id) && !people.Contains(_benchMemberId))
            {
                people[0] = _benchMemberId;
            }

            AddRegistrations(random, ev, people, questions.GetValueOrDefault(ev.Id), registrations, answers);
            Report(registrations.Count, s.Registrations);
        }
    }

    private static int Seats(Random random, double registrations) => Math.Max(5, (int)Math.Round(registrations * (0.8 + random.NextDouble() * 1.2) / 5) * 5);

    private void AddRegistrations(
        Random random, Event ev, List<Guid> people, List<EventQuestion>? questions, List<EventRegistration> registrations, List<EventRegistrationAnswer> answers)
    {
        var opens = Max(ev.RegistrationOpensUtc ?? ev.CreatedAtUtc, ev.CreatedAtUtc);
        var closes = Min(Min(ev.RegistrationClosesUtc ?? ev.StartUtc, ev.StartUtc), _eventsNow);
        if (closes <= opens)
        {
            // Created on the generation day (or closing right away): the registrations came in just before.
            opens = closes.AddMinutes(-(people.Count + 1));
        }

        var span = (closes - opens).TotalMinutes;
        var times = people.Select(_ => opens.AddMinutes(random.NextDouble() * span)).Order().ToList();
        var purged = ev.EndUtc.AddMonths(ev.RetentionMonths) <= _eventsNow;
        if (purged)
        {
            ev.RegistrationDataPurgedAtUtc = ev.EndUtc.AddMonths(ev.RetentionMonths);
        }

        var someoneWaits = false;
        for (var i = 0; i < people.Count; i++)
        {
            var guest = ev.Audience == EventAudience.Public && people[i] != _benchMemberId && random.Chance(GuestShare);
            var registration = new EventRegistration
            {
                Id = random.NextGuid(),
                EventId = ev.Id,
                PersonId = guest ? null : people[i],
                RegisteredAtUtc = times[i],
                Companions = ev.CompanionsAllowed > 0 && random.Chance(0.3) ? random.Next(1, ev.CompanionsAllowed + 1) : 0,
            };
            if (guest && !purged)
            {
                var first = GermanText.Pick(random, GermanText.FirstNames);
                var last = GermanText.Pick(random, GermanText.LastNames);
                registration.GuestName = $"{first} {last}";
                registration.GuestEmail = $"{GermanText.Ascii(first)}.{GermanText.Ascii(last)}.gast{random.Next(1_000, 9_999)}@{BenchAccounts.EmailDomain}";
            }

            if (!purged && random.Chance(0.03))
            {
                registration.AccessibilityNeedCodes = GermanText.Pick(random, AccessibilityNeeds.All).Code;
                registration.AccessibilityNote = registration.AccessibilityNeedCodes == AccessibilityNeeds.Other ? "Bitte einen Platz nahe am Ausgang." : null;
            }

            var cancelShare = ev.Id == BenchAccounts.ParticipantListEventId ? 0.05 : CancelledRegistrationShare;
            if (random.Chance(cancelShare))
            {
                registration.Status = RegistrationStatus.Cancelled;
                registration.CancelledAtUtc = Min(registration.RegisteredAtUtc.AddHours(random.Next(1, 24 * 14)), Min(ev.StartUtc, _eventsNow));
                if (registration.CancelledAtUtc < registration.RegisteredAtUtc)
                {
                    registration.CancelledAtUtc = registration.RegisteredAtUtc;
                }
            }
            else if (ev.RequiresConfirmation)
            {
                // The office confirms while seats are left; the rest still waits for its decision.
                var confirm = (ev.StartUtc <= _eventsNow || random.Chance(0.7)) && ev.HasSeatsFor(registration.Seats);
                registration.Status = confirm ? RegistrationStatus.Confirmed : RegistrationStatus.Pending;
                ev.ConfirmedCount += confirm ? registration.Seats : 0;
            }
            else if (!someoneWaits && ev.HasSeatsFor(registration.Seats))
            {
                registration.Status = RegistrationStatus.Confirmed;
                ev.ConfirmedCount += registration.Seats;
            }
            else
            {
                someoneWaits = true;
                registration.Status = RegistrationStatus.Waitlisted;
                registration.WaitlistNumber = ++ev.LastWaitlistNumber;
            }

            if (registration.Status == RegistrationStatus.Confirmed && ev.Status == EventStatus.Published && ev.StartUtc.AddHours(-ReminderHours) <= _eventsNow)
            {
                // The reminder job ran before the generation day for these.
                registration.ReminderSentAtUtc = Max(ev.StartUtc.AddHours(-ReminderHours), registration.RegisteredAtUtc);
            }

            registrations.Add(registration);
            if (questions is not null && !purged)
            {
                AddAnswers(random, registration.Id, questions, answers);
            }
        }
    }

    private static void AddAnswers(Random random, Guid registrationId, List<EventQuestion> questions, List<EventRegistrationAnswer> answers)
    {
        foreach (var question in questions)
        {
            if (!question.Required && !random.Chance(0.6))
            {
                continue;
            }

            var options = question.OptionList;
            var value = question.Kind switch
            {
                QuestionKind.FreeText => GermanText.Sentence(random),
                QuestionKind.MultipleChoice => string.Join('\n', Sample(random, options, random.Next(1, 3))),
                _ => GermanText.Pick(random, options),
            };
            answers.Add(new EventRegistrationAnswer
            {
                Id = random.NextGuid(), RegistrationId = registrationId, QuestionId = question.Id, Position = question.Position, QuestionText = question.Text, Value = value,
            });
        }
    }

    // ---------------------------------------------------------------- burst tokens

    /// <summary>
    /// Personal access tokens with known values (<see cref="BenchAccounts.BurstToken"/>) for the burst's accounts: stored
    /// hashed like the app stores them, for generated accounts that have not registered for the burst event.
    /// </summary>
    private async Task BurstTokensAsync(Random random)
    {
        if (scale.EventCounts.BurstMembers == 0)
        {
            return;
        }

        var candidates = _people.Where(p => p.Active && p.Role != ExternalContact && p.Role != Roles.Office && p.Id != _benchMemberId).ToList();
        if (candidates.Count < scale.EventCounts.BurstMembers)
        {
            throw new InvalidOperationException($"The burst needs {scale.EventCounts.BurstMembers} active accounts; the scale has only {candidates.Count}.");
        }

        var rows = Sample(random, candidates, scale.EventCounts.BurstMembers).Select((p, i) =>
        {
            var secret = BenchAccounts.BurstToken(i);
            return new PersonalAccessToken
            {
                Id = random.NextGuid(), UserId = p.Id, Name = BenchAccounts.BurstTokenName, TokenHash = PersonalAccessToken.HashOf(secret),
                Prefix = PersonalAccessToken.PrefixOf(secret), CreatedAtUtc = _eventsNow, ExpiresAtUtc = _eventsNow.AddDays(365),
            };
        }).ToList();
        await InsertAsync(rows);
    }

    // ---------------------------------------------------------------- checks

    /// <summary>
    /// The invariants of registrations, checked with SQL on what was written (not on the generator's lists). Any
    /// violation fails the generation: a benchmark on inconsistent data would measure nothing real.
    /// </summary>
    private async Task CheckEventsAsync(Random random)
    {
        _ = random;
        var watch = Stopwatch.StartNew();
        var s = scale.EventCounts;
        if (s.Events == 0)
        {
            return;
        }

        var checks = new (string Name, string Sql, long Expected)[]
        {
            ("events", """SELECT COUNT(*) FROM "Events" """, s.Events),
            ("registrations", """SELECT COUNT(*) FROM "EventRegistrations" """, s.Registrations),
            ("one registration per person and event",
                """SELECT COUNT(*) FROM (SELECT "EventId", "PersonId" FROM "EventRegistrations" WHERE "PersonId" IS NOT NULL GROUP BY "EventId", "PersonId" HAVING COUNT(*) > 1) d""", 0),
            ("registrations point at events",
                """SELECT COUNT(*) FROM "EventRegistrations" r WHERE NOT EXISTS (SELECT 1 FROM "Events" e WHERE e."Id" = r."EventId")""", 0),
            ("ConfirmedCount equals the seats of confirmed and offered registrations (companions included)",
                """SELECT COUNT(*) FROM "Events" e WHERE e."ConfirmedCount" <> (SELECT COALESCE(SUM(1 + r."Companions"), 0) FROM "EventRegistrations" r WHERE r."EventId" = e."Id" AND r."Status" IN ('Confirmed', 'Offered'))""", 0),
            ("capacity never exceeded", """SELECT COUNT(*) FROM "Events" WHERE "Capacity" IS NOT NULL AND "ConfirmedCount" > "Capacity" """, 0),
            ("no held seats without offers", """SELECT COUNT(*) FROM "Events" e WHERE e."HeldSeats" <> (SELECT COALESCE(SUM(1 + r."Companions"), 0) FROM "EventRegistrations" r WHERE r."EventId" = e."Id" AND r."Status" = 'Offered')""", 0),
            ("waiting-list number exactly on waitlisted registrations",
                """SELECT COUNT(*) FROM "EventRegistrations" WHERE ("Status" = 'Waitlisted') <> ("WaitlistNumber" IS NOT NULL)""", 0),
            ("waiting-list numbers unique per event and within LastWaitlistNumber",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."WaitlistNumber" IS NOT NULL AND (r."WaitlistNumber" > e."LastWaitlistNumber" OR r."WaitlistNumber" < 1 OR EXISTS (SELECT 1 FROM "EventRegistrations" o WHERE o."EventId" = r."EventId" AND o."Status" = 'Waitlisted' AND o."WaitlistNumber" = r."WaitlistNumber" AND o."Id" <> r."Id"))""", 0),
            ("waiting list only on full events with capacity (the head does not fit)",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."Status" = 'Waitlisted' AND (e."Capacity" IS NULL OR e."RequiresConfirmation" OR (r."WaitlistNumber" = (SELECT MIN(h."WaitlistNumber") FROM "EventRegistrations" h WHERE h."EventId" = e."Id" AND h."Status" = 'Waitlisted') AND e."ConfirmedCount" + 1 + r."Companions" <= e."Capacity"))""", 0),
            ("waiting list in registration order",
                """SELECT COUNT(*) FROM "EventRegistrations" a JOIN "EventRegistrations" b ON b."EventId" = a."EventId" AND b."Status" = 'Waitlisted' WHERE a."Status" = 'Waitlisted' AND a."WaitlistNumber" < b."WaitlistNumber" AND a."RegisteredAtUtc" > b."RegisteredAtUtc" """, 0),
            ("pending only on moderated events",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."Status" = 'Pending' AND NOT e."RequiresConfirmation" """, 0),
            ("cancelled exactly when CancelledAtUtc is set",
                """SELECT COUNT(*) FROM "EventRegistrations" WHERE ("Status" = 'Cancelled') <> ("CancelledAtUtc" IS NOT NULL)""", 0),
            ("companions within what the event allows",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."Companions" < 0 OR r."Companions" > e."CompanionsAllowed" """, 0),
            ("registered before the start", """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."RegisteredAtUtc" > e."StartUtc" """, 0),
            ("members-only events: registered people have a role",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE e."Audience" = 'Members' AND (r."PersonId" IS NULL OR NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" ur WHERE ur."UserId" = r."PersonId"))""", 0),
            ("guests only on public events, with name unless purged",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE r."PersonId" IS NULL AND (e."Audience" <> 'Public' OR (e."RegistrationDataPurgedAtUtc" IS NULL AND r."GuestName" IS NULL))""", 0),
            ("required questions answered (events not purged)",
                """SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE e."RegistrationDataPurgedAtUtc" IS NULL AND EXISTS (SELECT 1 FROM "EventQuestions" q WHERE q."EventId" = e."Id" AND q."Required" AND NOT EXISTS (SELECT 1 FROM "EventRegistrationAnswers" a WHERE a."RegistrationId" = r."Id" AND a."QuestionId" = q."Id"))""", 0),
            ("answers only to the event's own questions, none after the purge",
                """SELECT COUNT(*) FROM "EventRegistrationAnswers" a JOIN "EventRegistrations" r ON r."Id" = a."RegistrationId" JOIN "Events" e ON e."Id" = r."EventId" WHERE e."RegistrationDataPurgedAtUtc" IS NOT NULL OR NOT EXISTS (SELECT 1 FROM "EventQuestions" q WHERE q."Id" = a."QuestionId" AND q."EventId" = e."Id")""", 0),
            ("participant-list event has its registrations",
                $"""SELECT COUNT(*) FROM "EventRegistrations" r JOIN "Events" e ON e."Id" = r."EventId" WHERE e."Title" LIKE 'Jahrestagung Quartiersnetz%' AND e."Type" = 'Tagung' AND e."SeriesId" IS NULL AND e."Capacity" = {s.ParticipantListRegistrations * 9 / 10}""", s.ParticipantListRegistrations),
            ("burst event open and empty",
                $"""SELECT COUNT(*) FROM "Events" e WHERE e."Title" LIKE '%Lasttest: Anmeldeansturm%' AND e."Capacity" = {s.BurstCapacity} AND e."ConfirmedCount" = 0 AND e."Status" = 'Published' AND NOT EXISTS (SELECT 1 FROM "EventRegistrations" r WHERE r."EventId" = e."Id")""", 1),
            ("burst tokens", $"""SELECT COUNT(DISTINCT "UserId") FROM "PersonalAccessTokens" WHERE "Name" = '{BenchAccounts.BurstTokenName}'""", s.BurstMembers),
        };

        var failures = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var i = 0; i < checks.Length; i++)
            {
                var (name, sql, expected) = checks[i];
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.CommandTimeout = 600;
                var actual = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                if (actual != expected)
                {
                    failures.Add($"{name}: {actual:N0} (expected {expected:N0})");
                }

                Report(i + 1, checks.Length);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        _checkElapsed = watch.Elapsed;
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Generated events break their invariants: " + string.Join("; ", failures));
        }
    }

    // ---------------------------------------------------------------- bulk insert

    private const int RowsPerCommand = 100;

    /// <summary>Commands per transaction (20,000 rows).</summary>
    private const int CommandsPerTransaction = 200;

    /// <summary>
    /// Plain multi-row INSERTs inside one transaction, with the columns and value conversions of the EF model (so the
    /// stored text of Guids, enums and dates is exactly what EF writes). No SaveChanges: interceptors see nothing.
    /// </summary>
    private async Task<int> BulkInsertAsync<T>(IReadOnlyList<T> rows, int done, int total)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) VALUES ";

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var commands = new Dictionary<int, DbCommand>();
        DbTransaction? transaction = null;
        try
        {
            if (db.Database.IsSqlite())
            {
                // Big enough for the indexes being filled; the default 2 MB made every random Guid insert spill to the WAL.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA cache_size = -262144";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            for (var start = 0; start < rows.Count; start += RowsPerCommand)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (transaction is null)
                {
                    transaction = await connection.BeginTransactionAsync(cancellationToken);
                }

                var size = Math.Min(RowsPerCommand, rows.Count - start);
                if (!commands.TryGetValue(size, out var command))
                {
                    command = NewCommand(size);
                    commands[size] = command;
                }

                command.Transaction = transaction;
                for (var r = 0; r < size; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var (property, _, mapping) = columns[c];
                        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
                        var converted = value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
                        command.Parameters[(r * columns.Count) + c].Value = converted ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                done += size;
                // Commits in slices: one transaction over 500,000 rows grows SQLite's WAL to hundreds of MB and slows every read.
                if ((start / RowsPerCommand) % CommandsPerTransaction == CommandsPerTransaction - 1)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                    Report(done, total);
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            DbCommand NewCommand(int size)
            {
                var command = connection.CreateCommand();
                var text = new StringBuilder(head);
                for (var r = 0; r < size; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var name = string.Create(CultureInfo.InvariantCulture, $"p{(r * columns.Count) + c}");
                        text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterName(name));
                        var (property, _, mapping) = columns[c];
                        // The mapping sets the provider's parameter type (e.g. SQLite TEXT for Guid, timestamptz for UTC DateTime).
                        command.Parameters.Add(mapping.CreateParameter(command, name, SampleValue(property, rows[0]), property.IsNullable));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                return command;
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }

        Report(done, total);
        return done;
    }

    /// <summary>A non-null value of the column's type for CreateParameter, so it picks the right provider type.</summary>
    private static object? SampleValue(IProperty property, object row) => property.GetGetter().GetClrValueUsingContainingEntity(row);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
