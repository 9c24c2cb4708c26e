namespace Chitin.Skills.Format;

/// <summary>A YAML map with string keys, in the order written (duplicates are kept so they can be reported).</summary>
internal sealed class FrontMatterMapping(int line) : FrontMatterNode(line)
{
    public List<KeyValuePair<FrontMatterScalar, FrontMatterNode>> Entries { get; } = [];

    public override string Kind => "a map";
}
