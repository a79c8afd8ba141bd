using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Configuration;

/// <summary>
/// The <c>hotplug.actors</c> settings, read once and validated; the runtime itself takes a plain
/// <c>ActorSystemSettings</c> record, which the CLI builds from this.
/// </summary>
internal sealed record ActorsConfig(string Dispatcher, int Throughput, long Seed, string Strategy, TimeSpan AskTimeout, bool RecordTrace)
{
    /// <summary>Reads and validates <c>hotplug.actors</c>; errors name the offending value's FILE:LINE:COLUMN.</summary>
    public static ActorsConfig FromConfig(Config config)
    {
        var dispatcher = config.GetString("hotplug.actors.dispatcher");
        if (dispatcher is not ("deterministic" or "parallel"))
        {
            throw config.ErrorAt("hotplug.actors.dispatcher", $"expected deterministic or parallel, found {dispatcher}");
        }

        var throughput = config.GetInt("hotplug.actors.throughput");
        if (throughput < 1)
        {
            throw config.ErrorAt("hotplug.actors.throughput", $"expected at least 1, found {throughput}");
        }

        var strategy = config.GetString("hotplug.actors.strategy");
        if (strategy is not ("fifo" or "random"))
        {
            throw config.ErrorAt("hotplug.actors.strategy", $"expected fifo or random, found {strategy}");
        }

        var askTimeout = config.GetDuration("hotplug.actors.ask-timeout");
        if (askTimeout <= TimeSpan.Zero)
        {
            throw config.ErrorAt("hotplug.actors.ask-timeout", $"expected a positive duration, found {askTimeout}");
        }

        var recordTrace = config.GetBoolean("hotplug.actors.record-trace");
        if (recordTrace && dispatcher == "parallel")
        {
            throw config.ErrorAt("hotplug.actors.record-trace", "expected off with the parallel dispatcher (only the deterministic dispatcher records a trace)");
        }

        return new ActorsConfig(dispatcher, throughput, config.GetLong("hotplug.actors.seed"), strategy, askTimeout, recordTrace);
    }

    /// <summary>The runtime settings these describe.</summary>
    public ActorSystemSettings ToSettings() => new()
    {
        Dispatcher = Dispatcher == "parallel" ? DispatcherKind.Parallel : DispatcherKind.Deterministic,
        Seed = Seed,
        Strategy = Strategy == "random" ? SchedulingStrategyKind.Random : SchedulingStrategyKind.Fifo,
        Throughput = Throughput,
        AskTimeout = AskTimeout,
        RecordTrace = RecordTrace,
    };
}
