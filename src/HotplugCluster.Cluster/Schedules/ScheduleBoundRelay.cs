using Akka.Actor;
using Akka.Cluster;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Slices;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HotplugCluster.Cluster.Schedules;

/// <summary>
/// A member's side of the broadcast of violations: a violation its own ranges found (<see cref="Publish"/>) is told
/// to the relay of every other worker member that is up, as <see cref="ScheduleBound"/>; a bound told by another member
/// lowers this member's <see cref="ScheduleBounds"/>, so its ranges stop before schedules above it. Best effort: a bound
/// lost on the way only costs schedules run for nothing, never the answer.
/// </summary>
public sealed class ScheduleBoundRelay : ReceiveActor
{
    /// <summary>The actor's name under /user on every worker member.</summary>
    public const string Name = "schedule-bounds";

    /// <summary>The relay of a member keeping <paramref name="bounds"/>.</summary>
    public ScheduleBoundRelay(ScheduleBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Receive<Found>(m =>
        {
            bounds.Lower(m.JobId, m.Schedule);
            var cluster = AkkaCluster.Get(Context.System);
            foreach (var member in cluster.State.Members)
            {
                if (member.Status == MemberStatus.Up && member.HasRole(AkkaConfig.WorkerRole) && member.Address != cluster.SelfAddress)
                {
                    Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name).Tell(new ScheduleBound(m.JobId, m.Schedule));
                }
            }
        });
        Receive<ScheduleBound>(m => bounds.Lower(m.JobId, m.Schedule));
    }

    /// <summary>Props of the relay.</summary>
    public static Props Props(ScheduleBounds bounds) => Akka.Actor.Props.Create(() => new ScheduleBoundRelay(bounds));

    /// <summary>Tells <paramref name="relay"/> that this member found a violation in <paramref name="schedule"/> of job <paramref name="jobId"/>.</summary>
    public static void Publish(IActorRef relay, string jobId, int schedule)
    {
        ArgumentNullException.ThrowIfNull(relay);
        relay.Tell(new Found(jobId, schedule));
    }

    private sealed record Found(string JobId, int Schedule);
}
