namespace HotplugCluster.Simulation.Shell;

/// <summary>A return code an iterator leaves for its caller (iterators have no out parameters): 0, 1 or a negative errno.</summary>
internal sealed class Rc
{
    public int Value { get; set; }
}
