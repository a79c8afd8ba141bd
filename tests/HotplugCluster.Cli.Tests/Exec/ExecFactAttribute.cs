using HotplugCluster.Mount;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>A fact that runs a real client under <c>hotplug exec</c>: skipped, with the reason, where FUSE or mount namespaces are unavailable.</summary>
public sealed class ExecFactAttribute : FactAttribute
{
    public ExecFactAttribute()
    {
        if (Reason() is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? Reason() => FuseMount.Unavailable() ?? ExecNamespace.Unavailable();
}
