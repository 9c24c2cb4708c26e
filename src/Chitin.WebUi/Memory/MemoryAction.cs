namespace Chitin.WebUi.Memory;

/// <summary>
/// A button of the Memory page's action form: its value is "verb|id" (pin, unpin, forget; keep-incoming,
/// keep-existing, keep-both for a conflict id). Parsed here so the page never trusts a malformed value.
/// </summary>
public sealed record MemoryAction(string Verb, string Target)
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "pin", "unpin", "forget", "keep-incoming", "keep-existing", "keep-both",
    };

    public static string Value(string verb, string target) => verb + "|" + target;

    public static MemoryAction? Parse(string? value)
    {
        var bar = value?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (value is null || bar <= 0 || bar == value.Length - 1)
        {
            return null;
        }

        var verb = value[..bar];
        return Verbs.Contains(verb) ? new MemoryAction(verb, value[(bar + 1)..]) : null;
    }
}
