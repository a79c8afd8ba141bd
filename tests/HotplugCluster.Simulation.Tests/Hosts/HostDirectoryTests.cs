using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>The step router's name parsing: its fast path for plain digits answers exactly as <c>uint.TryParse</c>.</summary>
public sealed class HostDirectoryTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("123456789")]
    [InlineData("4294967295")]
    [InlineData("4294967296")]
    [InlineData("0000000001")]
    [InlineData("")]
    [InlineData("+5")]
    [InlineData("-1")]
    [InlineData(" 12")]
    [InlineData("12 ")]
    [InlineData("1a")]
    [InlineData("a1")]
    [InlineData("1~2")]
    [InlineData("１２")]
    public void ParseNumber_agrees_with_uint_TryParse(string text)
    {
        var expected = uint.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value);

        Assert.Equal(expected, HostDirectory.ParseNumber(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void ParseNumber_agrees_with_uint_TryParse_on_every_number_of_random_width()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 10_000; i++)
        {
            var digits = new char[random.Next(1, 11)];
            for (var d = 0; d < digits.Length; d++)
            {
                digits[d] = (char)('0' + random.Next(10));
            }

            var text = new string(digits);
            var expected = uint.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value);
            Assert.True(expected == HostDirectory.ParseNumber(text, out var parsed) && value == parsed, $"'{text}' (seed 20261203, case {i})");
        }
    }

    [Theory]
    [InlineData("memory12", 12u)]
    [InlineData("memory", null)]
    [InlineData("memoryx", null)]
    [InlineData("node1", null)]
    [InlineData(null, null)]
    public void BlockIdOf_reads_memoryN(string? name, uint? id) => Assert.Equal(id, HostDirectory.BlockIdOf(name));

    [Theory]
    [InlineData("memory0", 0)]
    [InlineData("memory12", 12)]
    [InlineData("memory999999999", 999999999)]
    [InlineData("memory012", -1)]
    [InlineData("memory00", -1)]
    [InlineData("memory1000000000", -1)]
    [InlineData("memory+1", -1)]
    [InlineData("memory12~1", -1)]
    [InlineData("memory", -1)]
    [InlineData("node1", -1)]
    public void BlockSlotOf_numbers_only_names_written_as_BlockName_writes_them(string name, int slot)
    {
        Assert.Equal(slot, HostDirectory.BlockSlotOf(name));
        if (slot >= 0)
        {
            Assert.Equal(name, HostDirectory.BlockName((uint)slot));
        }
    }

    [Fact]
    public void Operation_ids_are_op_and_the_number_and_shared()
    {
        Assert.Equal("op1", OperationIds.Of(1));
        Assert.Equal("op123456", OperationIds.Of(123_456));
        Assert.Same(OperationIds.Of(2048), OperationIds.Of(2048));
        Assert.Equal("op" + (1L << 40), OperationIds.Of(1L << 40));
    }
}
