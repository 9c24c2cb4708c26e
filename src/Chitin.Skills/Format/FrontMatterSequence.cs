namespace Chitin.Skills.Format;

internal sealed class FrontMatterSequence(int line) : FrontMatterNode(line)
{
    public List<FrontMatterNode> Items { get; } = [];

    public override string Kind => "a list";
}
