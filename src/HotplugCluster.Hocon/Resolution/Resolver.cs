using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Resolution;

/// <summary>
/// Resolves substitutions lazily and memoized per value instance (spec: Self-Referential Substitutions). Lookups "look
/// forward" to final values; a lookup that reaches a field still being resolved "looks back" to the layers of its merge
/// stack below the one being resolved, and is a cycle when there is nothing below.
/// </summary>
internal sealed class Resolver
{
    private const int MaxDepth = 512;
    private readonly ConfigObject _root;
    private readonly ConfigResolveOptions _options;
    private readonly Dictionary<ConfigValue, ConfigValue?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ConfigValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MergeStack, List<int>> _activeLayers = new(ReferenceEqualityComparer.Instance);
    private readonly List<Substitution> _chain = [];

    private Resolver(ConfigObject root, ConfigResolveOptions options)
    {
        _root = root;
        _options = options;
    }

    public static ConfigObject Resolve(ConfigObject root, ConfigResolveOptions options)
    {
        var resolver = new Resolver(root, options);
        return (ConfigObject)(resolver.Resolve(root) ?? new ConfigObject(root.Origin));
    }

    /// <summary>Resolves a value; null means it was an undefined optional substitution (the field disappears).</summary>
    private ConfigValue? Resolve(ConfigValue value)
    {
        if (value.IsResolved)
        {
            return value;
        }

        if (_memo.TryGetValue(value, out var done))
        {
            return done;
        }

        if (value is MergeStack stack)
        {
            var merged = ResolveStack(stack, stack.Layers.Count);
            _memo[value] = merged;
            return merged;
        }

        if (!_inProgress.Add(value))
        {
            throw new CycleException(value);
        }

        if (_inProgress.Count > MaxDepth)
        {
            throw new HoconException(value.Origin, $"expected substitutions to nest at most {MaxDepth} levels deep");
        }

        ConfigValue? result;
        try
        {
            result = value switch
            {
                ConfigObject o => ResolveObject(o),
                ConfigList l => new ConfigList(l.Origin, l.Items.Select(Resolve).OfType<ConfigValue>().ToList()),
                Substitution s => ResolveSubstitution(s),
                Concatenation c => ConcatenationRules.Combine(c.Origin, c.Parts.Select(p => p is ConfigString ? p : Resolve(p)).ToList()),
                _ => value,
            };
        }
        finally
        {
            _inProgress.Remove(value);
        }

        _memo[value] = result;
        return result;
    }

    private ConfigObject ResolveObject(ConfigObject value)
    {
        var fields = new OrderedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var (key, field) in value.Fields)
        {
            if (Resolve(field) is { } resolved)
            {
                fields[key] = resolved;
            }
        }

