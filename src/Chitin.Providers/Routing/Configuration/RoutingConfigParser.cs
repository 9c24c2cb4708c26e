namespace Chitin.Providers.Routing.Configuration;

/// <summary>
/// Reads config <c>endpoints: [...]</c> and <c>routing: {...}</c>. Every error names the dotted key
/// (<c>endpoints[1].price.input</c>) so the config loader can point at the line.
/// </summary>
public static partial class RoutingConfigParser
{
    private static readonly string[] EndpointKeys =
        ["name", "model", "kind", "baseUrl", "apiKeyEnv", "upstreamModel", "price", "quantization", "contextTokens", "reference"];

    private static readonly string[] PriceKeys = ["input", "cachedInput", "cacheWrite", "output"];
    private static readonly string[] RoutingKeys = ["policy", "allowModelFallback", "probeBudgetUsd", "probeEvery"];

    /// <exception cref="RoutingConfigException">The section is invalid.</exception>
    public static IReadOnlyList<EndpointSettings> ParseEndpoints(JsonElement endpoints)
    {
        if (endpoints.ValueKind != JsonValueKind.Array)
        {
            throw new RoutingConfigException("endpoints must be an array of { name, model, kind, baseUrl, apiKeyEnv, upstreamModel, price }");
        }

        var parsed = new List<EndpointSettings>();
        int index = 0;
        foreach (JsonElement element in endpoints.EnumerateArray())
        {
            parsed.Add(ParseEndpoint(element, $"endpoints[{index.ToString(CultureInfo.InvariantCulture)}]"));
            index++;
        }

        for (int i = 0; i < parsed.Count; i++)
        {
            string at = $"endpoints[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (parsed.Take(i).Any(e => string.Equals(e.Name, parsed[i].Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new RoutingConfigException($"{at}.name \"{parsed[i].Name}\" is used by an earlier endpoint; endpoint names must be unique");
            }

