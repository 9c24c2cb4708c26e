namespace Chitin.Hosting.Configuration;

/// <summary>Answers "which layer set this key?" over a built configuration, highest precedence first.</summary>
internal sealed class LayerSources(IConfigurationRoot root, IReadOnlyList<(string Name, ConfigScope? Scope)> layers, IReadOnlyDictionary<string, string> variables)
{
    private IEnumerable<(IConfigurationProvider Provider, string Name, ConfigScope? Scope)> TopDown() =>
        root.Providers.Select((p, i) => (p, layers[i].Name, layers[i].Scope)).Reverse();

    public string? Of(string key)
    {
        foreach (var (provider, name, _) in TopDown())
        {
            if (provider.TryGet(key, out _))
            {
                return name == "environment" && variables.TryGetValue(key, out var variable) ? variable : name;
            }
        }

        return null;
    }

    /// <summary>Arrays replace each other whole: the highest layer that lists fallback models wins.</summary>
    public IReadOnlyList<string> FallbackModels()
    {
        foreach (var (provider, _, _) in TopDown())
        {
            var indexes = provider.GetChildKeys([], "fallbackModels").Distinct(StringComparer.Ordinal).ToList();
            if (indexes.Count == 0)
            {
                continue;
            }

            return indexes
                .Select(i => (Index: int.TryParse(i, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue, Key: i))
                .OrderBy(i => i.Index)
                .Select(i => provider.TryGet("fallbackModels:" + i.Key, out var v) ? v?.Trim() : null)
                .OfType<string>()
                .Where(v => v.Length > 0)
                .ToList();
        }

        return [];
    }

    /// <summary>The API key from the highest layer that may hold one; project files may not. Empty means "unset here".</summary>
    public (string? Key, string Source) ApiKey()
    {
        foreach (var (provider, name, scope) in TopDown())
        {
            if (scope == ConfigScope.Project || !provider.TryGet("provider:apiKey", out var key))
            {
                continue;
            }

            var source = name == "environment" && variables.TryGetValue("provider:apiKey", out var variable) ? variable : name.Split(' ')[0] + " config";
            return string.IsNullOrEmpty(key) ? (null, source) : (key, source);
        }

        return (null, "");
    }
}
