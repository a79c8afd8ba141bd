using Xunit.Abstractions;
using Xunit.Sdk;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests as <see cref="EnvironmentTestCase"/>s.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new EnvironmentTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
