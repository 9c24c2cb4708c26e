namespace Chitin.Cli.Rendering;

/// <summary>The lowercase names of memory layers and scopes used on the command line and in JSON.</summary>
public static class MemoryNames
{
    public static string Of(MemoryLayer layer) => layer.ToString().ToLowerInvariant();

    public static string Of(MemoryScope scope) => scope.ToString().ToLowerInvariant();

    public static bool TryParseLayer(string? text, out MemoryLayer layer) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out layer) && Enum.IsDefined(layer) && !int.TryParse(text, out _);

    public static bool TryParseScope(string? text, out MemoryScope scope) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out scope) && Enum.IsDefined(scope) && !int.TryParse(text, out _);
}
