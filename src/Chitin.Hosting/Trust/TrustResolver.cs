namespace Chitin.Hosting.Trust;

/// <summary>
/// Decides whether a folder is trusted, in this order: the managed policy's trust.trustedPaths (trusted), its
/// trust.allowTrust: false (forbidden), then the user's record in trust.json, which counts only while the project
/// config hashes the same as when it was trusted.
/// </summary>
public static class TrustResolver
{
    /// <summary>Resolves trust for the invocation's workspace.</summary>
    /// <param name="projectConfig">The project config as read (its bytes are hashed); null or missing when there is none.</param>
    public static WorkspaceTrust Resolve(IHostContext context, ChitinPaths paths, ConfigFile? projectConfig)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(paths);
        var hash = projectConfig is { Exists: true } ? Sha256(projectConfig.Content.Span) : null;
        return Resolve(context, paths.Home, RealFolder(paths.WorkingDirectory), hash);
    }

    public static WorkspaceTrust Resolve(IHostContext context, string chitinHome, string realFolder, string? configSha256)
    {
        ArgumentNullException.ThrowIfNull(context);
        ManagedPolicy? policy;
        try
        {
            policy = AgentSafety.LoadManagedPolicy(context);
        }
        catch (ConfigException ex)
        {
            return new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.Forbidden, ConfigSha256 = configSha256, Detail = $"the managed policy is invalid ({ex.Message})" };
        }

        var trust = policy?.Trust ?? ManagedTrustPolicy.None;
        if (PolicyEntryCovering(trust, realFolder, context) is { } entry)
        {
            return new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.TrustedByPolicy, ConfigSha256 = configSha256, Detail = $"trust.trustedPaths \"{entry}\" in {policy!.Path}" };
        }

        if (!trust.AllowTrust)
        {
            return new WorkspaceTrust
            {
                Folder = realFolder,
                Status = TrustStatus.Forbidden,
                ConfigSha256 = configSha256,
                Detail = $"the managed policy {policy!.Path} does not allow trusting folders (trust.allowTrust: false)",
            };
        }

        TrustRecord? record;
        try
        {
            record = new TrustStore(chitinHome).Find(realFolder);
        }
        catch (TrustStoreException ex)
        {
            return new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.Untrusted, ConfigSha256 = configSha256, StoreProblem = ex.Message };
        }

        if (record is null)
        {
            return new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.Untrusted, ConfigSha256 = configSha256, Detail = "never trusted" };
        }

        var when = record.TrustedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(record.ConfigSha256, configSha256, StringComparison.Ordinal)
            ? new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.Trusted, ConfigSha256 = configSha256, Detail = $"trusted on {when}, config unchanged" }
            : new WorkspaceTrust { Folder = realFolder, Status = TrustStatus.Changed, ConfigSha256 = configSha256, Detail = $"trusted on {when}" };
    }

    /// <summary>The folder with every symbolic link resolved, so a link to a folder shares its trust.</summary>
    public static string RealFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return OperatingSystem.IsWindows() ? full : Path.TrimEndingDirectorySeparator(RealPath.Resolve(full) ?? full);
    }

    /// <summary>Lower-case hex SHA-256 of a project config file's content.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string? PolicyEntryCovering(ManagedTrustPolicy trust, string realFolder, IHostContext context)
    {
        foreach (var entry in trust.TrustedPaths)
        {
            var expanded = entry == "~" || entry.StartsWith("~/", StringComparison.Ordinal)
                ? context.GetEnvironment("HOME") is { } home ? home + entry[1..] : null
                : entry;
            if (expanded is null)
            {
                continue;
            }

            var root = RealFolder(expanded);
            if (string.Equals(realFolder, root, StringComparison.Ordinal)
                || realFolder.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}
