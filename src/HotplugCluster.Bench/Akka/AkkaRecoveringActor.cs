using Akka.Persistence;
using HotplugCluster.Bench.Journal;

namespace HotplugCluster.Bench.Akka;

/// <summary>A persistent Akka.NET actor that recovers its stream, adds up what it replayed, and reports when recovery completes.</summary>
internal sealed class AkkaRecoveringActor(string persistenceId, RecoveryTally tally, Countdown done) : UntypedPersistentActor
{
    private long _events;
    private long _pages;

    public override string PersistenceId => persistenceId;

    protected override void OnCommand(object message) => Unhandled(message);

    protected override void OnRecover(object message)
    {
        if (message is JournalWorkload.SampleEvent e)
        {
            _events++;
            _pages += e.Pages;
        }
        else if (message is RecoveryCompleted)
        {
            tally.Add(_events, _pages);
            done.Signal();
        }
    }
}
