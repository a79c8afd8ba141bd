using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>A message handed to an island from another thread, applied when the island is next driven.</summary>
internal readonly record struct InboxItem(ActorCell Cell, Envelope Envelope, SystemMessage System, bool IsSystem);
