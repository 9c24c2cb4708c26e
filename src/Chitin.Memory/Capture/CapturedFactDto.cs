namespace Chitin.Memory.Capture;

/// <summary>One fact as the model writes it, before validation.</summary>
internal sealed record CapturedFactDto
{
    public string? Text { get; init; }

    public string? Layer { get; init; }

    public string? Scope { get; init; }

    public string? Subject { get; init; }

    public List<string?>? Tags { get; init; }

    /// <summary>Number of the message the fact comes from, as shown in the transcript ("#12").</summary>
    public long? Message { get; init; }
}
