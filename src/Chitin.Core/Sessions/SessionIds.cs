namespace Chitin.Core.Sessions;

/// <summary>Short, sortable, URL-safe session ids: yyyyMMdd-HHmmss-xxxxxx.</summary>
public static class SessionIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(random)}");
    }
}
