namespace HotplugCluster.Hocon.Tests.Spec;

/// <summary>Conformance with HOCON.md, "Includes": syntax, merging, substitution fix-ups, missing and required files.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hocon-include-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Config Load(string name) =>
        ConfigFactory.ParseFile(Path.Combine(_dir, name)).Resolve(new ConfigResolveOptions { UseEnvironment = false });

    [Theory]
    [InlineData("include \"base.conf\"")]
    [InlineData("include file(\"base.conf\")")]
    [InlineData("include file( \"base.conf\" )")]
    [InlineData("include required(file(\"base.conf\"))")]
    [InlineData("include required(\"base.conf\")")]
    [InlineData("include\n  \"base.conf\"")]
    [InlineData("include \"base\"")]
    public void Include_forms_all_load_the_file_next_to_the_including_file(string statement)
    {
        Write("sub/base.conf", "x = 1\ny = two");
        Write("sub/main.conf", statement + "\nz = 3");
        var config = Load("sub/main.conf");
        Assert.Equal(1, config.GetInt("x"));
        Assert.Equal("two", config.GetString("y"));
        Assert.Equal(3, config.GetInt("z"));
    }

    [Fact]
    public void Include_of_a_file_url_behaves_like_a_file_name()
    {
        var base_ = Write("base.conf", "x = 1");
        Write("main.conf", $"include \"{new Uri(base_).AbsoluteUri}\"\ninclude url(\"{new Uri(base_).AbsoluteUri}\")");
        Assert.Equal(1, Load("main.conf").GetInt("x"));
    }

    [Fact]
    public void Include_merges_like_duplicate_keys_in_both_directions()
    {
        // "Include semantics: merging": included keys override earlier keys; later keys override included ones.
        Write("inc.conf", "a = from-include\nb = from-include\no { y = 2 }");
        Write("main.conf", "a = before\no { x = 1 }\ninclude \"inc.conf\"\nb = after");
        var config = Load("main.conf");
        Assert.Equal("from-include", config.GetString("a"));
        Assert.Equal("after", config.GetString("b"));
        Assert.Equal(1, config.GetInt("o.x"));
        Assert.Equal(2, config.GetInt("o.y"));
    }

    [Fact]
    public void Include_fixes_up_substitutions_relative_to_the_include_key()
    {
        // "Include semantics: substitution": the spec's foo.conf example.
        Write("foo.conf", "{ x : 10, y : ${x} }");
        Write("main.conf", "{\n a : { include \"foo.conf\" }\n a : { x : 42 }\n}");
        var config = Load("main.conf");
        Assert.Equal(42, config.GetInt("a.y"));
    }

    [Fact]
    public void Include_substitution_falls_back_to_the_root_path()
    {
        Write("foo.conf", "y = ${top}");
        Write("main.conf", "top = 7\na { include \"foo.conf\" }");
        Assert.Equal(7, Load("main.conf").GetInt("a.y"));
    }

    [Fact]
    public void Include_of_a_missing_file_is_ignored_unless_required()
    {
        Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope2.conf\")\na = 1");
        Assert.Equal(1, Load("main.conf").GetInt("a"));
        var required = Write("required.conf", "a = 1\ninclude required(file(\"nope.conf\"))");
        var error = Assert.Throws<HoconException>(() => ConfigFactory.ParseFile(required));
        Assert.StartsWith($"{required}:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("required include 'nope.conf' not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_of_an_array_file_is_an_error()
    {
        var array = Write("array.conf", "[1, 2]");
        Write("main.conf", "include \"array.conf\"");
        var error = Assert.Throws<HoconException>(() => Load("main.conf"));
        Assert.StartsWith($"{array}:1:1: expected an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_cycle_is_an_error()
    {
        Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "include \"a.conf\"");
        Assert.Contains("include cycle", Assert.Throws<HoconException>(() => Load("a.conf")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_without_extension_loads_json_then_conf()
    {
        // "Include semantics: file formats and extensions": HOCON parsed last, so it wins.
        Write("both.json", "{ \"a\": 1, \"b\": 1 }");
        Write("both.conf", "b = 2");
        Write("main.conf", "include \"both\"");
        var config = Load("main.conf");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Included_value_origin_names_the_included_file()
    {
        var inc = Write("inc.conf", "\n  a = 1");
        Write("main.conf", "include \"inc.conf\"");
        Assert.Equal($"{inc}:2:7", Load("main.conf").GetOrigin("a").ToString());
    }
}
