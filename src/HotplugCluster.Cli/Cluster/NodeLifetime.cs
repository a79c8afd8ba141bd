using Akka.Actor;
using HotplugCluster.Cluster.Members;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// Keeps a member running until it is told to stop: SIGINT (Ctrl+C) or, with <c>watchStdin</c>, standard input closing
/// (the parent that started it has ended) run its coordinated shutdown; SIGTERM runs it through Akka's exit hook.
/// </summary>
internal static class NodeLifetime
{
    public static void RunUntilStopped(ClusterMember member, bool watchStdin)
    {
        void Leave() => CoordinatedShutdown.Get(member.System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            Leave();
        };
        Console.CancelKeyPress += cancel;
        if (watchStdin)
        {
            var watcher = new Thread(() =>
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }

                Leave();
            })
            { IsBackground = true, Name = "stdin watcher" };
            watcher.Start();
        }

        member.System.WhenTerminated.Wait();
        Console.CancelKeyPress -= cancel;
    }
}
