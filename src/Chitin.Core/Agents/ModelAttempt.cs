namespace Chitin.Core.Agents;

/// <summary>One try of a model call: its updates so far and when it started.</summary>
internal sealed class ModelAttempt(long start)
{
    public long Start { get; } = start;

    public List<ChatResponseUpdate> Updates { get; } = [];

    public double? FirstTokenMs { get; set; }
}
