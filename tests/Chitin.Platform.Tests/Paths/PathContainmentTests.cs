using Chitin.Platform.Paths;

namespace Chitin.Platform.Tests.Paths;

public sealed class PathContainmentTests
{
    [Theory]
    [InlineData("/work/project", "/work/project", true)]
    [InlineData("/work/project/src/a.cs", "/work/project", true)]
    [InlineData("/work/project/", "/work/project", true)]
    [InlineData("/work/project/src", "/work/project/", true)]
    [InlineData("/work/project-other/a.cs", "/work/project", false)]
    [InlineData("/work/projec", "/work/project", false)]
    [InlineData("/work", "/work/project", false)]
    [InlineData("/etc/passwd", "/", true)]
    [InlineData("/work/Project/a.cs", "/work/project", false)]
    public void A_path_is_inside_only_its_folder_and_below(string path, string directory, bool inside)
    {
        Assert.Equal(inside, PathContainment.IsInside(path, directory));
    }

    [Fact]
    public void An_empty_folder_contains_nothing()
    {
        Assert.False(PathContainment.IsInside("/work", ""));
    }
}
