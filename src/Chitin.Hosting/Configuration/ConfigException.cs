namespace Chitin.Hosting.Configuration;

/// <summary>The configuration cannot be used; every message names the source, line and key to fix.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
        : this([])
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Issues = [];
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [];
    }

    public ConfigException(IReadOnlyList<ConfigIssue> issues)
        : base(string.Join(Environment.NewLine, (issues ?? []).Select(i => i.Format("error"))))
    {
        Issues = issues ?? [];
    }

    public IReadOnlyList<ConfigIssue> Issues { get; }
}
