using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Security.Tests.Support;

/// <summary>
/// A tool as the permission engine sees it: a name and traits. The engine never invokes tools, so invoking this
/// one is an error.
/// </summary>
public sealed class DescribedTool(string name, ToolTraits traits, ToolSubject? subject = null) : ITool
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    public static DescribedTool RunShell { get; } = new("run_shell", ToolTraits.Destructive, ToolSubject.Command());

    public static DescribedTool ReadFile { get; } = new("read_file", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath());

    public static DescribedTool ListDir { get; } = new("list_dir", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath(whenAbsent: "."));

    public static DescribedTool Grep { get; } = new("grep", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath(whenAbsent: ".", readsContentsBelow: true));

    public static DescribedTool WriteFile { get; } = new("write_file", ToolTraits.Destructive, ToolSubject.EditPath());

    public static DescribedTool EditFile { get; } = new("edit_file", ToolTraits.Destructive, ToolSubject.EditPath());

    public static DescribedTool WebFetch { get; } = new("web_fetch", ToolTraits.ReadOnly | ToolTraits.Network, ToolSubject.Url());

    /// <summary>The tools above, as the run hands them to the approver.</summary>
    public static ToolRegistry Registry { get; } = new([RunShell, ReadFile, ListDir, Grep, WriteFile, EditFile, WebFetch]);

    public string Name { get; } = name;

    public string Description => $"{Name} (test description)";

    public JsonElement ParametersSchema => EmptySchema;

    public ToolTraits Traits { get; } = traits;

    public ToolSubject Subject { get; } = subject ?? ToolSubject.None;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The permission engine must never invoke a tool.");
}
