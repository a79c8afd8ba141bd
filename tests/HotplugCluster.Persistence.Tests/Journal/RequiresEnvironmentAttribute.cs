namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>Marks a test class whose <see cref="ContractFactAttribute"/> tests skip, with a visible reason, when the variable is unset.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string why) : Attribute
{
    public string Variable { get; } = variable;

    public string Why { get; } = why;
}
