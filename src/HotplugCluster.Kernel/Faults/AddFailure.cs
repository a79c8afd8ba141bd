namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// An allocation failure at block <see cref="AtBlock"/> (0-based, within the range) of every multi-block add of
/// the run, at <see cref="Point"/>: blocks 0..k-1 were added and must be rolled back.
/// </summary>
public sealed record AddFailure(int AtBlock, AddFailurePoint Point = AddFailurePoint.ArchAddMemory)
{
    /// <summary>Whether the add fails at block <paramref name="index"/> at <paramref name="point"/>.</summary>
    public bool StrikesAt(int index, AddFailurePoint point) => index == AtBlock && point == Point;
}
