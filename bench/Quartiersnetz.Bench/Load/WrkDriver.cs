using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Quartiersnetz.Bench.Load;

/// <summary>What wrk measured for one page or mix (latencies in milliseconds).</summary>
internal sealed record LoadFigures(
    long Requests,
    double DurationSeconds,
    long Bytes,
    long SocketErrors,
    long StatusErrors,
    long Timeouts,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs)
{
    public double RequestsPerSecond => DurationSeconds <= 0 ? 0 : Requests / DurationSeconds;

    /// <summary>Status 4xx/5xx and socket errors (connect, read, write, timeout) together.</summary>
    public long Errors => SocketErrors + StatusErrors + Timeouts;
}

/// <summary>
/// Drives load with wrk (C, epoll, one event loop per thread): a fixed request per page, or a Lua request function
/// drawing weighted paths for the mix. The Lua done() hook prints the summary as one JSON line.
/// </summary>
internal static class WrkDriver
{
    public const string JsonMarker = "WRK_JSON ";

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    // wrk hands done() the latency histogram in microseconds; percentile() walks it.
    private const string DoneFunction = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50Us":%d,"p90Us":%d,"p95Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%d}\n',
            summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
            latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, math.floor(latency.mean)))
        end
        """;

    public static Task<LoadFigures> RunAsync(
        Uri baseAddress, IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> headers,
        int connections, int durationSeconds, CancellationToken cancellationToken) =>
        RunAsync(baseAddress, [.. paths.Select(p => (p, (IReadOnlyDictionary<string, string>)EmptyHeaders))], headers, connections, durationSeconds, cancellationToken);

    /// <summary>
    /// Drives the given requests, drawn at random (a path listed twice is drawn twice as often); each carries its own
    /// headers (a member's cookie, the office's cookie, a bearer token) besides the headers common to all.
    /// </summary>
    public static async Task<LoadFigures> RunAsync(
        Uri baseAddress, IReadOnlyList<(string Path, IReadOnlyDictionary<string, string> Headers)> requests, IReadOnlyDictionary<string, string> headers,
        int connections, int durationSeconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"qn-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(requests), cancellationToken);
        try
        {
            var threads = Math.Max(1, Math.Min(Environment.ProcessorCount, connections));
            var arguments = new List<string>
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", durationSeconds.ToString(CultureInfo.InvariantCulture) + "s",
                "--timeout", "10s",
                "-s", script,
            };
            foreach (var (name, value) in headers)
            {
                arguments.Add("-H");
                arguments.Add($"{name}: {value}");
            }

            // AbsoluteUri keeps the query escaped; ToString() would hand wrk "ü" and wrk rejects the URL.
            arguments.Add(new Uri(baseAddress, requests[0].Path).AbsoluteUri);
            var result = await Shell.RunAsync("wrk", arguments, cancellationToken);
            result.EnsureSucceeded("wrk");
            return Parse(result.StandardOutput);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The Lua script for plain paths (tests and the public mix).</summary>
    public static string Script(IReadOnlyList<string> paths) => Script([.. paths.Select(p => (p, (IReadOnlyDictionary<string, string>)EmptyHeaders))]);

    /// <summary>
    /// The Lua script: the done() summary, plus a random request function when there is more than one request or any
    /// request has headers of its own. Header sets are written once and referred to by number.
    /// </summary>
    public static string Script(IReadOnlyList<(string Path, IReadOnlyDictionary<string, string> Headers)> requests)
    {
        var script = new StringBuilder();
        if (requests.Count > 1 || requests.Any(r => r.Headers.Count > 0))
        {
            var sets = new List<IReadOnlyDictionary<string, string>>();
            var setOf = new List<int>();
            foreach (var (_, headers) in requests)
            {
                var index = sets.FindIndex(s => s.Count == headers.Count && s.All(h => headers.TryGetValue(h.Key, out var v) && v == h.Value));
                if (index < 0)
                {
                    sets.Add(headers);
                    index = sets.Count - 1;
                }

                setOf.Add(index + 1);
            }

            script.Append("local paths = {");
            script.AppendJoin(", ", requests.Select(r => LuaString(r.Path)));
            script.AppendLine("}");
            script.Append("local headerSets = {");
            script.AppendJoin(", ", sets.Select(set => "{" + string.Join(", ", set.Select(h => $"[{LuaString(h.Key)}] = {LuaString(h.Value)}")) + "}"));
            script.AppendLine("}");
            script.Append("local setOf = {");
            script.AppendJoin(", ", setOf.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            script.AppendLine("}");
            script.AppendLine("local requests = {}");
            // Pre-formatted requests: wrk.format per call would cost the load generator more than the app.
            script.AppendLine("init = function(args) for i, p in ipairs(paths) do requests[i] = wrk.format(nil, p, headerSets[setOf[i]]) end math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end");
            script.AppendLine("request = function() return requests[math.random(1, #requests)] end");
        }

        script.AppendLine(DoneFunction);
        return script.ToString();
    }

    /// <summary>Reads the JSON line the done() hook printed.</summary>
    public static LoadFigures Parse(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(JsonMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no summary: " + output);
        using var json = JsonDocument.Parse(line[JsonMarker.Length..]);
        var root = json.RootElement;
        long Get(string name) => root.GetProperty(name).GetInt64();
        static double Ms(long microseconds) => microseconds / 1000.0;
        return new LoadFigures(
            Get("requests"),
            Get("durationUs") / 1_000_000.0,
            Get("bytes"),
            Get("connect") + Get("read") + Get("write"),
            Get("status"),
            Get("timeout"),
            Ms(Get("p50Us")),
            Ms(Get("p90Us")),
            Ms(Get("p95Us")),
            Ms(Get("p99Us")),
            Ms(Get("maxUs")),
            Ms(Get("meanUs")));
    }

    private static string LuaString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
