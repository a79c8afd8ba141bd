using System.Collections.Immutable;

namespace HotplugCluster.Cluster.Local;

/// <summary>
/// How to start a <c>hotplug</c> process: the program and the arguments before the verb (e.g. <c>dotnet hotplug.dll</c>),
/// and the environment variables a member runs with on top of this process's (the runtime's GC and JIT settings).
/// </summary>
public sealed record NodeLauncher(string FileName, ImmutableArray<string> Arguments, ImmutableArray<KeyValuePair<string, string>> Environment = default);
