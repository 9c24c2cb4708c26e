using Chitin.Cli.Gateway;

namespace Chitin.Cli.Tests.Gateway;

/// <summary>Where <c>chitin gateway</c> looks for chitin-gateway, on a real folder laid out as scripts/setup lays it out.</summary>
public sealed class GatewayExecutableTests : IDisposable
{
    private readonly string _install = Directory.CreateTempSubdirectory("chitin-gateway-find-").FullName;

    public void Dispose() => Directory.Delete(_install, recursive: true);

    [Fact]
    public void The_gateway_folder_below_the_cli_wins_over_a_copy_next_to_it()
    {
        Touch("chitin-gateway");
        Touch(Path.Combine("gateway", "chitin-gateway"));

        var start = GatewayExecutable.StartInfo(null, _install, out var error);

        Assert.NotNull(start);
        Assert.Equal("", error);
        Assert.Equal(Path.Combine(_install, "gateway", "chitin-gateway"), start.FileName);
    }

    [Fact]
    public void A_dll_in_the_gateway_folder_runs_through_dotnet()
    {
        Touch(Path.Combine("gateway", "chitin-gateway.dll"));

        var start = GatewayExecutable.StartInfo(null, _install, out _);

        Assert.NotNull(start);
        Assert.Equal([Path.Combine(_install, "gateway", "chitin-gateway.dll")], start.ArgumentList);
    }

    [Fact]
    public void A_gateway_next_to_the_cli_is_still_found()
    {
        Touch("chitin-gateway");

        var start = GatewayExecutable.StartInfo(null, _install, out _);

        Assert.Equal(Path.Combine(_install, "chitin-gateway"), start?.FileName);
    }

    [Fact]
    public void Nothing_installed_names_both_folders_and_what_to_do()
    {
        var start = GatewayExecutable.StartInfo(null, _install, out var error);

        Assert.Null(start);
        Assert.Contains(Path.Combine(_install, "gateway"), error, StringComparison.Ordinal);
        Assert.Contains("scripts/setup", error, StringComparison.Ordinal);
        Assert.Contains(GatewayExecutable.PathVariable, error, StringComparison.Ordinal);
    }

    private void Touch(string relative)
    {
        var path = Path.Combine(_install, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
    }
}
