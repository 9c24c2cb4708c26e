namespace Chitin.Core.Agents.Guards;

/// <summary>Identities of tool calls that ignore how the model formatted its arguments (key order, whitespace).</summary>
internal static class CallKey
{
    /// <summary>Tool name and canonical arguments: object keys sorted, no whitespace.</summary>
    public static string Of(string name, string argumentsJson) => name + "\n" + Canonical(argumentsJson);

    /// <summary>A short hash of a result's text, so the guard keeps no copies of large outputs.</summary>
    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);

    public static string Canonical(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Encoding.UTF8.GetString(CanonicalJson.Bytes(doc.RootElement).Span);
        }
        catch (JsonException)
        {
            return json.Trim();
        }
    }
}
