using Npgsql;
using Quartiersnetz.Data;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void A_postgres_connection_string_without_a_pool_size_gets_one_below_the_servers_default_limit()
    {
        var limited = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPoolLimit("Host=db;Username=app;Password=geheim;Database=qn"));

        Assert.Equal(DatabaseSettings.DefaultPostgresPoolSize, limited.MaxPoolSize);
        Assert.Equal("geheim", limited.Password);
        Assert.Equal("db", limited.Host);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=150")]
    [InlineData("Host=db;MaxPoolSize=150")]
    public void An_explicit_pool_size_wins(string connectionString) =>
        Assert.Equal(150, new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPoolLimit(connectionString)).MaxPoolSize);
}
