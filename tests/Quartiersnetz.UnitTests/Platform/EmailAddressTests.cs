using Quartiersnetz.Platform.Email;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("name@beispiel.de", "name@beispiel.de")]
    [InlineData("  Name.Nachname+Tag@Beispiel.DE ", "Name.Nachname+Tag@beispiel.de")]
    [InlineData("info@bücherei-köln.de", "info@xn--bcherei-kln-zfb3e.de")]
    [InlineData("info@MÜNSTER.de", "info@xn--mnster-3ya.de")]
    [InlineData("post@stadt.köln", "post@stadt.xn--kln-sna")]
    public void Accepts_addresses_and_stores_internationalised_domains_as_punycode(string input, string expected)
    {
        var check = EmailAddress.Normalize(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Address);
    }

    [Theory]
    [InlineData("jörg@beispiel.de")]
    [InlineData("müller.anna@stadt.köln")]
    [InlineData("名前@例え.jp")]
    public void Rejects_Unicode_local_parts_with_a_German_explanation(string input)
    {
        var check = EmailAddress.Normalize(input);

        Assert.False(check.IsValid);
        Assert.Equal(EmailAddress.NonAsciiLocalPartMessage, check.Error);
        Assert.Contains("vor dem @", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("keine-adresse")]
    [InlineData("@beispiel.de")]
    [InlineData("name@")]
    [InlineData("name@beispiel")]
    [InlineData("name@@beispiel.de")]
    [InlineData(".name@beispiel.de")]
    [InlineData("na..me@beispiel.de")]
    [InlineData("na me@beispiel.de")]
    [InlineData("name@-beispiel.de")]
    [InlineData("name@beispiel..de")]
    [InlineData("name@192.168.0.1")]
    [InlineData("\"quoted\"@beispiel.de")]
    public void Rejects_malformed_addresses(string? input)
    {
        var check = EmailAddress.Normalize(input);

        Assert.False(check.IsValid);
        Assert.Equal(EmailAddress.InvalidMessage, check.Error);
    }

    [Fact]
    public void Rejects_overlong_addresses()
    {
        Assert.Equal(EmailAddress.InvalidMessage, EmailAddress.Normalize(new string('a', 65) + "@beispiel.de").Error);
        Assert.Equal(EmailAddress.TooLongMessage, EmailAddress.Normalize(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 46), 4)) + ".de").Error);
    }

    [Fact]
    public void Key_matches_Identitys_normalised_email()
    {
        Assert.Equal("NAME@XN--BCHEREI-KLN-ZFB3E.DE", EmailAddress.Key(EmailAddress.Normalize("name@Bücherei-Köln.de").Address!));
    }
}
