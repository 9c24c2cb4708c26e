namespace Chitin.Core.Configuration;

/// <summary>
/// A feature's config section, declared in the feature's project: the keys it understands, what each value must
/// be, and how the merged layers bind to it. The host's config loader checks every value a file sets through
/// <see cref="Check"/>, so a bad value fails at start naming the file, the line and the key.
/// </summary>
public interface IFeatureOptions<TSelf>
    where TSelf : IFeatureOptions<TSelf>
{
    /// <summary>The top-level key, e.g. "memory".</summary>
    static abstract string Section { get; }

    static abstract IReadOnlyList<string> Keys { get; }

    static abstract TSelf Default { get; }

    /// <summary>What the value of <paramref name="key"/> (one of <see cref="Keys"/>) must be, or null when it is fine.</summary>
    static abstract string? Check(string key, OptionValue value);

    /// <summary>The settings from the merged layers; <paramref name="read"/> answers a key of the section, null when no layer sets it.</summary>
    static abstract TSelf Bind(OptionReader read);
}