            if (parsed[i].Reference is { } reference)
            {
                EndpointSettings? target = parsed.FirstOrDefault(e => string.Equals(e.Name, reference, StringComparison.OrdinalIgnoreCase));
                if (target is null || ReferenceEquals(target, parsed[i]) || !string.Equals(target.Model, parsed[i].Model, StringComparison.Ordinal))
                {
                    throw new RoutingConfigException(
                        $"{at}.reference \"{reference}\" must name another endpoint of the same model \"{parsed[i].Model}\"");
                }
            }
        }

        return parsed;
    }

    /// <exception cref="RoutingConfigException">The section is invalid.</exception>
    public static RoutingSettings ParseRouting(JsonElement routing)
    {
        if (routing.ValueKind != JsonValueKind.Object)
        {
            throw new RoutingConfigException("routing must be an object { \"policy\": \"balanced\", \"allowModelFallback\": false }");
        }

        RejectUnknown(routing, "routing", RoutingKeys);
        var settings = RoutingSettings.Default;
        if (routing.TryGetProperty("policy", out JsonElement policy))
        {
            if (policy.ValueKind != JsonValueKind.String || !RoutingPolicies.TryParse(policy.GetString(), out RoutingPolicy parsed))
            {
                throw new RoutingConfigException($"routing.policy must be {RoutingPolicies.Expected}, got {policy.GetRawText()}");
            }

            settings = settings with { Policy = parsed };
        }

        if (routing.TryGetProperty("allowModelFallback", out JsonElement fallback))
        {
            if (fallback.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new RoutingConfigException($"routing.allowModelFallback must be true or false, got {fallback.GetRawText()}");
            }

            settings = settings with { AllowModelFallback = fallback.GetBoolean() };
        }

        if (routing.TryGetProperty("probeBudgetUsd", out JsonElement budget))
        {
            if (budget.ValueKind != JsonValueKind.Number || !budget.TryGetDecimal(out decimal usd) || usd < 0)
            {
                throw new RoutingConfigException($"routing.probeBudgetUsd must be a non-negative number (USD per day), got {budget.GetRawText()}");
            }

            settings = settings with { ProbeBudgetUsd = usd };
        }

        if (routing.TryGetProperty("probeEvery", out JsonElement every))
        {
            settings = settings with { ProbeEvery = Duration(every) };
        }

        return settings;
    }

    private static EndpointSettings ParseEndpoint(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RoutingConfigException($"{at} must be an object {{ name, model, kind, baseUrl, apiKeyEnv, upstreamModel, price }}");
        }

        RejectUnknown(element, at, EndpointKeys);
        string name = RequiredString(element, at, "name");
        if (!EndpointName().IsMatch(name))
        {
            throw new RoutingConfigException($"{at}.name \"{name}\" must be letters, digits, '.', '_' or '-' (it is used on the command line)");
        }

        string kindText = OptionalString(element, at, "kind") ?? "openai";
        ProviderKind kind = kindText.ToLowerInvariant() switch
        {
            "openai" => ProviderKind.OpenAI,
            "anthropic" => ProviderKind.Anthropic,
            _ => throw new RoutingConfigException($"{at}.kind must be \"openai\" or \"anthropic\", got \"{kindText}\""),
        };
        string baseUrl = RequiredString(element, at, "baseUrl");
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new RoutingConfigException($"{at}.baseUrl must be an absolute http(s) URL such as \"https://api.deepseek.com/v1\"");
        }

        string? apiKeyEnv = OptionalString(element, at, "apiKeyEnv");
        if (apiKeyEnv is not null && !EnvironmentVariable().IsMatch(apiKeyEnv))
        {
            throw new RoutingConfigException($"{at}.apiKeyEnv must be an environment variable name such as \"DEEPSEEK_API_KEY\" (never the key itself)");
        }

        return new EndpointSettings
        {
            Name = name,
            Model = RequiredString(element, at, "model"),
            Kind = kind,
            BaseUrl = baseUrl,
            ApiKeyEnv = apiKeyEnv,
            UpstreamModel = OptionalString(element, at, "upstreamModel"),
            Price = ParsePrice(element, at),
            Quantization = OptionalString(element, at, "quantization"),
            ContextTokens = OptionalPositiveInt(element, at, "contextTokens"),
            Reference = OptionalString(element, at, "reference"),
        };
    }

    private static ModelPrice ParsePrice(JsonElement endpoint, string at)
    {
        if (!endpoint.TryGetProperty("price", out JsonElement price) || price.ValueKind != JsonValueKind.Object)
        {
            throw new RoutingConfigException(
                $"{at}.price is required: {{ \"input\": 0.27, \"cachedInput\": 0.07, \"cacheWrite\": 0, \"output\": 1.1 }} (USD per million tokens)");
        }

        RejectUnknown(price, at + ".price", PriceKeys);
        decimal input = Usd(price, at, "input") ?? throw new RoutingConfigException($"{at}.price.input is required (USD per million prompt tokens)");
        decimal output = Usd(price, at, "output") ?? throw new RoutingConfigException($"{at}.price.output is required (USD per million output tokens)");

        // Without a declared cached price, no discount is assumed: the router must not count on savings nobody promised.
        return new ModelPrice(input, Usd(price, at, "cachedInput") ?? input, Usd(price, at, "cacheWrite") ?? 0m, output);
    }

    private static decimal? Usd(JsonElement price, string at, string key)
    {
        if (!price.TryGetProperty(key, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out decimal usd) || usd < 0)
        {
            throw new RoutingConfigException($"{at}.price.{key} must be a non-negative number (USD per million tokens), got {value.GetRawText()}");
        }

        return usd;
    }

    private static string RequiredString(JsonElement element, string at, string key) =>
        OptionalString(element, at, key) ?? throw new RoutingConfigException($"{at}.{key} is required");

    private static string? OptionalString(JsonElement element, string at, string key)
    {
        if (!element.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new RoutingConfigException($"{at}.{key} must be a non-empty string, got {value.GetRawText()}");
        }

        return value.GetString()!.Trim();
    }

    private static int? OptionalPositiveInt(JsonElement element, string at, string key)
    {
        if (!element.TryGetProperty(key, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number <= 0)
        {
            throw new RoutingConfigException($"{at}.{key} must be a positive whole number of tokens, got {value.GetRawText()}");
        }

        return number;
    }

    /// <summary>"30m", "6h", "90s": a whole number and a unit; at least a minute, so probes cannot run away.</summary>
    private static TimeSpan Duration(JsonElement value)
    {
        string text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
        TimeSpan? parsed = text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long amount) && amount > 0 && amount <= 100_000
            ? char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => null,
            }
            : null;
        return parsed is { TotalMinutes: >= 1 } duration
            ? duration
            : throw new RoutingConfigException($"routing.probeEvery must be a duration of at least a minute such as \"30m\" or \"6h\", got {value.GetRawText()}");
    }

    private static void RejectUnknown(JsonElement element, string at, string[] known)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new RoutingConfigException($"{at}.{property.Name} is not a known key; known keys: {string.Join(", ", known)}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex EndpointName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariable();
}
