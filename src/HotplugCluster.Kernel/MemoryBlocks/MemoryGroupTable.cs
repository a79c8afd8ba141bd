using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>The host's memory groups (<c>memory_groups</c> xarray). Host-wide owner.</summary>
public sealed class MemoryGroupTable
{
    private readonly SortedDictionary<int, MemoryGroup> _groups = [];

    public IEnumerable<MemoryGroup> All => _groups.Values;

    /// <summary>A deep copy (groups copied).</summary>
    internal MemoryGroupTable Copy()
    {
        var copy = new MemoryGroupTable();
        foreach (var (id, group) in _groups)
        {
            copy._groups.Add(id, group.Copy());
        }

        return copy;
    }

    /// <summary>The id the next registration gets (lowest free, as <c>xa_alloc</c>).</summary>
    public int NextId
    {
        get
        {
            var id = 0;
            while (_groups.ContainsKey(id))
            {
                id++;
            }

            return id;
        }
    }

    /// <summary><c>memory_group_find_by_id()</c>.</summary>
    public MemoryGroup? Find(int id) => _groups.GetValueOrDefault(id);

    internal void Add(int id, NodeId nid, PageCount maxPages) => _groups.Add(id, new MemoryGroup(id, nid, maxPages));

    internal void Remove(int id) => _groups.Remove(id);
}
