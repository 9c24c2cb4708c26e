namespace Chitin.Memory.Evaluation;

/// <summary>
/// A kind of fact (someone's editor, a project's test command): how it is stated, how it is asked for in other
/// words, and how its value slots are filled. Distractor topics have no paraphrases and are never asked for.
/// </summary>
internal sealed record FactTopic(
    string Name,
    TopicOwner Owner,
    MemoryLayer Layer,
    IReadOnlyList<FactShape> Shapes,
    IReadOnlyList<string> Paraphrases,
    Action<TopicSlots> Fill)
{
    public bool IsQueried => Paraphrases.Count > 0;
}
