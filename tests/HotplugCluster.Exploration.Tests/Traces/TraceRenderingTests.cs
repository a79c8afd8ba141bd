using System.Text.RegularExpressions;
using HotplugCluster.Exploration.Traces;

namespace HotplugCluster.Exploration.Tests.Traces;

/// <summary>The Mermaid diagram names a real participant at both ends of every arrow.</summary>
public sealed partial class TraceRenderingTests
{
    // Step texts as KernelStep.ToString() writes them: "name [Owner:target, Lock]", "lock Lock(target)".
    private static readonly TraceLine[] Lines =
    [
        new("bind", "op3", "daxctl reconfigure-device", "lock DaxDevice(dax0.0)"),
        new("bind", "op3", "daxctl reconfigure-device", "kernel config [None]"),
        new("bind", "op3", "daxctl reconfigure-device", "mhp flags [None, DeviceHotplug]"),
        new("bind", "op3", "daxctl reconfigure-device", "request_mem_region [Resources]"),
        new("-", "op9", "", "online_pages [Node:node1, MemHotplug]"),
        new("bind", "-", "cat state", "$ cat state -> offline"),
    ];

    [Fact]
    public void Mermaid_draws_a_step_with_no_owner_as_an_arrow_from_its_lane_to_itself()
    {
        var mermaid = TraceRendering.Mermaid(Lines, null, "t");

        Assert.DoesNotContain("None", mermaid, StringComparison.Ordinal);
        Assert.Contains("    bind->>bind: op3 kernel config\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    bind->>bind: op3 mhp flags\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    bind->>Resources: op3 request_mem_region\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_draws_a_step_of_no_lane_from_the_kernel_when_its_operation_has_no_lane()
    {
        var mermaid = TraceRendering.Mermaid(Lines, null, "t");

        Assert.Contains("    kernel->>node1: op9 online_pages\n", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("->>-", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_declares_every_participant_an_arrow_names_when_steps_mix_lanes_owners_and_locks()
    {
        var mermaid = TraceRendering.Mermaid(Lines, null, "t");

        var declared = Participant().Matches(mermaid).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = Arrow().Matches(mermaid).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }).ToList();
        Assert.Equal(Lines.Length, Arrow().Count(mermaid));
        Assert.All(used, name => Assert.Contains(name, declared));
        Assert.Equal(["bind", "kernel", "DaxDevice_dax0_0_", "Resources", "node1"], Participant().Matches(mermaid).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex(@"(?m)^    participant (\S+)$")]
    private static partial Regex Participant();

    [GeneratedRegex(@"(?m)^    (\S+)->>(\S+): ")]
    private static partial Regex Arrow();
}
