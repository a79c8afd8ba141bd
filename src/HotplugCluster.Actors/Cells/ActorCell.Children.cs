using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors.Cells;

/// <summary>Children: an intrusive doubly linked list in creation order (no per-child collection entry), names indexed only when given.</summary>
internal sealed partial class ActorCell
{
    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            var extras = _extras;
            if (extras is null)
            {
                return [];
            }

            lock (extras.ChildrenLock)
            {
                var children = new List<IActorRef>(extras.ChildCount);
                for (var c = extras.FirstChild; c is not null; c = c.NextSibling)
                {
                    children.Add(c);
                }

                return children;
            }
        }
    }

    internal int ChildCount => _extras?.ChildCount ?? 0;

    public IActorRef ActorOf(Props props, string? name = null) => CreateChild(props, name, Dispatcher);

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extras = _extras;
        if (extras is null)
        {
            return null;
        }

        lock (extras.ChildrenLock)
        {
            if (extras.ChildrenBySlot is { } slots && slots.SlotOf(name) is var slot and >= 0 && slots[slot] is { } slotted)
            {
                return slotted;
            }

            if (extras.ChildrenByName?.TryGetValue(name, out var named) == true)
            {
                return named;
            }

            // Unnamed children are "$id"; a given name never starts with '$' (ValidateName), so a miss on one is final
            // without walking the children (a parent of millions of named children spawns in O(1)).
            if (name.Length == 0 || name[0] != '$')
            {
                return null;
            }

            for (var c = extras.FirstChild; c is not null; c = c.NextSibling)
            {
                if (c._name is null && c.Name == name)
                {
                    return c;
                }
            }

            return null;
        }
    }

    /// <summary>Creates a child on <paramref name="dispatcher"/> (an island's, for island guardians) and hands it to that dispatcher.</summary>
    internal ActorCell CreateChild(Props props, string? name, Dispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ValidateName(name);
        }

        if ((Flags & (Terminating | Terminated)) != 0)
        {
            throw new InvalidOperationException($"{Path}: cannot create children while stopping");
        }

        var extras = Extras;
        ActorCell child;
        lock (extras.ChildrenLock)
        {
            // One lookup per named child: the slot is claimed here and filled below (nothing else touches the dictionary in between).
            ref var named = ref Unsafe.NullRef<ActorCell>();
            var slot = name is not null && extras.ChildrenBySlot is { } slots ? slots.SlotOf(name) : -1;
            if (slot >= 0)
            {
                // Children named before the slot index was set stay in the name table.
                if (extras.ChildrenBySlot![slot] is not null || extras.ChildrenByName?.ContainsKey(name!) == true)
                {
                    throw new InvalidActorNameException($"{Path}: a child named '{name}' already exists");
                }
            }
            else if (name is not null)
            {
                named = ref CollectionsMarshal.GetValueRefOrAddDefault(
                    extras.ChildrenByName ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal), name, out var exists)!;
                if (exists)
                {
                    throw new InvalidActorNameException($"{Path}: a child named '{name}' already exists");
                }
            }

            child = new ActorCell(dispatcher, this, props, name);
            child.PrevSibling = extras.LastChild;
            if (extras.LastChild is null)
            {
                extras.FirstChild = child;
            }
            else
            {
                extras.LastChild.NextSibling = child;
            }

            extras.LastChild = child;
            extras.ChildCount++;
            if (slot >= 0)
            {
                extras.ChildrenBySlot!.Set(slot, child);
            }
            else if (name is not null)
            {
                named = child;
            }
        }

        // A child created on its first message is scheduled by that message (its PendingCreate flag runs the constructor first).
        if (!props.CreatesOnFirstMessage)
        {
            dispatcher.Start(child);
        }

        return child;
    }

    /// <summary>Unlinks a terminated child; returns false if it was not (or no longer) a child.</summary>
    /// <summary>Leaves the parent's children without the stop protocol (<see cref="Island.Discard"/>): marked terminated, nothing runs.</summary>
    internal void Detach()
    {
        Volatile.Write(ref Flags, Flags | Terminated);
        _parent?.RemoveChild(this);
    }

    /// <summary>Makes room for <paramref name="count"/> more named children at once (a parent about to spawn thousands).</summary>
    internal void ReserveChildren(int count)
    {
        var extras = Extras;
        lock (extras.ChildrenLock)
        {
            var byName = extras.ChildrenByName ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            byName.EnsureCapacity(byName.Count + count);
        }
    }

    /// <summary>Indexes named children that <paramref name="slotOf"/> numbers by that number from now on (the first index given stays).</summary>
    internal void IndexChildrenBySlot(Func<string, int> slotOf)
    {
        var extras = Extras;
        lock (extras.ChildrenLock)
        {
            extras.ChildrenBySlot ??= new ChildSlots(slotOf);
        }
    }

    private bool RemoveChild(ActorCell child)
    {
        var extras = _extras;
        if (extras is null || child._parent != this)
        {
            return false;
        }

        lock (extras.ChildrenLock)
        {
            if (child.PrevSibling is null && extras.FirstChild != child)
            {
                return false;
            }

            if (child.PrevSibling is null)
            {
                extras.FirstChild = child.NextSibling;
            }
            else
            {
                child.PrevSibling.NextSibling = child.NextSibling;
            }

            if (child.NextSibling is null)
            {
                extras.LastChild = child.PrevSibling;
            }
            else
            {
                child.NextSibling.PrevSibling = child.PrevSibling;
            }

            child.PrevSibling = null;
            child.NextSibling = null;
            extras.ChildCount--;
            if (child._name is not null)
            {
                if (extras.ChildrenBySlot is { } slots && slots.SlotOf(child._name) is var slot and >= 0 && slots[slot] == child)
                {
                    slots.Set(slot, null);
                }
                else
                {
                    extras.ChildrenByName?.Remove(child._name);
                }
            }

            extras.StoppingChildren?.Remove(child);
            extras.RestartStats?.Remove(child);
            return true;
        }
    }

    private List<ActorCell> ChildSnapshot()
    {
        var extras = _extras;
        var list = new List<ActorCell>();
        if (extras is null)
        {
            return list;
        }

        lock (extras.ChildrenLock)
        {
            for (var c = extras.FirstChild; c is not null; c = c.NextSibling)
            {
                list.Add(c);
            }
        }

        return list;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name[0] == '$')
        {
            throw new InvalidActorNameException($"actor name '{name}' must be non-empty and must not start with '$'");
        }

        foreach (var ch in name)
        {
            if (ch == '/' || char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                throw new InvalidActorNameException($"actor name '{name}' contains an illegal character (slash, whitespace or control)");
            }
        }
    }
}
