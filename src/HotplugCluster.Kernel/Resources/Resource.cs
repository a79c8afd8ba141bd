using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Resources;

/// <summary>One node of the iomem tree (<c>struct resource</c>); <see cref="End"/> is inclusive as in the kernel.</summary>
public sealed class Resource
{
    private readonly List<Resource> _children = [];

    internal Resource(PhysAddr start, PhysAddr end, string name, ResourceKind kind)
    {
        Start = start;
        End = end;
        Name = name;
        Kind = kind;
    }

    public PhysAddr Start { get; }

    public PhysAddr End { get; }

    public ByteSize Size => new(End.Value - Start.Value + 1);

    public string Name { get; }

    public ResourceKind Kind { get; internal set; }

    /// <summary><c>IORESOURCE_BUSY</c>: nothing can nest below it.</summary>
    public bool Busy => (Kind & ResourceKind.Busy) != 0;

    public Resource? Parent { get; private set; }

    public IReadOnlyList<Resource> Children => _children;

    /// <summary>The children as the list itself, for walks that must not allocate an enumerator.</summary>
    internal List<Resource> ChildList => _children;

    internal bool Contains(PhysAddr start, PhysAddr end) => Start <= start && end <= End;

    internal bool Overlaps(PhysAddr start, PhysAddr end) => start <= End && Start <= end;

    internal void AddChild(Resource child)
    {
        child.Parent = this;
        var i = 0;
        while (i < _children.Count && _children[i].Start < child.Start)
        {
            i++;
        }

        _children.Insert(i, child);
    }

    /// <summary>Copies this resource's subtree under <paramref name="into"/> (a copy of this resource), children in order.</summary>
    internal void CopyChildrenTo(Resource into)
    {
        into._children.Capacity = _children.Count;
        foreach (var child in _children)
        {
            var copy = new Resource(child.Start, child.End, child.Name, child.Kind) { Parent = into };
            into._children.Add(copy);
            child.CopyChildrenTo(copy);
        }
    }

    internal void RemoveChild(Resource child)
    {
        _children.Remove(child);
        child.Parent = null;
    }
}
