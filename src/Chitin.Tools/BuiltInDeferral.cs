namespace Chitin.Tools;

/// <summary>
/// Built-in tools most tasks never call, deferred by default: they cost no prompt tokens until tool_search loads
/// them (one line in the system prompt names them). Chosen by measurement: the everyday file, search and shell tools
/// stay loaded; docs/benchmarks.md has the figures.
/// </summary>
public static class BuiltInDeferral
{
    /// <summary>
    /// Background-job control, the web, the todo list, explicit memory saves and forgets (capture saves durable facts
    /// on its own) and skill search (the skills index lists the skills; skill_search only helps past its cap).
    /// </summary>
    public static IReadOnlySet<string> DeferredByDefault { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "shell_output", "shell_stop", "web_fetch", "web_search", "todo", "memory_save", "memory_forget", "skill_search",
    };

    /// <summary>What the system prompt line says about the deferred built-ins.</summary>
    public const string Summary = "background job output/stop, web fetch, web search, todo list, save or forget a memory, search skills";
}
