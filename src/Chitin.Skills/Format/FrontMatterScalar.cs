namespace Chitin.Skills.Format;

/// <summary>A YAML scalar. Plain <c>~</c>, <c>null</c> and empty values count as null, as YAML's core schema says.</summary>
internal sealed class FrontMatterScalar(string value, bool isPlain, int line) : FrontMatterNode(line)
{
    public string Value { get; } = value;

    public bool IsNull => isPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => "a string";
}
