namespace HotplugCluster.Actors.Dispatch;

/// <summary>What a scheduling strategy sees of an enabled actor: its stable id (creation order within the system or island).</summary>
public interface IScheduledActor
{
    /// <summary>The actor's stable id; the same program creates the same actors with the same ids.</summary>
    long Id { get; }
}
