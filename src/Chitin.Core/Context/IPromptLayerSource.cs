namespace Chitin.Core.Context;

/// <summary>
/// Contributes one stable layer of the system prompt (skills index, memory digest, project instructions).
/// The text must be deterministic for the same inputs: no dates, counters, random ids or temp paths.
/// </summary>
public interface IPromptLayerSource
{
    /// <summary>Short name shown in context reports.</summary>
    string Name { get; }

    /// <summary>Position: lower first. The base prompt is 0; skills 20; memory 30.</summary>
    int Order { get; }

    /// <summary>The layer's text, or null to leave it out.</summary>
    ValueTask<string?> GetTextAsync(PromptLayerContext context, CancellationToken cancellationToken);
}
