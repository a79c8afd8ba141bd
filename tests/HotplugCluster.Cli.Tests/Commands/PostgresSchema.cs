using Npgsql;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>A private schema on the test server, dropped at the end: its connection string puts the journal's tables there.</summary>
internal sealed class PostgresSchema : IDisposable
{
    private static int s_counter;

    public PostgresSchema()
    {
        Name = $"cli_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
        Execute($"DROP SCHEMA IF EXISTS {Name} CASCADE; CREATE SCHEMA {Name}");
    }

    public static string Server => Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;

    public string Name { get; }

    public string ConnectionString => $"{Server};Search Path={Name}";

    /// <summary>Runs <paramref name="sql"/> on a connection of its own.</summary>
    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => Execute($"DROP SCHEMA IF EXISTS {Name} CASCADE");
}
