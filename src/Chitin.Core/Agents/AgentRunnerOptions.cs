namespace Chitin.Core.Agents;

public sealed record AgentRunnerOptions
{
    public string SystemPrompt { get; init; } = DefaultSystemPrompt.Text;

    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    /// <summary>Provider name written to usage rows (e.g. "openai", "anthropic", "openrouter").</summary>
    public string ProviderName { get; init; } = "";

    /// <summary>Folder under which each session gets its artifact folder.</summary>
    public string ArtifactsRoot { get; init; } = Path.Combine(Path.GetTempPath(), "chitin-artifacts");

    /// <summary>Safety cap on one tool result's text in the context; the tools cap their own output first.</summary>
    public int MaxToolResultChars { get; init; } = 60_000;

    /// <summary>Window, compaction and offloading settings.</summary>
    public ContextOptions Context { get; init; } = new();

    public ITokenCounter TokenCounter { get; init; } = TiktokenCounter.Instance;

    /// <summary>Stable layers after the base prompt (skills index, memory digest), frozen per session.</summary>
    public IReadOnlyList<IPromptLayerSource> PromptLayers { get; init; } = [];

    /// <summary>External hook commands consulted around prompts and tool calls.</summary>
    public IAgentHooks Hooks { get; init; } = NoHooks.Instance;

    /// <summary>Run when a run stops, after the stop hook commands, with the in-memory transcript and the typed status.</summary>
    public IReadOnlyList<IStopHook> StopHooks { get; init; } = [];

    /// <summary>Applied to every tool result before the model or the transcript sees it.</summary>
    public ISecretRedactor Redactor { get; init; } = NoRedaction.Instance;

    /// <summary>Records the workspace around each turn that may write, so the turn can be rewound.</summary>
    public ITurnCheckpoints Checkpoints { get; init; } = NoCheckpoints.Instance;
}
