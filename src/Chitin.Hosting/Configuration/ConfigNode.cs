namespace Chitin.Hosting.Configuration;

/// <summary>
/// One value of a config file with where it stands. <see cref="Segments"/> are property names as spelled in the
/// file; array elements are "[0]", "[1]".
/// </summary>
public sealed record ConfigNode(IReadOnlyList<string> Segments, JsonValueKind Kind, string? Value, int Line)
{
    /// <summary>"limits.maxSteps", "fallbackModels[1]".</summary>
    public string DisplayPath => string.Concat(Segments.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));

    /// <summary>How the value reads in a message: strings quoted, containers named.</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(Value ?? "", ConfigJsonContext.Default.String),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => Value ?? "",
    };

    public bool Is(params string[] path) =>
        path.Length == Segments.Count
        && path.Select((p, i) => p == "*" || string.Equals(p, Segments[i], StringComparison.OrdinalIgnoreCase)).All(m => m);
}
