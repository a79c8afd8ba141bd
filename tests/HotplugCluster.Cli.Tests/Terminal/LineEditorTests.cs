using HotplugCluster.Cli.Terminal;
using Xunit;
using static HotplugCluster.Cli.Tests.Terminal.FakeKeySource;

namespace HotplugCluster.Cli.Tests.Terminal;

/// <summary>The interactive shell's line editor over typed keys: history with Up/Down, editing with Left/Right.</summary>
public sealed class LineEditorTests : IDisposable
{
    private readonly StringWriter _terminal = new() { NewLine = "\n" };

    public void Dispose() => _terminal.Dispose();

    [Fact]
    public void ReadLine_returns_the_typed_line_when_Enter_is_pressed()
    {
        var keys = new FakeKeySource().Type("cat /sys/devices/system/memory/memory8/state").Press(Enter);
        var editor = new LineEditor(keys, _terminal);

        Assert.Equal("cat /sys/devices/system/memory/memory8/state", editor.ReadLine("# "));
        Assert.Equal(0, keys.Remaining);
    }

    [Fact]
    public void Up_recalls_the_previous_lines_newest_first_and_Down_walks_back_to_the_unfinished_line()
    {
        var keys = new FakeKeySource()
            .Type("ls").Press(Enter)
            .Type("dmesg").Press(Enter)
            .Type("cat x").Press(Up, Up, Up, Down).Press(Enter)
            .Type("draft").Press(Up, Down, Enter);
        var editor = new LineEditor(keys, _terminal);

        Assert.Equal("ls", editor.ReadLine("# "));
        Assert.Equal("dmesg", editor.ReadLine("# "));
        Assert.Equal("dmesg", editor.ReadLine("# "));  // Up, Up reach "ls"; a third Up stays there; Down returns to "dmesg".
        Assert.Equal("draft", editor.ReadLine("# "));
        Assert.Equal(["ls", "dmesg", "draft"], editor.History);
    }

    [Fact]
    public void Left_and_Right_move_the_cursor_so_typing_and_Backspace_edit_in_the_middle()
    {
        var keys = new FakeKeySource()
            .Type("echo onlin > state").Press(Left, Left, Left, Left, Left, Left, Left, Left).Type("e")
            .Press(Right, Right, Backspace).Type(">").Press(Home, Delete).Type("E").Press(Enter);
        var editor = new LineEditor(keys, _terminal);

        Assert.Equal("Echo online > state", editor.ReadLine("# "));
    }

    [Fact]
    public void A_recalled_line_is_edited_and_submitted_as_a_new_entry_when_Enter_is_pressed()
    {
        var keys = new FakeKeySource()
            .Type("echo offline > memory8/state").Press(Enter)
            .Press(Up).Press([.. Enumerable.Repeat(Left, "line > memory8/state".Length)])
            .Press(Backspace, Backspace, Backspace).Type("on").Press(Enter);
        var editor = new LineEditor(keys, _terminal);

        editor.ReadLine("# ");
        Assert.Equal("echo online > memory8/state", editor.ReadLine("# "));
        Assert.Equal(["echo offline > memory8/state", "echo online > memory8/state"], editor.History);
    }

    [Fact]
    public void Ctrl_D_ends_input_when_the_line_is_empty_and_deletes_a_character_when_it_is_not()
    {
        var keys = new FakeKeySource().Type("lss").Press(Left, CtrlD, Enter).Press(CtrlD);
        var editor = new LineEditor(keys, _terminal);

        Assert.Equal("ls", editor.ReadLine("# "));
        Assert.Null(editor.ReadLine("# "));
    }

    [Fact]
    public void Blank_lines_and_repeats_of_the_newest_entry_stay_out_of_the_history()
    {
        var keys = new FakeKeySource().Type("ls").Press(Enter).Type("ls").Press(Enter).Type("  ").Press(Enter).Press(Up, Enter);
        var editor = new LineEditor(keys, _terminal);

        editor.ReadLine("# ");
        editor.ReadLine("# ");
        editor.ReadLine("# ");
        Assert.Equal("ls", editor.ReadLine("# "));
        Assert.Equal(["ls"], editor.History);
    }

    [Fact]
    public void The_terminal_shows_the_prompt_and_the_edited_line_redrawn_with_the_cursor_moved_back()
    {
        var keys = new FakeKeySource().Type("ab").Press(Left, Enter);
        new LineEditor(keys, _terminal).ReadLine("# ");

        // After Left: carriage return, prompt, text, erase to end of line, cursor one column back.
        Assert.EndsWith("\r# ab\u001b[K\u001b[1D\n", _terminal.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("# \r# a\u001b[K\r# ab\u001b[K", _terminal.ToString(), StringComparison.Ordinal);
    }
}
