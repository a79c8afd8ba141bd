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

    [Fact]
    public void LineOf_a_closed_connection_names_the_member_lost_in_one_line()
    {
        const string source = "akka://hotplug/system/endpointManager/reliableEndpointWriter-akka.tcp%3A%2F%2Fhotplug%40127.0.0.1%3A36293-2/endpointWriter";
        var closed = new Error(Disassociated(), source, typeof(StandardErrorLoggerTests), "Disassociated");

        Assert.Equal(Akka.Actor.Address.Parse("akka.tcp://hotplug@127.0.0.1:36293"), StandardErrorLogger.DisconnectedFrom(closed));
        Assert.EndsWith(
            "[remoting] lost the connection to akka.tcp://hotplug@127.0.0.1:36293, which had not left the cluster (killed or crashed?): the failure detector marks it unreachable and the split-brain resolver downs it",
            StandardErrorLogger.LineOf(closed),
            StringComparison.Ordinal);
    }

    [Fact]
    public void DisconnectedFrom_is_null_for_other_errors_of_the_endpoint_writer()
    {
        var other = new Error(new InvalidOperationException("Disassociated"), "akka://hotplug/system/endpointManager/reliableEndpointWriter-akka.tcp%3A%2F%2Fhotplug%40127.0.0.1%3A36293-2/endpointWriter", typeof(StandardErrorLoggerTests), "x");

        Assert.Null(StandardErrorLogger.DisconnectedFrom(other));
    }

    // Akka.Remote's exception is internal: made the way its endpoint writer makes it.
    private static Exception Disassociated() =>
        (Exception)Activator.CreateInstance(typeof(Akka.Remote.RemoteTransport).Assembly.GetType("Akka.Remote.EndpointDisassociatedException", true)!, "Disassociated")!;
}
