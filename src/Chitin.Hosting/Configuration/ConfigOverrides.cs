namespace Chitin.Hosting.Configuration;

/// <summary>Values given as command-line flags: the highest-precedence configuration layer.</summary>
public sealed record ConfigOverrides
{
    public string? Model { get; init; }

    public int? MaxSteps { get; init; }

    public static ConfigOverrides None { get; } = new();
}
