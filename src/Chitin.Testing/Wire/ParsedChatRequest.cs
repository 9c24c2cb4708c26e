namespace Chitin.Testing.Wire;

/// <summary>A chat request after parsing: what the script sees plus what the server needs to answer and meter it.</summary>
internal sealed class ParsedChatRequest
{
    public required ScriptRequest Request { get; init; }

    /// <summary>The deterministic prompt text, in segments, that the simulated prefix cache tokenizes.</summary>
    public required IReadOnlyList<string> PromptSegments { get; init; }

    /// <summary>How many of <see cref="PromptSegments"/> end at or before the last cache_control breakpoint; -1 when none.</summary>
    public required int CacheBreakpointSegments { get; init; }

    /// <summary>OpenAI <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; init; }
}
