namespace Chitin.Hosting.Configuration;

/// <summary>The provider families the config understands, spelled as in config files.</summary>
public static class ProviderKinds
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    public static bool TryParse(string? value, out string kind)
    {
        kind = value?.Trim().ToLowerInvariant() switch
        {
            OpenAI => OpenAI,
            Anthropic => Anthropic,
            _ => "",
        };
        return kind.Length > 0;
    }

    public static string DefaultBaseUrl(string kind) => kind == Anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1";

    public static string KeyVariable(string kind) => kind == Anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";

    public static string BaseUrlVariable(string kind) => kind == Anthropic ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL";
}
