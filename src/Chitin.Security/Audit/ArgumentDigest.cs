namespace Chitin.Security.Audit;

/// <summary>SHA-256 of a JSON value in canonical form: object keys sorted by ordinal, no whitespace, strings re-escaped uniformly.</summary>
public static class ArgumentDigest
{
    public static string Sha256(JsonElement arguments)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(CanonicalJson.Bytes(arguments).Span, hash);
        return Convert.ToHexStringLower(hash);
    }
}
