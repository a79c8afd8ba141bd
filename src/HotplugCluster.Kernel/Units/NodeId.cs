namespace HotplugCluster.Kernel.Units;

/// <summary>A NUMA node id; <see cref="NoNode"/> is <c>NUMA_NO_NODE</c>.</summary>
public readonly record struct NodeId(int Value) : IComparable<NodeId>
{
    public static NodeId NoNode => new(-1);

    public bool IsValid => Value >= 0;

    public static bool operator <(NodeId a, NodeId b) => a.Value < b.Value;

    public static bool operator >(NodeId a, NodeId b) => a.Value > b.Value;

    public static bool operator <=(NodeId a, NodeId b) => a.Value <= b.Value;

    public static bool operator >=(NodeId a, NodeId b) => a.Value >= b.Value;

    public int CompareTo(NodeId other) => Value.CompareTo(other.Value);

    public override string ToString() => Value >= 0 && Value < Names.Length ? Names[Value] : $"node{Value}";

    // Every node step of a fleet names its node: the usual ids are formatted once.
    private static readonly string[] Names = [.. Enumerable.Range(0, 64).Select(i => $"node{i}")];
}
