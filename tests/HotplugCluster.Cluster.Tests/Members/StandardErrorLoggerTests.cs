using Akka.Event;
using HotplugCluster.Cluster.Members;

namespace HotplugCluster.Cluster.Tests.Members;

public sealed class StandardErrorLoggerTests
{
    [Fact]
    public void LineOf_an_error_with_a_thrown_cause_is_one_line_without_its_stack_trace()
    {
        Exception cause;
        try
        {
            throw new InvalidOperationException("Disassociated", new TimeoutException("peer gone"));
        }
        catch (InvalidOperationException e)
        {
            cause = e;
        }

        var line = StandardErrorLogger.LineOf(new Error(cause, "akka://hotplug/system/endpointWriter", typeof(StandardErrorLoggerTests), "Disassociated"));

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.StartsWith("[ERROR][", line, StringComparison.Ordinal);
        Assert.Contains("[akka://hotplug/system/endpointWriter] Disassociated", line, StringComparison.Ordinal);
        Assert.Contains("(cause: InvalidOperationException: Disassociated) (cause: TimeoutException: peer gone)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void LineOf_a_warning_keeps_its_level_and_message()
    {
        var line = StandardErrorLogger.LineOf(new Warning("akka://hotplug/system/cluster", typeof(StandardErrorLoggerTests), "member unreachable"));

        Assert.StartsWith("[WARNING][", line, StringComparison.Ordinal);
        Assert.EndsWith("[akka://hotplug/system/cluster] member unreachable", line, StringComparison.Ordinal);
    }
}
