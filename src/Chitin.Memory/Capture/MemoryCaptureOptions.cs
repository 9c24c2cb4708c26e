namespace Chitin.Memory.Capture;

/// <summary>How automatic capture extracts durable facts from a session: one bounded model call per capture.</summary>
public sealed record MemoryCaptureOptions
{
    /// <summary>When false, <see cref="MemoryCapture.CaptureAsync"/> makes no model call and writes nothing.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Model id of the extraction call (usually the session's model).</summary>
    public required string Model { get; init; }

    /// <summary>Provider name written to the usage row, as the loop writes it.</summary>
    public string ProviderName { get; init; } = "";

    public PriceTable Prices { get; init; } = PriceTable.Defaults;

    /// <summary>Upper bound on the transcript tokens sent in one capture; older messages go first, the rest waits for the next capture.</summary>
    public int MaxInputTokens { get; init; } = 6_000;

    /// <summary>Upper bound on the extraction answer.</summary>
    public int MaxOutputTokens { get; init; } = 1_500;

    /// <summary>At most this many facts are stored per capture.</summary>
    public int MaxFacts { get; init; } = 10;

    /// <summary>Counts the transcript against <see cref="MaxInputTokens"/>; null uses the o200k tokenizer.</summary>
    public ITokenCounter? Counter { get; init; }

    /// <summary>Applied to every fact text, subject and tag before it is stored.</summary>
    public ISecretRedactor Redactor { get; init; } = NoRedaction.Instance;

    /// <summary>Remembers per session how far capture got; null keeps the marks in memory for this process only.</summary>
    public ICaptureMarks? Marks { get; init; }

    /// <summary>
    /// At the end of a run, capture only when at least this many tokens of conversation are new since the last
    /// capture (they wait for a later run otherwise), so short runs do not each pay an extra model call. Estimated
    /// from UTF-8 bytes (<see cref="Chitin.Core.Context.TokenBounds.Estimate"/>), so the check never loads the tokenizer.
    /// Before compaction everything new is captured.
    /// </summary>
    public int MinNewTokensAtStop { get; init; }

    internal MemoryCaptureOptions Validated()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Model);
        ArgumentNullException.ThrowIfNull(Prices);
        ArgumentNullException.ThrowIfNull(Redactor);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInputTokens, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputTokens, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFacts, 1);
        return this;
    }
}
