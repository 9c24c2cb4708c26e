namespace Chitin.Security.Permissions;

/// <summary>
/// The "trust" section of the managed policy: <c>{"trustedPaths": ["/srv/repos"], "allowTrust": false}</c>. A listed
/// folder and every folder below it is trusted without asking; <c>allowTrust: false</c> makes every other folder
/// untrusted (no <c>chitin trust</c>, no prompt, and earlier personal trust no longer counts).
/// </summary>
public sealed record ManagedTrustPolicy
{
    public static ManagedTrustPolicy None { get; } = new();

    /// <summary>Absolute folders (or <c>~/…</c>, the invoking user's home) trusted by the organisation, subfolders included.</summary>
    public IReadOnlyList<string> TrustedPaths { get; init; } = [];

    /// <summary>False: users may not trust folders themselves.</summary>
    public bool AllowTrust { get; init; } = true;

    /// <summary>Reads a "trust" object of the managed policy at <paramref name="path"/>.</summary>
    /// <exception cref="PermissionConfigurationException">Unknown key or wrong type; the message names the file and key.</exception>
    public static ManagedTrustPolicy Parse(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PermissionConfigurationException($"trust in the managed policy {path} must be an object such as {{\"trustedPaths\": [\"/srv/repos\"], \"allowTrust\": true}}.");
        }

        var policy = new ManagedTrustPolicy();
        foreach (var property in element.EnumerateObject())
        {
            policy = property.Name switch
            {
                "trustedPaths" => policy with { TrustedPaths = ReadPaths(property.Value, path) },
                "allowTrust" => policy with
                {
                    AllowTrust = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new PermissionConfigurationException($"trust.allowTrust in the managed policy {path} must be true or false."),
                    },
                },
                _ => throw new PermissionConfigurationException($"trust.{property.Name} in the managed policy {path} is not a trust setting (use trustedPaths, allowTrust)."),
            };
        }

        return policy;
    }

    private static List<string> ReadPaths(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PermissionConfigurationException($"trust.trustedPaths in the managed policy {path} must be an array of absolute folder paths.");
        }

        var paths = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : "";
            if (!(text.StartsWith('/') || text == "~" || text.StartsWith("~/", StringComparison.Ordinal) || Path.IsPathFullyQualified(text)))
            {
                throw new PermissionConfigurationException($"trust.trustedPaths[{index}] in the managed policy {path} must be an absolute folder path (or start with ~/), got {item.GetRawText()}.");
            }

            paths.Add(text);
            index++;
        }

        return paths;
    }
}
