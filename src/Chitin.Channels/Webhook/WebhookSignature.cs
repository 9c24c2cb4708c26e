namespace Chitin.Channels.Webhook;

/// <summary>
/// HMAC-SHA256 over "&lt;unix seconds&gt;.&lt;body&gt;", sent as <c>X-Chitin-Signature: sha256=&lt;hex&gt;</c> with
/// <c>X-Chitin-Timestamp</c>. The timestamp inside the signed text makes a captured request useless once stale.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Chitin-Signature";
    public const string TimestampHeader = "X-Chitin-Timestamp";

    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Null when the signature is valid and fresh, else why it is not.</summary>
    public static string? Check(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (signatureHeader is null || timestampHeader is null)
        {
            return $"missing {SignatureHeader} or {TimestampHeader} header";
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return $"{TimestampHeader} must be a Unix time in seconds";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var presented = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return "signature does not match";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return age.Duration() > maxSkew ? "stale timestamp" : null;
    }
}
