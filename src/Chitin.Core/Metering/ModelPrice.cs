namespace Chitin.Core.Metering;

/// <summary>US dollars per million tokens.</summary>
public sealed record ModelPrice(decimal Input, decimal CachedInput, decimal CacheWrite, decimal Output);
