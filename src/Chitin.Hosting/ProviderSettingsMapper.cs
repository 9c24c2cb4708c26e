namespace Chitin.Hosting;

/// <summary>Turns the CLI's effective configuration into the Providers project's settings for one model.</summary>
public static class ProviderSettingsMapper
{
    public static ProviderSettings ToProviderSettings(this ChitinConfig config, string model)
    {
        ArgumentNullException.ThrowIfNull(config);
        var provider = config.Provider;
        var defaults = new ProviderSettings { BaseUrl = provider.BaseUrl, Model = model };
        return defaults with
        {
            Kind = provider.Kind == ProviderKinds.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
            ApiKey = provider.ApiKey,
            ApiKeySource = provider.ApiKey is null ? null : provider.ApiKeySource,
            FallbackModels = config.FallbackModels.Where(m => !string.Equals(m, model, StringComparison.Ordinal)).ToList(),
            MaxRetries = provider.MaxRetries ?? defaults.MaxRetries,
            RequestTimeout = config.Limits.ModelCallTimeout < defaults.RequestTimeout ? config.Limits.ModelCallTimeout : defaults.RequestTimeout,
            ModelSource = config.ModelSource is { Length: > 0 } source ? $"--model, CHITIN_MODEL or \"model\" in config (now from {source})" : defaults.ModelSource,
        };
    }
}
