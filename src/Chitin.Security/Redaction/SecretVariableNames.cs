namespace Chitin.Security.Redaction;

/// <summary>Environment variable names that by convention hold credentials: *_KEY, *APIKEY, *_TOKEN, *_SECRET, *PASSWORD*, *PASSWD*.</summary>
public static class SecretVariableNames
{
    public static bool LooksSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = name.ToUpperInvariant();
        return upper.EndsWith("_KEY", StringComparison.Ordinal)
            || upper.EndsWith("_TOKEN", StringComparison.Ordinal)
            || upper.EndsWith("_SECRET", StringComparison.Ordinal)
            || upper.EndsWith("APIKEY", StringComparison.Ordinal)
            || upper.Contains("PASSWORD", StringComparison.Ordinal)
            || upper.Contains("PASSWD", StringComparison.Ordinal);
    }
}
