namespace Chitin.Agents.Tools;

/// <summary>agents_spawn: starts a child agent from a brief and returns at once with its id and folder.</summary>
public sealed class AgentsSpawnTool(AgentRuntime runtime)
    : ToolBase(
        "agents_spawn",
        "Start a child agent on a sub-task; returns at once with its id and its folder. Call agents_wait to get its completion envelope (status, short result, paths). "
        + "Keep your plan (stages and their done criteria) in .chitin/runs/<task id>/plan.md: when a wait leaves no child running, your context is rebuilt from it, the ledger and the last stage's envelopes.",
        Schema,
        ToolTraits.ConcurrencySafe)
{
    private const string Schema =
        """
        {"type":"object","properties":{
        "task":{"type":"string","description":"What the child must do, self-contained: it does not see your conversation"},
        "role":{"type":"string","description":"A role from .chitin/agents/<role>.md (tools, model, budget, instructions)"},
        "files":{"type":"array","items":{"type":"string"},"description":"Workspace files the child should use; it may also write them"},
        "context":{"type":"string","enum":["isolated","fork"],"description":"isolated (default): the brief only; fork: a copy of your conversation first"},
        "model":{"type":"string","description":"Model for the child (default: the role's, else yours)"},
        "budget_usd":{"type":"number","description":"Budget slice reserved from yours; unused money flows back"},
        "timeout_s":{"type":"integer","description":"Seconds before the child is stopped with status timeout"}},
        "required":["task"]}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(this, invocation);
        var task = arguments.Text("task", required: true);
        var role = arguments.Text("role", required: false);
        var files = arguments.Strings("files") ?? [];
        var context = arguments.Choice("context", required: false, "isolated", "fork");
        var model = arguments.Text("model", required: false);
        var timeout = arguments.Integer("timeout_s", 1, 86_400);
        var budget = Usd(invocation.Arguments, arguments);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var request = new SpawnRequest(task!) { Role = role, Files = files, Fork = context == "fork", Model = model, BudgetUsd = budget, TimeoutSeconds = timeout };
        var (spawned, error) = await runtime.SpawnAsync(invocation.Context, request, cancellationToken).ConfigureAwait(false);
        if (spawned is null)
        {
            return ToolResult.Error(error!);
        }

        var slice = spawned.BudgetUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $", budget ${usd:0.####}") : "";
        return ToolResult.Ok($"spawned {spawned.Agent} (folder {spawned.Folder}{slice}); it runs now. Call agents_wait to get its envelope.");
    }

    private static decimal? Usd(JsonElement arguments, ToolArguments reader)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty("budget_usd", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) => d,
            _ => (decimal?)null,
        };
        if (parsed is not > 0m)
        {
            reader.Problem($"'budget_usd' must be a positive amount of US dollars, e.g. 0.25, got {ToolArguments.Describe(value)}");
            return null;
        }

        return parsed;
    }
}
