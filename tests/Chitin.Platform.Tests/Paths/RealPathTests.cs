using Chitin.Platform.Paths;

namespace Chitin.Platform.Tests.Paths;

public sealed class RealPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-realpath-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_link_loop_has_no_real_path_whichever_way_it_is_reached()
    {
        var a = Path.Join(_root, "a");
        var b = Path.Join(_root, "b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        Assert.Null(RealPath.Resolve(a));
        Assert.Null(RealPath.Resolve(Path.Join(a, "file.txt")));
        Assert.Null(RealPath.Resolve(Path.Join(a, "missing", "deeper.txt")));
    }

    [Fact]
    public void A_self_link_is_a_loop()
    {
        var self = Path.Join(_root, "self");
        File.CreateSymbolicLink(self, self);

        Assert.Null(RealPath.Resolve(self));
    }

    [Fact]
    public void Links_along_the_path_are_resolved_and_missing_components_kept()
    {
        var secrets = Directory.CreateDirectory(Path.Join(_root, "secrets")).FullName;
        var workspace = Directory.CreateDirectory(Path.Join(_root, "workspace")).FullName;
        var link = Path.Join(workspace, "peek");
        Directory.CreateSymbolicLink(link, secrets);

        Assert.Equal(Path.Join(secrets, "key"), RealPath.Resolve(Path.Join(link, "key")));
        Assert.Equal(Path.Join(secrets, "new", "file.txt"), RealPath.Resolve(Path.Join(link, "new", "file.txt")));
        Assert.Equal(secrets, RealPath.Resolve(Path.Join(workspace, "..", "workspace", "peek")));
    }

    [Fact]
    public void A_relative_link_resolves_against_its_folder()
    {
        var target = Directory.CreateDirectory(Path.Join(_root, "target")).FullName;
        var sub = Directory.CreateDirectory(Path.Join(_root, "sub")).FullName;
        File.CreateSymbolicLink(Path.Join(sub, "up"), "../target");

        Assert.Equal(target, RealPath.Resolve(Path.Join(sub, "up")));
    }

    [Fact]
    public void A_dangling_link_resolves_to_where_it_points()
    {
        var link = Path.Join(_root, "dangling");
        File.CreateSymbolicLink(link, Path.Join(_root, "not-yet"));

        Assert.Equal(Path.Join(_root, "not-yet"), RealPath.Resolve(link));
    }
}
