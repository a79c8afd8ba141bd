using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using Xunit;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary><see cref="StepResult"/>: one event held without an array reads as the same events as any other result.</summary>
public sealed class StepResultTests
{
    private static readonly KernelEvent First = new NodeRegistered(new NodeId(1));
    private static readonly KernelEvent Second = new KernelLogged("second");

    public static TheoryData<string, StepResult, KernelEvent[], bool, bool> Results() => new()
    {
        { "ok, none", StepResult.Ok(), [], false, false },
        { "ok, one", StepResult.Ok(First), [First], false, false },
        { "ok, two", StepResult.Ok(First, Second), [First, Second], false, false },
        { "ok, sequence", StepResult.Ok(new List<KernelEvent> { First }), [First], false, false },
        { "fail, none", StepResult.Fail(Errno.EBUSY), [], true, false },
        { "fail, one", StepResult.Fail(Errno.EBUSY, First), [First], true, false },
        { "fail, two", StepResult.Fail(Errno.EBUSY, First, Second), [First, Second], true, false },
        { "again, one", StepResult.Again(Second), [Second], false, true },
        { "again, two", StepResult.Again(First, Second), [First, Second], false, true },
            };

    [Theory]
    [MemberData(nameof(Results))]
    public void EventAt_reads_the_events_in_order_when_a_result_holds_none_one_or_many(string name, StepResult result, KernelEvent[] expected, bool failed, bool retry)
    {
        Assert.Equal(expected.Length, result.EventCount);
        Assert.Equal(expected, Enumerable.Range(0, result.EventCount).Select(result.EventAt));
        Assert.Equal(expected, result.Events);
        Assert.True(failed == result.Failed, name);
        Assert.Equal(retry, result.Retry);
    }

    [Fact]
    public void EventAt_throws_when_the_index_is_past_a_single_event()
    {
        var result = StepResult.Ok(First);

        Assert.Throws<ArgumentOutOfRangeException>(() => result.EventAt(1));
    }

    [Fact]
    public void EventAt_throws_when_the_index_is_past_two_events_held_without_an_array()
    {
        var result = StepResult.Ok(First, Second);

        Assert.Throws<ArgumentOutOfRangeException>(() => result.EventAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.EventAt(-1));
    }

    [Fact]
    public void Equals_holds_when_two_results_decided_the_same_single_event()
    {
        Assert.Equal(StepResult.Ok(new NodeRegistered(new NodeId(3))), StepResult.Ok(new NodeRegistered(new NodeId(3))));
        Assert.NotEqual(StepResult.Ok(First), StepResult.Again(First));
    }
}
