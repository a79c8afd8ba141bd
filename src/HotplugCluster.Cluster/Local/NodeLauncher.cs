using System.Collections.Immutable;

namespace HotplugCluster.Cluster.Local;

/// <summary>How to start a <c>hotplug</c> process: the program and the arguments before the verb (e.g. <c>dotnet hotplug.dll</c>).</summary>
public sealed record NodeLauncher(string FileName, ImmutableArray<string> Arguments);
