namespace Chitin.Skills.Distill;

/// <summary>Settings of <see cref="SkillDistiller"/>.</summary>
public sealed record SkillDistillOptions
{
    /// <summary>Model id for the one distillation call.</summary>
    public required string Model { get; init; }

    /// <summary>Provider name written to the usage row.</summary>
    public string ProviderName { get; init; } = "";

    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    /// <summary>Budget of the transcript digest sent to the model; long sessions are shortened to fit.</summary>
    public int MaxInputTokens { get; init; } = 8_000;

    /// <summary>Cap on the model's answer.</summary>
    public int MaxOutputTokens { get; init; } = 2_500;

    /// <summary>Propose a draft automatically after successful runs (<see cref="SkillDistiller.ProposeAsync"/>). Off unless the user opts in.</summary>
    public bool AutoPropose { get; init; }

    /// <summary>Automatic proposals skip runs with fewer tool calls than this: a chat answer holds no reusable procedure.</summary>
    public int MinToolCallsToPropose { get; init; } = 3;

    /// <summary>A draft this similar (0..1) to an installed skill becomes that skill's next version instead of a new skill.</summary>
    public double DuplicateThreshold { get; init; } = 0.45;

    public ITokenCounter TokenCounter { get; init; } = TiktokenCounter.Instance;
}
