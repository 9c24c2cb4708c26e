using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

/// <summary>The fixture the permission-engine tests share: a temporary home and workspace, layers and an engine over them.</summary>
public abstract class PermissionEngineTestsBase : IDisposable
{
    protected const string ManagedFile = "/etc/chitin/managed.json";

    protected PermissionEngineTestsBase()
    {
        HomeDirectory = Temp.CreateDirectory("home", "u");
        WorkspaceDirectory = Temp.CreateDirectory("work", "proj");
        Directory.CreateDirectory(Path.Combine(HomeDirectory, ".ssh"));
        File.WriteAllText(Path.Combine(HomeDirectory, ".ssh", "id_rsa"), "key");
        Directory.CreateDirectory(Path.Combine(WorkspaceDirectory, "src"));
    }

    /// <summary>The temporary folder holding everything a test makes.</summary>
    protected TempDirectory Temp { get; } = new();

    /// <summary>A home folder holding <c>.ssh/id_rsa</c>.</summary>
    protected string HomeDirectory { get; }

    /// <summary>The working directory, holding <c>src/</c>.</summary>
    protected string WorkspaceDirectory { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }

    protected static PermissionLayer Layer(PermissionSource source, string[]? allow = null, string[]? ask = null, string[]? deny = null, PermissionMode? mode = null, string? origin = null) =>
        new(source, origin ?? (source == PermissionSource.Managed ? ManagedFile : $"/{source}.json"), new PermissionSettings
        {
            Allow = allow ?? [],
            Ask = ask ?? [],
            Deny = deny ?? [],
            Mode = mode,
        });

    protected PermissionEngine Engine(PermissionEngineOptions? options, params PermissionLayer[] layers) =>
        new(layers, (options ?? new PermissionEngineOptions()) with { HomeDirectory = HomeDirectory, WorkingDirectory = WorkspaceDirectory });

    protected PermissionEngine Engine(params PermissionLayer[] layers) => Engine(null, layers);

    protected static async Task<ToolApproval> Approve(PermissionEngine engine, ToolApprovalRequest request) =>
        await engine.ApproveAsync(request, CancellationToken.None);

    protected static Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>> NeverAsked =>
        (prompt, _) => throw new InvalidOperationException($"Nobody should be asked about {prompt.Summary}.");
}
