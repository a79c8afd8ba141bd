using Xunit.Sdk;

namespace HotplugCluster.TestKit;

/// <summary>Runs a randomized check over many seeds; a failure names its seed so that it can be replayed (and kept as a
/// <c>[MemberData]</c> row).</summary>
public static class RandomizedTest
{
    /// <summary>Calls <paramref name="body"/> with seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, ...;
    /// rethrows the first failure as an <see cref="XunitException"/> whose message starts with the seed.</summary>
    public static void ForSeeds(int count, long firstSeed, Action<long> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            Run(seed, body);
        }
    }

    /// <summary>Calls <paramref name="body"/> with <paramref name="seed"/>, prefixing any failure with the seed.</summary>
    public static void Run(long seed, Action<long> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            body(seed);
        }
        catch (Exception e)
        {
            throw new XunitException($"randomized test failed with seed {seed} (replay it with RandomizedTest.Run({seed}, ...)): {e.Message}", e);
        }
    }
}
