using Xunit;
using Xunit.Sdk;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>
/// A fact of an inherited contract class. It runs like [Fact], except that in a concrete class marked
/// <see cref="RequiresEnvironmentAttribute"/> it is reported as skipped, with the reason, when the variable is unset.
/// </summary>
[XunitTestCaseDiscoverer("HotplugCluster.Persistence.Tests.Journal.ContractFactDiscoverer", "HotplugCluster.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute
{
}
