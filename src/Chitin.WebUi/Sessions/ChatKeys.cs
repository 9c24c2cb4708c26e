namespace Chitin.WebUi.Sessions;

/// <summary>The web UI's conversation keys: <c>web:{name}</c>, a name of letters, digits, '-' and '_' (session ids qualify).</summary>
public static class ChatKeys
{
    public const string Prefix = "web:";

    private const int MaxNameLength = 64;

    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && !name.AsSpan().ContainsAnyExcept(NameChars);

    public static string NewName() => Guid.CreateVersion7().ToString("N")[^12..];

    public static string KeyOf(string name) => Prefix + name;
}
