namespace Chitin.Skills.Format;

/// <summary>Front matter that is valid YAML but refused for safety (aliases, tags, size, depth).</summary>
internal sealed class RefusedYamlException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
