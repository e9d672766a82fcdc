using System.Text;
using Quartiersnetz.Features.Onboarding;

namespace Quartiersnetz.UnitTests.Onboarding;

public sealed class InvitationCsvTests
{
    private const string Header = "E-Mail;Name;Rolle;Gemeinde;Organisation;Funktion";

    [Fact]
    public void Reads_quoted_fields_with_separators_and_doubled_quotes_and_keeps_line_numbers()
    {
        var result = InvitationCsv.Parse(Encoding.UTF8.GetBytes(Header + "\r\n\r\na@b.de;\"Berg; Bernd\";Jury;;\"Verein \"\"X\"\"\";\r\n"));

        Assert.Empty(result.Problems);
        var row = Assert.Single(result.Rows);
        Assert.Equal(3, row.Line);
        Assert.Equal(["a@b.de", "Berg; Bernd", "Jury", "", "Verein \"X\"", ""], row.Fields);
    }

    [Theory]
    [InlineData("a@b.de;\"offen;Jury;;;", "nicht geschlossen")]
    [InlineData("a@b.de;Mit \"Zitat\";Jury;;;", "mitten im Wert")]
    [InlineData("a@b.de;\"Zitat\"x;Jury;;;", "Trennzeichen folgen")]
    [InlineData("a@b.de;Jury", "die Zeile hat 2")]
    public void Reports_a_broken_line_with_its_number_and_reads_the_next(string line, string expected)
    {
        var result = InvitationCsv.Parse(Encoding.UTF8.GetBytes($"{Header}\n{line}\nc@d.de;C;Jury;;;\n"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains(expected, string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.Message, [problem.Line, .. problem.Args]), StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(result.Rows).Line);
    }

    [Fact]
    public void The_template_parses_without_problems()
    {
        var result = InvitationCsv.Parse(InvitationCsv.Template());

        Assert.Empty(result.Problems);
        Assert.Single(result.Rows);
    }
}
