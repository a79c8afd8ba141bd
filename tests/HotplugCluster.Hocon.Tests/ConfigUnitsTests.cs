namespace HotplugCluster.Hocon.Tests;

public sealed class ConfigUnitsTests
{
    [Theory]
    // "Size in bytes format": bare numbers are bytes; powers of ten and of two exactly as listed.
    [InlineData("1024", 1024L)]
    [InlineData("\"1024\"", 1024L)]
    [InlineData("10B", 10L)]
    [InlineData("10b", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("1 byte", 1L)]
    [InlineData("1kB", 1000L)]
    [InlineData("1 kilobyte", 1000L)]
    [InlineData("2 kilobytes", 2000L)]
    [InlineData("1K", 1024L)]
    [InlineData("1k", 1024L)]
    [InlineData("1Ki", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1 kibibyte", 1024L)]
    [InlineData("3 kibibytes", 3072L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("1 megabytes", 1_000_000L)]
    [InlineData("256MiB", 268_435_456L)]
    [InlineData("1M", 1_048_576L)]
    [InlineData("1m", 1_048_576L)]
    [InlineData("1 mebibyte", 1_048_576L)]
    [InlineData("4 GiB", 4_294_967_296L)]
    [InlineData("1G", 1_073_741_824L)]
    [InlineData("1g", 1_073_741_824L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1 gigabyte", 1_000_000_000L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("1t", 1_099_511_627_776L)]
    [InlineData("1 tebibytes", 1_099_511_627_776L)]
    [InlineData("1PB", 1_000_000_000_000_000L)]
    [InlineData("1Pi", 1_125_899_906_842_624L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    [InlineData("1 exbibyte", 1_152_921_504_606_846_976L)]
    [InlineData("1.5G", 1_610_612_736L)]
    [InlineData("0.5KiB", 512L)]
    [InlineData("128MiB", 134_217_728L)]
    [InlineData("1e3kB", 1_000_000L)]
    public void GetBytes_reads_spec_size_units(string literal, long expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {literal}").GetBytes("v"));

    [Theory]
    [InlineData("1KB", "unknown unit 'KB'")]
    [InlineData("1 Kb", "unknown unit 'Kb'")]
    [InlineData("1 mib", "unknown unit 'mib'")]
    [InlineData("1 KILOBYTE", "unknown unit 'KILOBYTE'")]
    [InlineData("8EiB", "fits in 64 bits")]
    [InlineData("1ZiB", "fits in 64 bits")]
    [InlineData("1YB", "fits in 64 bits")]
    [InlineData("0.1K", "not a whole number")]
    [InlineData("lots", "expected a size in bytes")]
    [InlineData("[1]", "expected a size in bytes")]
    public void GetBytes_fails_with_origin_when_unit_is_invalid(string literal, string fragment)
    {
        var error = Assert.Throws<HoconException>(() => Hocon.Resolve($"v = {literal}").GetBytes("v"));
        Assert.StartsWith("test.conf:1:5: v: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // "Duration format": bare numbers are milliseconds; the listed lowercase spellings only.
    [InlineData("10", 10_000_000L)]
    [InlineData("1ns", 1L)]
    [InlineData("1 nano", 1L)]
    [InlineData("2 nanos", 2L)]
    [InlineData("1 nanosecond", 1L)]
    [InlineData("5 nanoseconds", 5L)]
    [InlineData("10us", 10_000L)]
    [InlineData("1 micro", 1_000L)]
    [InlineData("1 micros", 1_000L)]
    [InlineData("1 microsecond", 1_000L)]
    [InlineData("3 microseconds", 3_000L)]
    [InlineData("1ms", 1_000_000L)]
    [InlineData("1 milli", 1_000_000L)]
    [InlineData("1 millis", 1_000_000L)]
    [InlineData("1 millisecond", 1_000_000L)]
    [InlineData("2 milliseconds", 2_000_000L)]
    [InlineData("5s", 5_000_000_000L)]
    [InlineData("1 second", 1_000_000_000L)]
    [InlineData("2 seconds", 2_000_000_000L)]
    [InlineData("1m", 60_000_000_000L)]
    [InlineData("1 minute", 60_000_000_000L)]
    [InlineData("2 minutes", 120_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("1 hour", 3_600_000_000_000L)]
    [InlineData("2 hours", 7_200_000_000_000L)]
    [InlineData("1d", 86_400_000_000_000L)]
    [InlineData("1 day", 86_400_000_000_000L)]
    [InlineData("2 days", 172_800_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("\" 7 ms \"", 7_000_000L)]
    public void GetNanoseconds_reads_spec_duration_units(string literal, long expected) =>
        Assert.Equal(expected, Hocon.Resolve($"v = {literal}").GetNanoseconds("v"));

    [Theory]
    [InlineData("5S", "unknown unit 'S'")]
    [InlineData("5 Seconds", "unknown unit 'Seconds'")]
    [InlineData("5 sec", "unknown unit 'sec'")]
    [InlineData("1 y", "unknown unit 'y'")]
    [InlineData("200000d", "fits in 64 bits")]
    [InlineData("0.5ns", "not a whole number")]
    [InlineData("soon", "expected a duration")]
    public void GetNanoseconds_fails_with_origin_when_unit_is_invalid(string literal, string fragment)
    {
        var error = Assert.Throws<HoconException>(() => Hocon.Resolve($"v = {literal}").GetNanoseconds("v"));
        Assert.StartsWith("test.conf:1:5: v: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDuration_returns_a_TimeSpan_and_rejects_sub_tick_values()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Hocon.Resolve("v = 5s").GetDuration("v"));
        Assert.Equal(TimeSpan.FromMicroseconds(10), Hocon.Resolve("v = 10us").GetDuration("v"));
        Assert.Contains("GetNanoseconds", Assert.Throws<HoconException>(() => Hocon.Resolve("v = 150ns").GetDuration("v")).Message, StringComparison.Ordinal);
    }
}
