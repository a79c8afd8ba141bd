using System.Text;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Resources;

/// <summary>The physical resource tree behind /proc/iomem (<c>iomem_resource</c>). Host-wide owner.</summary>
public sealed class ResourceTree
{
    public Resource Root { get; } = new(PhysAddr.Zero, new PhysAddr(ulong.MaxValue), "PCI mem", ResourceKind.Mem);

    /// <summary>Whether <see cref="Request"/> would succeed, without changing the tree.</summary>
    /// <remarks>kernel/resource.c <c>__request_region()</c>: descend into non-busy containing resources, fail on busy or partial overlap.</remarks>
    /// <summary>A deep copy of the tree (every resource copied, parents and children linked as in this one).</summary>
    internal ResourceTree Copy()
    {
        var copy = new ResourceTree();
        copy.Root.Kind = Root.Kind;
        Root.CopyChildrenTo(copy.Root);
        return copy;
    }

    public bool CanRequest(PhysAddr start, ByteSize size) => FindParentFor(start, size) is not null;

    /// <summary>Inserts a resource where <c>__request_region()</c> would, or returns null on conflict (-EBUSY / -EEXIST to callers).</summary>
    internal Resource? Request(PhysAddr start, ByteSize size, string name, ResourceKind kind)
    {
        var parent = FindParentFor(start, size);
        if (parent is null)
        {
            return null;
        }

        var res = new Resource(start, LastByte(start, size), name, kind);
        parent.AddChild(res);
        return res;
    }

    /// <summary>
    /// <c>insert_resource(parent, new)</c>: like a request below <paramref name="under"/> (the root when null), except
    /// that resources lying wholly inside the new one (same range included) become its children instead of
    /// conflicting; false on a partial overlap.
    /// </summary>
    /// <remarks>kernel/resource.c <c>__insert_resource()</c> (drivers/cxl/core/region.c inserts an auto-assembled region under its root decoder's window).</remarks>
    internal bool Insert(Resource? under, PhysAddr start, ByteSize size, string name, ResourceKind kind)
    {
        var end = LastByte(start, size);
        var parent = under ?? Root;
        while (true)
        {
            var next = parent.Children.FirstOrDefault(c => c.Start <= start && c.End >= end && !(c.Start == start && c.End == end));
            if (next is null)
            {
                break;
            }

            parent = next;
        }

        var inside = parent.Children.Where(c => c.Overlaps(start, end)).ToList();
        if (inside.Exists(c => c.Start < start || c.End > end))
        {
            return false;
        }

        var res = new Resource(start, end, name, kind);
        foreach (var c in inside)
        {
            parent.RemoveChild(c);
            res.AddChild(c);
        }

        parent.AddChild(res);
        return true;
    }

    /// <summary>Finds a resource by exact range and name.</summary>
    public Resource? Find(PhysAddr start, ByteSize size, string name) => Find(Root, start, LastByte(start, size), name);

    /// <summary><c>remove_resource()</c>: drop the resource and lift its children to its parent.</summary>
    /// <remarks>kernel/resource.c.</remarks>
    internal bool Remove(PhysAddr start, ByteSize size, string name)
    {
        var res = Find(start, size, name);
        if (res?.Parent is not { } parent)
        {
            return false;
        }

        parent.RemoveChild(res);
        foreach (var child in res.Children.ToList())
        {
            res.RemoveChild(child);
            parent.AddChild(child);
        }

        return true;
    }

    /// <summary>
    /// <c>release_resource()</c>: detach the resource together with its whole subtree (unlike <c>remove_resource()</c>,
    /// children are not lifted to the parent). Returns the detached descendants, which nothing frees any more.
    /// </summary>
    /// <remarks>kernel/resource.c <c>__release_resource(old, true)</c>.</remarks>
    internal IReadOnlyList<Resource> Release(PhysAddr start, ByteSize size, string name)
    {
        var res = Find(start, size, name);
        if (res?.Parent is not { } parent)
        {
            return [];
        }

        parent.RemoveChild(res);
        var orphans = new List<Resource>();
        var pending = new Stack<Resource>(res.Children);
        while (pending.Count > 0)
        {
            var r = pending.Pop();
            orphans.Add(r);
            foreach (var c in r.Children)
            {
                pending.Push(c);
            }
        }

        return orphans;
    }

