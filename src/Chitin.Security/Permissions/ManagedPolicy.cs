namespace Chitin.Security.Permissions;

/// <summary>
/// The organisation's policy file, highest in precedence: <c>{"permissions": {...}, "hooks": {...}, "sandbox":
/// "required", "trust": {...}}</c>. Its deny rules cannot be loosened by any other layer, and it can forbid unrestricted mode.
/// </summary>
public sealed record ManagedPolicy(string Path, PermissionLayer Permissions, IReadOnlyList<HookDefinition> Hooks, SandboxPolicy? Sandbox)
{
    public const string EnvironmentVariable = "CHITIN_MANAGED_POLICY";

    public const string StandardPath = "/etc/chitin/managed.json";

    /// <summary>The "trust" section: folders trusted by the organisation, and whether users may trust folders.</summary>
    public ManagedTrustPolicy Trust { get; init; } = ManagedTrustPolicy.None;

    /// <summary>$CHITIN_MANAGED_POLICY when set, otherwise /etc/chitin/managed.json.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } overridden ? overridden : StandardPath;

    /// <summary>Reads the policy at <paramref name="path"/> (default <see cref="DefaultPath"/>).</summary>
    /// <returns>Null when there is no such file.</returns>
    /// <exception cref="PermissionConfigurationException">The file cannot be read or is not a valid policy; the message names the file.</exception>
    public static ManagedPolicy? Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PermissionConfigurationException($"The managed policy {path} cannot be read: {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PermissionConfigurationException($"The managed policy {path} is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            return Parse(document.RootElement, path);
        }
    }

    private static ManagedPolicy Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PermissionConfigurationException($"The managed policy {path} must be a JSON object with \"permissions\", \"hooks\", \"sandbox\" or \"trust\".");
        }

        var settings = PermissionSettings.Empty;
        IReadOnlyList<HookDefinition> hooks = [];
        SandboxPolicy? sandbox = null;
        var trust = ManagedTrustPolicy.None;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "$schema":
                    break;
                case "permissions":
                    settings = PermissionSettings.Parse(property.Value, path);
                    break;
                case "hooks":
                    try
                    {
                        hooks = HookDefinition.Parse(property.Value, path);
                    }
                    catch (HookConfigurationException ex)
                    {
                        throw new PermissionConfigurationException(ex.Message, ex);
                    }

                    break;
                case "sandbox":
                    try
                    {
                        sandbox = SandboxSelector.ParsePolicy(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(), $"sandbox of {path}");
                    }
                    catch (FormatException ex)
                    {
                        throw new PermissionConfigurationException(ex.Message, ex);
                    }

                    break;
                case "trust":
                    trust = ManagedTrustPolicy.Parse(property.Value, path);
                    break;
                default:
                    throw new PermissionConfigurationException(
                        $"\"{property.Name}\" in the managed policy {path} is not a policy key (use permissions, hooks, sandbox, trust).");
            }
        }

        return new ManagedPolicy(path, new PermissionLayer(PermissionSource.Managed, path, settings), hooks, sandbox) { Trust = trust };
    }
}
