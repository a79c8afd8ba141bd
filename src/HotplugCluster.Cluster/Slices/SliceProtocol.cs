using Akka.Actor;
using HotplugCluster.Fleet.Runs;

namespace HotplugCluster.Cluster.Slices;

/// <summary>Every message and event of the slice protocol: serialized by <see cref="SliceSerializer"/>, never by Akka's JSON default.</summary>
public interface ISliceMessage;

/// <summary>
/// Submitter to slice entity: run <paramref name="Slice"/>, the <paramref name="Ordinal"/>-th of job <paramref name="JobId"/> (whose fleet is
/// <paramref name="Job"/>, see <see cref="SlicePayload"/>) and report to <paramref name="ReplyTo"/>. Idempotent: an entity
/// that already has the slice answers <see cref="SliceAccepted"/> or, when finished, <see cref="SliceDone"/> again.
/// </summary>
public sealed record RunSlice(string JobId, int Ordinal, FleetSlice Slice, byte[] Job, string ModelVersion, string Fingerprint, IActorRef ReplyTo) : ISliceMessage
{
    /// <summary>The entity that owns the slice: one per job and slice, so a slice's result is recorded once.</summary>
    public string EntityId => SliceEntity.IdOf(JobId, Ordinal, Slice);
}

/// <summary>Entity to submitter: the slice is recorded and runs (or will run again on another member if this one dies).</summary>
public sealed record SliceAccepted(string JobId, FleetSlice Slice) : ISliceMessage;

/// <summary>Entity to submitter: the slice's hosts, in index order (<see cref="SlicePayload.DecodeHosts"/>).</summary>
public sealed record SliceDone(string JobId, FleetSlice Slice, byte[] Hosts) : ISliceMessage;

/// <summary>Entity to submitter: the slice cannot run here (a different model or configuration, or a fleet that fails to run).</summary>
public sealed record SliceRefused(string JobId, FleetSlice Slice, string Reason) : ISliceMessage;

/// <summary>Event: the entity took on its slice; recovery after a member's loss starts it again from this.</summary>
public sealed record SliceAssigned(string JobId, FleetSlice Slice, byte[] Job, string ReplyTo) : ISliceMessage;

/// <summary>Event: the slice's hosts are done; recorded once, answered from the journal ever after.</summary>
public sealed record SliceFinished(byte[] Hosts) : ISliceMessage;

/// <summary>Member to member: schedule <paramref name="Schedule"/> of stress job <paramref name="JobId"/> violates, so ranges skip the schedules above it.</summary>
public sealed record ScheduleBound(string JobId, int Schedule) : ISliceMessage;

/// <summary>
/// Worker slots to their peers on other members: <paramref name="Slots"/> slots are idle here and nothing waits; lend me
/// waiting work. A peer lends only when the model version and configuration fingerprint are its own (a slice's hosts
/// depend on both).
/// </summary>
public sealed record WorkWanted(int Slots, string ModelVersion, string Fingerprint) : ISliceMessage;

/// <summary>Worker slots to an idle peer: run this waiting slice (number <paramref name="Id"/> of the lender) and answer <see cref="LentWorkDone"/>.</summary>
public sealed record WorkLent(long Id, string JobId, FleetSlice Slice, byte[] Job) : ISliceMessage;

/// <summary>Borrower to lender: lent work <paramref name="Id"/> is done, with the slice's hosts or why it failed.</summary>
public sealed record LentWorkDone(long Id, byte[]? Hosts, string? Error) : ISliceMessage;

/// <summary>Borrower to lender: no slot was idle any more when lent work <paramref name="Id"/> arrived; it waits at the lender again.</summary>
public sealed record LentWorkReturned(long Id) : ISliceMessage;
