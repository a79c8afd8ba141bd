namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// Memory-block references return to zero: every <c>find_memory_block()</c> reference is dropped by the step that
/// took it, so between steps no block, and above all no removed block, has one outstanding.
/// </summary>
/// <remarks>drivers/base/memory.c <c>find_memory_block()</c> / <c>put_device()</c>; mm/memory_hotplug.c <c>remove_memory_blocks_and_altmaps()</c> (93866f55f7e2; race seed (g)).</remarks>
public sealed class BlockReferences : IInvariant
{
    public string Name => "memory-block-references";

    public string Description => "memory-block device references return to zero (in particular after removal)";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State;
        foreach (var (id, count) in s.BlockReferences)
        {
            yield return s.Blocks[id].Registered
                ? new(Name, $"{id} holds {count} find_memory_block() reference(s) nobody dropped")
                : new(Name, $"{id} was removed with {count} reference(s) outstanding: its memory_block device is never released");
        }
    }
}
