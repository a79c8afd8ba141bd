using System.Diagnostics.CodeAnalysis;

// Akka.NET's names are kept on purpose so that its users feel at home; no Visual Basic consumer exists.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Akka name", Scope = "member", Target = "~M:HotplugCluster.Actors.IActorContext.Stop(HotplugCluster.Actors.IActorRef)")]
[assembly: SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Akka name", Scope = "type", Target = "~T:HotplugCluster.Actors.EventStream")]