    /// <summary>
    /// Whether <c>release_mem_region_adjustable()</c> before e686c32590f4 reached the busy System RAM resource of the
    /// range: its walk gave up at the first containing resource without IORESOURCE_SYSTEM_RAM (e.g. a CXL window).
    /// </summary>
    /// <remarks>kernel/resource.c (pre-v6.3 check "All memory regions added from memory-hotplug path have the flag IORESOURCE_SYSTEM_RAM").</remarks>
    public bool ReachableBySystemRamWalk(PhysAddr start, ByteSize size)
    {
        var end = LastByte(start, size);
        var node = Root;
        while (node.Children.FirstOrDefault(c => c.Contains(start, end)) is { } next)
        {
            if ((next.Kind & ResourceKind.SystemRam) == 0)
            {
                return false;
            }

            if (next.Busy)
            {
                return true;
            }

            node = next;
        }

        return false;
    }

    /// <summary>The innermost busy System RAM resource that contains all of [start, start + size), or null.</summary>
    /// <remarks>The walk of kernel/resource.c <c>release_mem_region_adjustable()</c>.</remarks>
    public Resource? BusySystemRamContaining(PhysAddr start, ByteSize size)
    {
        var end = LastByte(start, size);
        var node = Root;
        Resource? found = null;
        while (node.Children.FirstOrDefault(c => c.Contains(start, end)) is { } next)
        {
            if ((next.Kind & ResourceKind.SystemRam) != 0 && next.Busy)
            {
                found = next;
            }

            node = next;
        }

        return found;
    }

    /// <summary>Pages of busy System RAM resources inside [start, start + size), counting each range once.</summary>
    /// <remarks>kernel/resource.c <c>walk_system_ram_range()</c> as <c>offline_pages()</c> uses it to find memory holes.</remarks>
    public PageCount SystemRamPages(PhysAddr start, ByteSize size)
    {
        // A recursive walk over the child lists (a sum: the order does not matter), without a stack or enumerators:
        // every offlined block asks.
        var last = LastByte(start, size);
        var bytes = 0UL;
        foreach (var r in Root.ChildList)
        {
            bytes += SystemRamBytes(r, start, last);
        }

        return new ByteSize(bytes).ToPages();
    }

    private static ulong SystemRamBytes(Resource r, PhysAddr start, PhysAddr last)
    {
        if (r.End < start || r.Start > last)
        {
            return 0;
        }

        if ((r.Kind & ResourceKind.SystemRam) != 0 && r.Busy)
        {
            return Math.Min(r.End.Value, last.Value) - Math.Max(r.Start.Value, start.Value) + 1;
        }

        var bytes = 0UL;
        foreach (var child in r.ChildList)
        {
            bytes += SystemRamBytes(child, start, last);
        }

        return bytes;
    }

    /// <summary>Renders /proc/iomem: <c>%0*llx-%0*llx : %s</c>, width 8, two spaces per depth.</summary>
    /// <remarks>kernel/resource.c <c>r_show()</c>.</remarks>
    public string RenderIomem()
    {
        var sb = new StringBuilder();
        foreach (var child in Root.Children)
        {
            Render(sb, child, 0);
        }

        return sb.ToString();
    }

    private static void Render(StringBuilder sb, Resource res, int depth)
    {
        sb.Append(' ', depth * 2)
            .Append(res.Start.Value.ToString("x8"))
            .Append('-')
            .Append(res.End.Value.ToString("x8"))
            .Append(" : ")
            .Append(res.Name)
            .Append('\n');
        foreach (var child in res.Children)
        {
            Render(sb, child, depth + 1);
        }
    }

    private Resource? FindParentFor(PhysAddr start, ByteSize size)
    {
        if (size.IsZero)
        {
            return null;
        }

        var end = LastByte(start, size);
        var parent = Root;
        while (true)
        {
            Resource? conflict = null;
            foreach (var child in parent.Children)
            {
                if (child.Overlaps(start, end))
                {
                    conflict = child;
                    break;
                }
            }

            if (conflict is null)
            {
                return parent;
            }

            if (conflict.Busy || !conflict.Contains(start, end))
            {
                return null;
            }

            parent = conflict;
        }
    }

    private static Resource? Find(Resource at, PhysAddr start, PhysAddr end, string name)
    {
        foreach (var child in at.Children)
        {
            if (child.Start == start && child.End == end && child.Name == name)
            {
                return child;
            }

            if (child.Contains(start, end) && Find(child, start, end, name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static PhysAddr LastByte(PhysAddr start, ByteSize size) => new(checked(start.Value + size.Bytes - 1));
}
