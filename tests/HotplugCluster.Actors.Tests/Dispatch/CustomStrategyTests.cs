using HotplugCluster.Actors.Dispatch;
using Xunit;

namespace HotplugCluster.Actors.Tests.Dispatch;

public sealed class CustomStrategyTests
{
    [Fact]
    public void Custom_strategy_sees_stable_ids_and_consecutive_step_numbers()
    {
        var first = RunWithHighestIdFirst(out var steps);
        var second = RunWithHighestIdFirst(out _);

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps);
    }

    [Fact]
    public void Create_throws_ArgumentException_when_the_strategy_factory_returns_null() =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad", new ActorSystemSettings { StrategyFactory = () => null! }));

    private static IReadOnlyList<long> RunWithHighestIdFirst(out List<long> steps)
    {
        var strategy = new HighestIdFirst();
        using var system = ActorSystem.Create("custom", new ActorSystemSettings { StrategyFactory = () => strategy, RecordTrace = true });
        var counter = system.ActorOf(Props.Create<TestActors.Counter>());
        for (var i = 0; i < 5; i++)
        {
            system.ActorOf(Props.Create<TestActors.Echo>()).Tell("inc", counter);
        }

        system.RunUntilQuiescent();
        steps = strategy.Steps;
        return system.Trace!.Choices;
    }

    /// <summary>A priority strategy in the shape PCT will take: priorities keyed on actor id, decisions numbered by step.</summary>
    private sealed class HighestIdFirst : ISchedulingStrategy
    {
        private readonly SortedDictionary<long, IScheduledActor> _enabled = [];

        public List<long> Steps { get; } = [];

        public void Enable(IScheduledActor actor) => _enabled.Add(actor.Id, actor);

        public IScheduledActor? Choose(long stepNumber)
        {
            if (_enabled.Count == 0)
            {
                return null;
            }

            Steps.Add(stepNumber);
            var top = _enabled.Last();
            _enabled.Remove(top.Key);
            return top.Value;
        }
    }
}
