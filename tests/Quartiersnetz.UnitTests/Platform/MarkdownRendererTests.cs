using Quartiersnetz.Platform.Text;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Renders_emphasis_lists_and_links_with_noopener_nofollow()
    {
        var html = _renderer.ToHtml("Ein **wichtiges** Treffen:\n\n- Begrüßung\n- [Programm](https://example.org/programm)");

        Assert.Contains("<strong>wichtiges</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Begrüßung</li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/programm\" rel=\"noopener nofollow\">Programm</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[klick](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">klick</a>")]
    [InlineData("[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Never_lets_script_through(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML may remain visible as escaped text (&lt;…), but never as a tag, handler or script link.
        Assert.DoesNotMatch(@"<[^>]*\son\w+\s*=", html);
        Assert.DoesNotMatch(@"<a[^>]+href=""(javascript|data):", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped()
    {
        var html = _renderer.ToHtml("<b>fett</b>");

        Assert.Equal("<p>&lt;b&gt;fett&lt;/b&gt;</p>", html);
    }

    [Fact]
    public void A_top_level_heading_becomes_text_below_the_page_heading()
    {
        var html = _renderer.ToHtml("# Titel\n\n## Ablauf");

        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Titel", html, StringComparison.Ordinal);
        Assert.Contains("<h2", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Empty_text_gives_empty_html(string? markdown) => Assert.Equal("", _renderer.ToHtml(markdown));
}
