namespace HotplugCluster.Kernel.Hotplug;

/// <summary>
/// The memory notifier chain as the model sees it: the memory-notifier-error-inject module's per-action
/// error (lib/memory-notifier-error-inject.c). Zero means pass; a negative errno vetoes GOING_* actions.
/// </summary>
public sealed class NotifierErrorInjection
{
    /// <summary>A copy (every field is a value).</summary>
    internal NotifierErrorInjection Copy() => (NotifierErrorInjection)MemberwiseClone();

    public int GoingOnlineError { get; internal set; }

    public int GoingOfflineError { get; internal set; }

    /// <summary>The errno the chain returns for this action (<c>notifier_to_errno()</c>), if any.</summary>
    /// <remarks>kernel/notifier.c; the injector answers only MEM_GOING_ONLINE and MEM_GOING_OFFLINE.</remarks>
    public Errno? Veto(MemoryAction action)
    {
        var error = action switch
        {
            MemoryAction.MEM_GOING_ONLINE => GoingOnlineError,
            MemoryAction.MEM_GOING_OFFLINE => GoingOfflineError,
            _ => 0,
        };
        return error < 0 ? Errno.FromCode(-error) : null;
    }
}
