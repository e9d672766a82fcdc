using Npgsql;
using Quartiersnetz.Data;

namespace Quartiersnetz.UnitTests.Platform;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void A_postgres_connection_string_without_a_pool_size_gets_one_below_the_servers_default_limit_and_prepares_statements()
    {
        var limited = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Username=app;Password=geheim;Database=qn"));

        Assert.Equal(DatabaseSettings.DefaultPostgresPoolSize, limited.MaxPoolSize);
        Assert.Equal(DatabaseSettings.DefaultPostgresAutoPrepare, limited.MaxAutoPrepare);
        Assert.Equal(2, limited.AutoPrepareMinUsages);
        Assert.True(limited.NoResetOnClose);
        Assert.Equal("geheim", limited.Password);
        Assert.Equal("db", limited.Host);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=150")]
    [InlineData("Host=db;MaxPoolSize=150")]
    public void An_explicit_pool_size_wins(string connectionString) =>
        Assert.Equal(150, new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults(connectionString)).MaxPoolSize);

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxAutoPrepare=0")]
    public void An_explicit_auto_prepare_setting_wins(string connectionString) =>
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;NoResetOnClose=false")]
    public void An_explicit_reset_setting_wins(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults(connectionString)).NoResetOnClose);
}
