namespace Chitin.Core.Context;

/// <summary>
/// Builds the system prompt from the base prompt and the layer sources, most stable first, joined by blank lines.
/// The result is frozen per session, so every call of the session shares one cached prefix.
/// </summary>
public sealed class PromptAssembler
{
    private readonly string _basePrompt;
    private readonly IReadOnlyList<IPromptLayerSource> _sources;

    public PromptAssembler(string basePrompt, IEnumerable<IPromptLayerSource>? sources = null)
    {
        _basePrompt = basePrompt ?? throw new ArgumentNullException(nameof(basePrompt));
        _sources = (sources ?? []).OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<PromptLayer>> BuildLayersAsync(PromptLayerContext context, CancellationToken cancellationToken)
    {
        var layers = new List<PromptLayer> { new("system prompt", 0, _basePrompt.Trim()) };
        foreach (var source in _sources)
        {
            var text = await source.GetTextAsync(context, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                layers.Add(new PromptLayer(source.Name, source.Order, text.Trim()));
            }
        }

        return layers;
    }

    public async Task<string> BuildAsync(PromptLayerContext context, CancellationToken cancellationToken) =>
        Join(await BuildLayersAsync(context, cancellationToken).ConfigureAwait(false));

    public static string Join(IEnumerable<PromptLayer> layers) => string.Join("\n\n", layers.Select(l => l.Text));
}
