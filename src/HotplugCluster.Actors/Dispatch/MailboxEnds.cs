using System.Runtime.InteropServices;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>The consumer's head and the producers' tail on cache lines of their own (and clear of the lines either side,
/// which the adjacent-line prefetcher pulls in pairs), so that a dequeue never invalidates the line producers reserve on.</summary>
[StructLayout(LayoutKind.Explicit, Size = 384)]
internal struct MailboxEnds
{
    [FieldOffset(128)]
    public int Head;

    [FieldOffset(256)]
    public int Tail;
}