        return new ConfigObject(value.Origin, fields) { IgnoresFallbacks = value.IgnoresFallbacks };
    }

    /// <summary>Merges the layers below <paramref name="limit"/> top-down; a non-object layer hides everything below it.</summary>
    private ConfigValue? ResolveStack(MergeStack stack, int limit)
    {
        ConfigValue? result = null;
        for (var k = limit - 1; k >= 0; k--)
        {
            var layer = ResolveLayer(stack, k);
            if (layer is null)
            {
                continue;
            }

            if (result is null)
            {
                result = layer;
            }
            else if (layer is ConfigObject olderObject)
            {
                result = Merger.MergeObjects(olderObject, (ConfigObject)result);
            }
            else
            {
                break;
            }

            if (result is not ConfigObject || result is ConfigObject { IgnoresFallbacks: true })
            {
                break;
            }
        }

        return result;
    }

    private ConfigValue? ResolveLayer(MergeStack stack, int index)
    {
        if (!_activeLayers.TryGetValue(stack, out var active))
        {
            active = [];
            _activeLayers[stack] = active;
        }

        active.Add(index);
        try
        {
            return Resolve(stack.Layers[index]);
        }
        finally
        {
            active.RemoveAt(active.LastIndexOf(index));
        }
    }

    /// <summary>How many layers of a stack a lookup may see: all of them, unless a layer is being resolved right now.</summary>
    private int VisibleLayers(MergeStack stack)
    {
        if (!_activeLayers.TryGetValue(stack, out var active) || active.Count == 0)
        {
            return stack.Layers.Count;
        }

        var lowest = active.Min();
        return stack.Layers[lowest] is ConfigObject ? lowest + 1 : lowest;
    }

    private ConfigValue? ResolveSubstitution(Substitution substitution)
    {
        _chain.Add(substitution);
        try
        {
            foreach (var candidate in substitution.Candidates)
            {
                if (TryLookup(candidate, out var found))
                {
                    return found;
                }
            }
        }
        catch (CycleException) when (substitution.Optional)
        {
            // "Cycles should be treated the same as a missing value when resolving an optional substitution."
            return null;
        }
        catch (CycleException cycle)
        {
            throw new HoconException(substitution.Origin, DescribeCycle(substitution, cycle.Node));
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }

        var name = substitution.Path.EnvironmentName;
        if (_options.LookupEnvironment(name) is { } fromEnvironment)
        {
            return new ConfigString(new ConfigOrigin($"env:{name}", 1, 1), fromEnvironment);
        }

        if (substitution.Optional)
        {
            return null;
        }

        var environmentNote = _options.UseEnvironment ? $" and there is no environment variable {name}" : "";
        throw new HoconException(substitution.Origin, $"could not resolve substitution {substitution.Text}: '{substitution.Path}' is not set{environmentNote}");
    }

    private string DescribeCycle(Substitution substitution, ConfigValue node)
    {
        var self = ReferenceEquals(node, substitution) || node is MergeStack
            || (node is Concatenation c && c.Parts.Any(p => ReferenceEquals(p, substitution)));
        if (self)
        {
            return $"could not resolve substitution {substitution.Text}: '{substitution.Path}' refers to itself and has no earlier value to build on";
        }

        var start = Math.Max(0, _chain.FindIndex(s => s.Path.Equals(substitution.Path)));
        var steps = _chain.Skip(start).Select(s => $"{s.Text} at {s.Origin}");
        return $"could not resolve substitution {substitution.Text}: substitution cycle: {string.Join(" -> ", steps)}";
    }

    /// <summary>Looks a path up from the root, resolving only what the walk needs (spec: objects may refer to paths within themselves).</summary>
    private bool TryLookup(HoconPath path, out ConfigValue? found)
    {
        found = null;
        ConfigValue current = _root;
        for (var i = 0; i < path.Count; i++)
        {
            if (Child(current, path[i]) is not { } child)
            {
                return false;
            }

            current = child;
        }

        if (current is MergeStack stack)
        {
            var visible = VisibleLayers(stack);
            if (visible == stack.Layers.Count)
            {
                found = Resolve(stack);
            }
            else if (visible == 0 || stack.Layers[visible - 1] is ConfigObject layer && _inProgress.Contains(layer))
            {
                throw new CycleException(stack);
            }
            else
            {
                found = ResolveStack(stack, visible);
            }
        }
        else
        {
            if (_inProgress.Contains(current))
            {
                throw new CycleException(current);
            }

            found = Resolve(current);
        }

        return found is not null;
    }

    private ConfigValue? Child(ConfigValue current, string key)
    {
        switch (current)
        {
            case ConfigObject o:
                return o.Fields.TryGetValue(key, out var child) ? child : null;
            case MergeStack stack:
                var visible = VisibleLayers(stack);
                if (visible == 0)
                {
                    throw new CycleException(stack);
                }

                var children = new List<ConfigValue>();
                for (var i = visible - 1; i >= 0; i--)
                {
                    var layer = stack.Layers[i] is ConfigObject structural ? structural : ResolveLayer(stack, i);
                    if (layer is null)
                    {
                        continue;
                    }

                    if (layer is not ConfigObject layerObject)
                    {
                        break;
                    }

                    if (layerObject.Fields.TryGetValue(key, out var layerChild))
                    {
                        children.Add(layerChild);
                    }

                    if (layerObject.IgnoresFallbacks)
                    {
                        break;
                    }
                }

                children.Reverse();
                return children.Count switch
                {
                    0 => null,
                    1 => children[0],
                    _ => children.Aggregate(Merger.Merge),
                };
            default:
                if (_inProgress.Contains(current))
                {
                    throw new CycleException(current);
                }

                return Resolve(current) is ConfigObject resolved && resolved.Fields.TryGetValue(key, out var resolvedChild)
                    ? resolvedChild
                    : null;
        }
    }
}
