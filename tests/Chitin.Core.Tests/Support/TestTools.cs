using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Core.Tests.Support;

/// <summary>Small tools whose behaviour the loop tests control.</summary>
public sealed class LambdaTool(string name, ToolTraits traits, Func<ToolInvocation, CancellationToken, ValueTask<ToolResult>> body) : ITool
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"value":{"type":"string"}}}""").RootElement.Clone();

    public string Name => name;

    public string Description => "test tool " + name;

    public JsonElement ParametersSchema => Schema;

    public ToolTraits Traits => traits;

    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return body(invocation, cancellationToken);
    }

    public static LambdaTool Echo(string name = "echo", ToolTraits traits = ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe) =>
        new(name, traits, (inv, _) => ValueTask.FromResult(ToolResult.Ok("echo:" + (inv.Arguments.TryGetProperty("value", out var v) ? v.GetString() : ""))));
}
