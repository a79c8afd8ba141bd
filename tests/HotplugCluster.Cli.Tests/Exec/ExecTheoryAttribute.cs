using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>A theory that runs a real client under <c>hotplug exec</c>: skipped where FUSE or mount namespaces are unavailable.</summary>
public sealed class ExecTheoryAttribute : TheoryAttribute
{
    public ExecTheoryAttribute()
    {
        if (ExecFactAttribute.Reason() is { } reason)
        {
            Skip = reason;
        }
    }
}
