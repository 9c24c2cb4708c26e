namespace Chitin.Core.Configuration;

/// <summary>
/// One value of a feature's config section as a file spelled it, for the feature's own check. JSON numbers and
/// numeric strings both count as numbers: configuration values are strings underneath.
/// </summary>
public readonly record struct OptionValue(JsonValueKind Kind, string? Text)
{
    public bool TryBoolean(out bool value)
    {
        value = Kind == JsonValueKind.True;
        return Kind is JsonValueKind.True or JsonValueKind.False
            || (Kind == JsonValueKind.String && bool.TryParse(Text, out value));
    }

    public bool TryInteger(out long value)
    {
        value = 0;
        return Kind is JsonValueKind.Number or JsonValueKind.String
            && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool IsNonEmptyString => Kind == JsonValueKind.String && !string.IsNullOrWhiteSpace(Text);

    public bool IsHttpUrl =>
        Kind == JsonValueKind.String
        && Uri.TryCreate(Text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>A name such as OPENAI_API_KEY.</summary>
    public bool IsEnvironmentVariableName =>
        Kind == JsonValueKind.String
        && Text is { Length: > 0 } name
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
