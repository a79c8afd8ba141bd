using Akka.Persistence;
using HotplugCluster.Bench.Journal;

namespace HotplugCluster.Bench.Akka;

/// <summary>A persistent Akka.NET actor that, when told to start, persists its events one after another (each after the last is stored), then reports.</summary>
internal sealed class AkkaWritingActor(string persistenceId, int events, Countdown done) : UntypedPersistentActor
{
    private static readonly JournalWorkload.SampleEvent Event = new(42, "Movable", JournalWorkload.SamplePages);
    private int _written;

    public override string PersistenceId => persistenceId;

    protected override void OnCommand(object message) => PersistNext();

    protected override void OnRecover(object message)
    {
    }

    private void PersistNext() => Persist(Event, _ =>
    {
        if (++_written < events)
        {
            PersistNext();
        }
        else
        {
            done.Signal();
        }
    });
}
