using Chitin.Platform.Paths;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

/// <summary>Both resolvers against real links: whatever is missing, a link on the way is followed.</summary>
public sealed class RealPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _real;
    private readonly string _target;

    public RealPathTests()
    {
        _real = _temp.CreateDirectory("real");
        _target = _temp.CreateDirectory("secret");
        File.WriteAllText(Path.Combine(_real, "there.txt"), "x");
        Directory.CreateSymbolicLink(_temp.Combine("alias"), _real);
        File.CreateSymbolicLink(Path.Combine(_real, "dangling"), Path.Combine(_target, "not-yet"));
        Directory.CreateSymbolicLink(Path.Combine(_real, "to-secret"), _target);
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> Cases => new()
    {
        { "alias/there.txt", "real/there.txt" },
        { "alias/new.txt", "real/new.txt" },
        { "alias/new/deeper/file.txt", "real/new/deeper/file.txt" },
        { "alias/dangling", "secret/not-yet" },
        { "alias/to-secret/new/file", "secret/new/file" },
        { "alias/to-secret", "secret" },
        { "real", "real" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Both_resolvers_agree_and_follow_every_link(string path, string expected)
    {
        var absolute = _temp.Combine(path);
        var real = Path.Combine(RealPath.Resolve(_temp.Path)!, expected);

        Assert.Equal(real, RealPath.Resolve(absolute));
        Assert.Equal(real, RealPath.ResolveForWrite(absolute));
    }
}
