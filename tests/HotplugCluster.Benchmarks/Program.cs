using BenchmarkDotNet.Running;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/HotplugCluster.Benchmarks -- --filter '*'</c>;
/// <c>-- quick</c> prints the same figures as <c>hotplug bench actors --quick</c> without building the CLI.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["quick"])
        {
            foreach (var (key, figure) in ActorBench.Run(ActorBenchSizes.Quick, Console.Error.WriteLine).Figures)
            {
                Console.WriteLine($"{key} {figure}");
            }

            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
