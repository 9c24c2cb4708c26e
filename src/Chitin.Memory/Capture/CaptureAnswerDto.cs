namespace Chitin.Memory.Capture;

/// <summary>The extraction answer as the model writes it, before validation.</summary>
internal sealed record CaptureAnswerDto
{
    public List<CapturedFactDto?>? Facts { get; init; }
}
