using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>
/// The transcribed selftests under tests/scripts (the kernel's mem-on-off-test.sh, ndctl's daxctl-devices.sh): each
/// script names its host in a <c># host:</c> line; its transcript must equal <c>NAME.expected</c> (regenerate with
/// HOTPLUG_UPDATE_GOLDEN=1 and review).
/// </summary>
public sealed class ScriptGoldenTests
{
    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Path.Combine(TestRepo.Root, "tests", "scripts"), "*.sh").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_transcript_matches_its_golden_file(string script)
    {
        var transcript = Run(script);
        var golden = Path.Combine(TestRepo.Root, "tests", "scripts", Path.ChangeExtension(script, ".expected"));
        if (Environment.GetEnvironmentVariable("HOTPLUG_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, transcript);
        }

        Assert.Equal(File.ReadAllText(golden), transcript);
    }

    [Fact]
    public void Mem_on_off_test_phase_two_fails_exactly_the_injected_writes()
    {
        var transcript = Run("mem-on-off-test.sh");

        // Step 5 (two blocks online) and step 7 (four blocks offline) fail with -ENOMEM (-12); nothing else fails.
        Assert.Equal(6, Count(transcript, "write error: Cannot allocate memory (ENOMEM)"));
        Assert.Equal(6, Count(transcript, "write error:"));
        var states = Lines(transcript).Where(l => l is "online" or "offline").ToList();
        Assert.Equal(["online", "online", "online", "online", "offline", "offline", "online", "online", "offline", "offline", "online", "online", "online", "online", "online", "online"], states);
    }

    [Fact]
    public void Daxctl_devices_test_steps_succeed_and_the_policy_check_refuses()
    {
        var transcript = Run("daxctl-devices.sh");
        Assert.Equal(6, Count(transcript, "reconfigured 1 device\n")); // steps 2, 5, 6, 7, 8 and 9
        Assert.Equal(1, Count(transcript, "dax0.0: error: kernel policy will auto-online memory, aborting\nerror reconfiguring devices: Device or resource busy\nreconfigured 0 devices\n"));
        Assert.Equal(1, Count(transcript, "onlined memory for 1 device"));
        Assert.Equal(1, Count(transcript, "offlined memory for 1 device"));
        Assert.Equal(2, Count(transcript, "\"online_memblocks\":4,\n    \"total_memblocks\":4,\n    \"movable\":true"));
    }

    [Fact]
    public void Kmem_unbind_with_online_memory_leaks_until_reboot()
    {
        var transcript = Run("kmem-unbind-leak.sh");
        Assert.Contains("kmem dax0.0: mapping0: 0x1000000000-0x103fffffff cannot be hotremoved until the next reboot", transcript, StringComparison.Ordinal);
        Assert.Contains("libdaxctl: daxctl_dev_enable: dax0.0: failed to enable\nerror reconfiguring devices: No such device or address", transcript, StringComparison.Ordinal);
        Assert.Contains("      1000000000-103fffffff : System RAM (kmem)", transcript, StringComparison.Ordinal);
    }

    private static string Run(string script)
    {
        var path = Path.Combine(TestRepo.Root, "tests", "scripts", script);
        var text = File.ReadAllText(path);
        var hostLine = Lines(text).First(l => l.StartsWith("# host: ", StringComparison.Ordinal));
        var shell = new HostShell(KernelHostConsole.Boot(HostConfig.Read(TestRepo.LoadFile(hostLine["# host: ".Length..]))));
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, shell.RunScript(text, $"tests/scripts/{script}", output));
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n');

    private static int Count(string text, string fragment)
    {
        var n = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
