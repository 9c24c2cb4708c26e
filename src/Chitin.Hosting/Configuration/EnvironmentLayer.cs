namespace Chitin.Hosting.Configuration;

/// <summary>
/// The environment as a configuration layer. OPENAI_BASE_URL / OPENAI_API_KEY select an OpenAI-compatible
/// endpoint, ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY an Anthropic one; when both families are set the config
/// files' provider.kind decides (OpenAI if they do not say). CHITIN_MODEL sets the model.
/// </summary>
internal sealed class EnvironmentLayer
{
    private EnvironmentLayer(Dictionary<string, string?> values, Dictionary<string, string> variables)
    {
        Values = values;
        Variables = variables;
    }

    /// <summary>Configuration keys and values contributed by environment variables.</summary>
    public Dictionary<string, string?> Values { get; }

    /// <summary>Configuration key → the variable it came from, so sources can be named.</summary>
    public Dictionary<string, string> Variables { get; }

    public static EnvironmentLayer Build(IHostContext context, string configuredKind, List<ConfigIssue> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Set(string key, string value, string variable)
        {
            values[key] = value;
            variables[key] = variable;
        }

        if (context.GetEnvironment(ConfigLoader.ModelVariable) is { } model)
        {
            Set("model", model, ConfigLoader.ModelVariable);
        }

        var openAI = Mentions(context, ProviderKinds.OpenAI);
        var anthropic = Mentions(context, ProviderKinds.Anthropic);
        var fileKind = configuredKind.Length > 0 ? configuredKind : ProviderKinds.OpenAI;
        var kind = (openAI, anthropic) switch
        {
            (true, true) => fileKind,
            (true, false) => ProviderKinds.OpenAI,
            (false, true) => ProviderKinds.Anthropic,
            _ => null,
        };
        if (kind is null)
        {
            return new EnvironmentLayer(values, variables);
        }

        var urlVariable = ProviderKinds.BaseUrlVariable(kind);
        var keyVariable = ProviderKinds.KeyVariable(kind);
        Set("provider:kind", kind, openAI && anthropic ? "config provider.kind (both OPENAI_* and ANTHROPIC_* are set)" : urlVariable + "/" + keyVariable);
        if (kind != fileKind)
        {
            // The environment switched provider family: the files' endpoint and key belong to the other family.
            Set("provider:baseUrl", ProviderKinds.DefaultBaseUrl(kind), "default for " + kind);
            Set("provider:apiKey", "", keyVariable);
            Set("provider:apiKeyEnv", keyVariable, "default for " + kind);
        }

        if (context.GetEnvironment(urlVariable) is { } url)
        {
            if (ConfigSchema.IsHttpUrl(url))
            {
                Set("provider:baseUrl", url, urlVariable);
            }
            else
            {
                errors.Add(new ConfigIssue($"environment variable {urlVariable}", 0, 0, "provider.baseUrl",
                    $"{urlVariable} must be an absolute http(s) URL such as http://127.0.0.1:8000/v1, got \"{url}\""));
            }
        }

        if (context.GetEnvironment(keyVariable) is { } key)
        {
            Set("provider:apiKey", key, keyVariable);
        }

        return new EnvironmentLayer(values, variables);
    }

    private static bool Mentions(IHostContext context, string kind) =>
        context.GetEnvironment(ProviderKinds.BaseUrlVariable(kind)) is not null || context.GetEnvironment(ProviderKinds.KeyVariable(kind)) is not null;
}
