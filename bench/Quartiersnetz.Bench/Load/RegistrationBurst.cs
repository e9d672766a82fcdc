using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Quartiersnetz.Bench.Generation;
using Quartiersnetz.Bench.Report;

namespace Quartiersnetz.Bench.Load;

/// <summary>
/// The registration burst of issue 5: every burst account (personal access tokens the generator stored hashed,
/// <see cref="BenchAccounts.BurstToken"/>) posts <c>POST /api/v1/events/{id}/registrations</c> for the open public event
/// with few seats at the same moment, each on its own connection. Then the office's participant API is read back:
/// exactly the capacity confirmed, everyone else on the waiting list with positions 1…n, every person once.
/// </summary>
internal static class RegistrationBurst
{
    public static async Task<BurstResult> RunAsync(Uri baseAddress, string officeCookie, int members, int capacity, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/events/{BenchAccounts.BurstEventId}/registrations";
        // One connection per member: the burst is 500 people pressing the button, not one client queueing requests.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = members, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var start = new SemaphoreSlim(0, members);
        var watch = new Stopwatch();
        var tasks = Enumerable.Range(0, members).Select(async i =>
        {
            await start.WaitAsync(cancellationToken);
            var sent = watch.Elapsed;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchAccounts.BurstToken(i));
                using var response = await client.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                string? status = null;
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(body);
                    status = json.RootElement.GetProperty("status").GetString();
                }

                return new Attempt((int)response.StatusCode, status, (watch.Elapsed - sent).TotalMilliseconds, response.IsSuccessStatusCode ? null : Short(body));
            }
            catch (HttpRequestException ex)
            {
                return new Attempt(0, null, (watch.Elapsed - sent).TotalMilliseconds, ex.Message);
            }
        }).ToList();

        watch.Start();
        start.Release(members);
        var attempts = await Task.WhenAll(tasks);
        var duration = watch.Elapsed.TotalMilliseconds;

        // Read back what was stored, as the office sees it.
        using var office = new HttpClient { BaseAddress = baseAddress };
        office.DefaultRequestHeaders.Add("Cookie", officeCookie);
        var rows = new List<(string? PersonId, string Status, int? Position)>();
        for (var page = 1; ; page++)
        {
            using var response = await office.GetAsync(new Uri($"{path}?pageSize=100&page={page}", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
            rows.AddRange(items.Select(r => (
                r.GetProperty("personId").GetString(),
                r.GetProperty("status").GetString() ?? "",
                r.TryGetProperty("waitlistPosition", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : (int?)null)));
            if (page >= json.RootElement.GetProperty("totalPages").GetInt32() || items.Count == 0)
            {
                break;
            }
        }

        using var details = await office.GetAsync(new Uri($"/api/v1/events/{BenchAccounts.BurstEventId}", UriKind.Relative), cancellationToken);
        details.EnsureSuccessStatusCode();
        using var ev = JsonDocument.Parse(await details.Content.ReadAsStringAsync(cancellationToken));
        var confirmedCount = ev.RootElement.GetProperty("confirmedCount").GetInt32();

        var latencies = attempts.Select(a => a.Milliseconds).Order().ToArray();
        var confirmed = rows.Count(r => Is(r.Status, "confirmed"));
        var waitlisted = rows.Where(r => Is(r.Status, "waitlisted")).ToList();
        var positions = waitlisted.Select(r => r.Position ?? 0).Order().ToList();
        var distinctPeople = rows.Select(r => r.PersonId).Where(p => p is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var errors = attempts.Count(a => a.Status is < 200 or >= 300);
        var problems = new List<string>();
        if (errors > 0)
        {
            problems.Add($"{errors} requests failed ({string.Join(", ", attempts.Where(a => a.Status is < 200 or >= 300).GroupBy(a => a.Status).Select(g => $"{g.Count()}× {(g.Key == 0 ? "no answer" : g.Key)}"))}); first: {attempts.First(a => a.Error is not null).Error}");
        }

        var expectedWaiting = Math.Max(0, members - capacity);
        if (confirmed != Math.Min(capacity, members))
        {
            problems.Add($"{confirmed} confirmed, expected {Math.Min(capacity, members)}");
        }

        if (waitlisted.Count != expectedWaiting)
        {
            problems.Add($"{waitlisted.Count} on the waiting list, expected {expectedWaiting}");
        }

        if (!positions.SequenceEqual(Enumerable.Range(1, waitlisted.Count)))
        {
            problems.Add("waiting-list positions are not 1…n");
        }

        if (rows.Count != members || distinctPeople != members)
        {
            problems.Add($"{rows.Count} registrations of {distinctPeople} people, expected {members} people once each");
        }

        if (confirmedCount != confirmed)
        {
            problems.Add($"the event's seat counter says {confirmedCount}, the list {confirmed} confirmed");
        }

        var answered = attempts.Count(a => a.Status is >= 200 and < 300);
        var answeredConfirmed = attempts.Count(a => Is(a.Registration, "confirmed"));
        if (answered > 0 && answeredConfirmed != confirmed)
        {
            problems.Add($"the answers said {answeredConfirmed}× confirmed, the list shows {confirmed}");
        }

        return new BurstResult(
            members, capacity, duration, errors, confirmed, waitlisted.Count, rows.Count, distinctPeople, confirmedCount,
            Percentile(latencies, 50), Percentile(latencies, 95), latencies.Length > 0 ? latencies[^1] : 0, problems.Count == 0, problems);
    }

    private static bool Is(string? status, string expected) => string.Equals(status, expected, StringComparison.OrdinalIgnoreCase);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Short(string text) => text.Length > 200 ? text[..200] + " …" : text;

    private sealed record Attempt(int Status, string? Registration, double Milliseconds, string? Error);
}
