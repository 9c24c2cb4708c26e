namespace Chitin.Core.Tools;

/// <summary>A capability the model can call. Implementations must be thread-safe.</summary>
public interface ITool
{
    /// <summary>Name the model calls, snake_case, stable across versions.</summary>
    string Name { get; }

    /// <summary>Short, precise description written for a model.</summary>
    string Description { get; }

    /// <summary>JSON schema of the arguments object.</summary>
    JsonElement ParametersSchema { get; }

    ToolTraits Traits { get; }

    /// <summary>The argument permission rules, skill guards and workspace confinement look at; none by default.</summary>
    ToolSubject Subject => ToolSubject.None;

    /// <summary>Runs the tool. Expected failures come back as <see cref="ToolResult.Error"/>; exceptions are caught by the loop.</summary>
    ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
