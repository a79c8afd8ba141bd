using Xunit.Abstractions;
using Xunit.Sdk;

namespace HotplugCluster.Persistence.Tests.Journal;

/// <summary>
/// An xunit test case skipped, with a reason, when its class requires an environment variable that is unset.
/// The reason is computed in <see cref="GetSkipReason"/> because xunit may initialise a case inside its base constructor.
/// </summary>
public sealed class EnvironmentTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EnvironmentTestCase()
    {
    }

    public EnvironmentTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var requires = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (requires is not null)
        {
            var args = requires.GetConstructorArguments().Cast<string>().ToArray();
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(args[0])))
            {
                return $"{args[0]} is not set: {args[1]}";
            }
        }

        return base.GetSkipReason(factAttribute);
    }
}
