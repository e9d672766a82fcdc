using Quartiersnetz.Bench.Load;

namespace Quartiersnetz.UnitTests.Bench;

public sealed class BenchParsingTests
{
    [Fact]
    public void Run_options_default_to_small_on_both_providers_at_32_connections()
    {
        var options = RunOptions.Parse([], out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal("small", options.Scale);
        Assert.Equal(["sqlite", "postgres"], options.Providers);
        Assert.Equal(32, options.Connections);
        Assert.Equal(10, options.DurationSeconds);
        Assert.Equal(RunOptions.DefaultPageWarmupSeconds, options.PageWarmupSeconds);
    }

    [Fact]
    public void Run_options_read_every_flag()
    {
        var options = RunOptions.Parse(["--scale", "national", "--provider", "postgres", "--duration", "3", "--connections", "8", "--warmup", "0", "--page-warmup", "1", "--skip-publish"], out _);

        Assert.NotNull(options);
        Assert.Equal(new RunOptions("national", options.Providers, 3, 8, 0, true, 1), options);
        Assert.Equal(["postgres"], options.Providers);
    }

    [Theory]
    [InlineData("--scale", "huge")]
    [InlineData("--provider", "mysql")]
    [InlineData("--duration", "0")]
    [InlineData("--duration", "abc")]
    [InlineData("--connections", "-1")]
    [InlineData("--page-warmup", "-1")]
    [InlineData("--colour", "red")]
    public void Run_options_reject_bad_values(string name, string value)
    {
        Assert.Null(RunOptions.Parse([name, value], out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Run_options_reject_a_flag_without_value()
    {
        Assert.Null(RunOptions.Parse(["--duration"], out var error));
        Assert.Contains("needs a value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_VmRSS_from_proc_status()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 4000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 100000 kB\n";

        Assert.Equal(123456, ProcessSampler.ParseVmRssKilobytes(status));
        Assert.Equal(0, ProcessSampler.ParseVmRssKilobytes("Name:\tx\n"));
        Assert.Equal(100000, ProcessSampler.ParseStatusKilobytes(status, "RssAnon"));
    }

    [Fact]
    public void Reads_user_and_system_ticks_from_proc_stat_even_with_odd_command_names()
    {
        // Fields 14 (utime) = 250 and 15 (stime) = 50; the command name contains a space and a parenthesis.
        const string stat = "4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 12 0 100 200000 3000";

        Assert.Equal(300, ProcessSampler.ParseCpuTicks(stat));
    }

    [Fact]
    public void Cpu_percent_is_relative_to_one_core()
    {
        Assert.Equal(150, ProcessSampler.CpuPercent(300, 2), 3);
        Assert.Equal(0, ProcessSampler.CpuPercent(300, 0));
    }

    [Fact]
    public void Reads_the_json_summary_wrk_prints_after_its_own_text()
    {
        const string output = """
            Running 3s test @ http://127.0.0.1:5000/
              2 threads and 32 connections
            Requests/sec:   1000.00
            WRK_JSON {"requests":3000,"durationUs":3000000,"bytes":900000,"connect":0,"read":2,"write":0,"status":5,"timeout":1,"p50Us":12500,"p90Us":30000,"p95Us":41000,"p99Us":150500,"maxUs":200000,"meanUs":15000}
            """;

        var figures = WrkDriver.Parse(output);

        Assert.Equal(3000, figures.Requests);
        Assert.Equal(1000, figures.RequestsPerSecond, 3);
        Assert.Equal(12.5, figures.P50Ms, 3);
        Assert.Equal(41, figures.P95Ms, 3);
        Assert.Equal(150.5, figures.P99Ms, 3);
        Assert.Equal(8, figures.Errors);
    }

    [Fact]
    public void Without_a_summary_line_wrk_output_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => WrkDriver.Parse("unable to connect to 127.0.0.1:5000 Connection refused"));
    }

    [Fact]
    public void The_lua_script_draws_from_the_paths_only_for_a_mix()
    {
        var single = WrkDriver.Script(["/"]);
        var mix = WrkDriver.Script(["/a", "/b?q=\"x\""]);

        Assert.DoesNotContain("request = function", single, StringComparison.Ordinal);
        Assert.Contains("latency:percentile(95)", single, StringComparison.Ordinal);
        Assert.Contains("request = function", mix, StringComparison.Ordinal);
        Assert.Contains("\"/b?q=\\\"x\\\"\"", mix, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_with_headers_of_their_own_send_them_and_share_equal_header_sets()
    {
        var member = new Dictionary<string, string> { ["Cookie"] = "qn.auth=m" };
        var script = WrkDriver.Script([
            ("/", new Dictionary<string, string>()),
            ("/meine-veranstaltungen", member),
            ("/suche?q=x", new Dictionary<string, string> { ["Cookie"] = "qn.auth=m" }),
            ("/api/v1/people", new Dictionary<string, string> { ["Authorization"] = "Bearer t" }),
        ]);

        Assert.Contains("local headerSets = {{}, {[\"Cookie\"] = \"qn.auth=m\"}, {[\"Authorization\"] = \"Bearer t\"}}", script, StringComparison.Ordinal);
        Assert.Contains("local setOf = {1, 2, 2, 3}", script, StringComparison.Ordinal);
        Assert.Contains("wrk.format(nil, p, headerSets[setOf[i]])", script, StringComparison.Ordinal);

        // One request with a header of its own still needs the request function (the header is not on the command line).
        Assert.Contains("request = function", WrkDriver.Script([("/meine-veranstaltungen", member)]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_mix_is_about_six_parts_visitors_three_members_and_one_office_without_exports()
    {
        var samples = new SampleIds(["05315000"], ["a1"], ["verfuegungsfonds"], ["p1"], "Quartier") { EventIds = ["e1"], PublicationSlugs = ["bericht"] };

        var mix = PageCatalog.NetworkMix(samples);

        double Share(Func<Audience, bool> who) => mix.Count(m => who(m.Audience)) / (double)mix.Count;
        Assert.InRange(Share(a => a == Audience.Anonymous), 0.5, 0.7);
        Assert.InRange(Share(a => a is Audience.MemberCookie or Audience.MemberToken), 0.2, 0.4);
        Assert.InRange(Share(a => a == Audience.OfficeCookie), 0.05, 0.15);
        Assert.Contains(mix, m => m.Path == "/meine-veranstaltungen" && m.Audience == Audience.MemberCookie);
        Assert.Contains(mix, m => m.Path.StartsWith("/api/v1/", StringComparison.Ordinal) && m.Audience == Audience.MemberToken);
        Assert.Contains(mix, m => m.Path == "/geschaeftsstelle/personen" && m.Audience == Audience.OfficeCookie);
        Assert.DoesNotContain(mix, m => m.Path.Contains("/export", StringComparison.Ordinal));
        // Visitors never carry a session: what a visitor asks for is the public mix.
        Assert.Equal(PageCatalog.Expand(PageCatalog.PublicMix(samples)).Order(), mix.Where(m => m.Audience == Audience.Anonymous).Select(m => m.Path).Order());
    }

    [Fact]
    public void The_public_mix_weights_pages_and_spreads_detail_pages_over_the_samples()
    {
        var samples = new SampleIds(["05315000", "05111000"], ["a1", "a2", "a3"], ["verfuegungsfonds"], [], "Quartier");

        var mix = PageCatalog.PublicMix(samples);
        var expanded = PageCatalog.Expand(mix);

        Assert.Equal(mix.Sum(m => m.Weight), expanded.Count);
        Assert.Equal(20, expanded.Count(p => p == "/"));
        Assert.Equal(12, expanded.Count(p => p.StartsWith("/gemeinden/", StringComparison.Ordinal)));
        Assert.Equal(14, expanded.Count(p => p.StartsWith("/programmgebiete/", StringComparison.Ordinal)));
        Assert.Equal([5, 5, 4], mix.Where(m => m.Path.StartsWith("/programmgebiete/", StringComparison.Ordinal)).Select(m => m.Weight));
        Assert.DoesNotContain(expanded, p => p.StartsWith("/personen/", StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_without_sample_data_have_no_path()
    {
        var empty = new SampleIds([], [], [], [], "Quartier");

        var person = PageCatalog.Pages.Single(p => p.Name == "Person");

        Assert.Null(person.Path(empty));
        Assert.Equal("/bench/fortunes", PageCatalog.Pages[0].Path(empty));
    }

    [Fact]
    public void The_zoomed_map_box_is_west_south_east_north_around_the_point()
    {
        Assert.Equal("6.85,51.38,7.05,51.52", SampleIds.MapBoxAround(51.45, 6.95));
        Assert.Null(PageCatalog.Pages.Single(p => p.Name == "Map areas GeoJSON, zoomed in").Path(new SampleIds([], [], [], [], "x")));
    }

    [Fact]
    public void The_search_word_is_a_long_word_from_a_topic_name()
    {
        Assert.Equal("Quartiersmanagement", SampleDiscovery.SearchWord(["Bau", "Quartiersmanagement und Beteiligung"]));
        Assert.Equal("Quartier", SampleDiscovery.SearchWord(["Bau"]));
    }

    [Fact]
    public void Finds_the_antiforgery_token_in_either_attribute_order()
    {
        Assert.Equal("abc&def", Sessions.AntiforgeryToken("""<form><input name="__RequestVerificationToken" type="hidden" value="abc&amp;def"></form>"""));
        Assert.Equal("xyz", Sessions.AntiforgeryToken("""<input type="hidden" value="xyz" name="__RequestVerificationToken" />"""));
        Assert.Throws<InvalidOperationException>(() => Sessions.AntiforgeryToken("<form></form>"));
    }
}
