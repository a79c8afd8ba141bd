namespace HotplugCluster.Actors;

/// <summary>The location of an actor in the hierarchy (<c>/user/a/b</c>) plus its stable id.</summary>
/// <remarks>Unlike Akka, paths are built on demand from the parent chain and carry no address; the id
/// (creation order within a system or island) plays the role of Akka's uid.</remarks>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly IActorRef? _parentRef;
    private ActorPath? _parent;

    internal ActorPath(ActorPath? parent, string name, long uid)
    {
        _parent = parent;
        Name = name;
        Uid = uid;
    }

    /// <summary>A path whose parent path is built only when asked for (<c>Self.Path.Name</c> needs no chain to the root).</summary>
    internal ActorPath(IActorRef parent, string name, long uid)
    {
        _parentRef = parent;
        Name = name;
        Uid = uid;
    }

    /// <summary>The parent path, or null for the root.</summary>
    public ActorPath? Parent => _parent ??= _parentRef?.Path;

    /// <summary>The last element of the path.</summary>
    public string Name { get; }

    /// <summary>The actor's stable id: its creation order within the system or island that runs it.</summary>
    public long Uid { get; }

    /// <summary>The elements from the root down, excluding the root's empty name.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p is not null && p.Parent is not null; p = p.Parent)
            {
                elements.Add(p.Name);
            }

            elements.Reverse();
            return elements;
        }
    }

    public bool Equals(ActorPath? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The path as <c>/user/a/b</c>; the root is <c>/</c>.</summary>
    public override string ToString() => Parent is null ? "/" : "/" + string.Join('/', Elements);
}
