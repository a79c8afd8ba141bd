using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors;

/// <summary>How an <see cref="ActorSystem"/> runs; a plain record so the runtime needs no configuration library (the CLI maps HOCON onto it).
/// Checked by <see cref="Validate"/> when the system is created.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>The defaults: deterministic dispatcher, FIFO strategy, seed 0, throughput 100, 5 s ask timeout, no trace.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>Deterministic (default) or parallel.</summary>
    public DispatcherKind Dispatcher { get; init; } = DispatcherKind.Deterministic;

    /// <summary>Seed of the deterministic dispatcher's strategy.</summary>
    public long Seed { get; init; }

    /// <summary>The built-in strategy of the deterministic dispatcher; ignored when <see cref="StrategyFactory"/> is set.</summary>
    public SchedulingStrategyKind Strategy { get; init; } = SchedulingStrategyKind.Fifo;

    /// <summary>Builds a custom strategy (a <see cref="ReplayStrategy"/>, later PCT) for the deterministic dispatcher.</summary>
    public Func<ISchedulingStrategy>? StrategyFactory { get; init; }

    /// <summary>Parallel dispatcher: messages an actor processes before it yields its thread (Akka's throughput).</summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Timeout of an Ask that names none: virtual time on the deterministic dispatcher.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the deterministic dispatcher records a <see cref="Dispatch.Trace"/> of its choices (costs 8 bytes per step).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>The parallel dispatcher's clock for timers and ask timeouts; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Dispatcher))
        {
            throw new ArgumentException($"dispatcher: unknown kind {(int)Dispatcher}", nameof(Dispatcher));
        }

        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentException($"strategy: unknown kind {(int)Strategy}", nameof(Strategy));
        }

        if (Throughput < 1)
        {
            throw new ArgumentException($"throughput must be at least 1, was {Throughput}", nameof(Throughput));
        }

        if (AskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ask-timeout must be positive, was {AskTimeout}", nameof(AskTimeout));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("time-provider must not be null", nameof(TimeProvider));
        }

        if (Dispatcher == DispatcherKind.Parallel && (StrategyFactory is not null || RecordTrace))
        {
            throw new ArgumentException("strategy-factory and record-trace apply to the deterministic dispatcher only", nameof(Dispatcher));
        }
    }

    internal ISchedulingStrategy CreateStrategy() => CreateStrategy(StrategyFactory, Strategy, Seed);

    internal static ISchedulingStrategy CreateStrategy(Func<ISchedulingStrategy>? factory, SchedulingStrategyKind kind, long seed)
    {
        if (factory is not null)
        {
            return factory() ?? throw new ArgumentException("strategy-factory returned null", nameof(factory));
        }

        return kind == SchedulingStrategyKind.Random ? new RandomStrategy(seed) : new FifoStrategy();
    }
}
