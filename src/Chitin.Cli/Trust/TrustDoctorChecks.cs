namespace Chitin.Cli.Trust;

/// <summary>Doctor lines for workspace trust and for secrets at rest (config files with keys, Chitin's private state).</summary>
internal static class TrustDoctorChecks
{
    /// <summary>Whether the current folder is trusted and what its project config asked for that was ignored.</summary>
    public static DoctorCheck WorkspaceTrust(WorkspaceTrust trust, bool hasProjectConfig)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.StoreProblem is not null)
        {
            return new DoctorCheck("workspace trust", DoctorCheck.Fail, trust.StoreProblem);
        }

        if (trust.IsTrusted)
        {
            return new DoctorCheck("workspace trust", DoctorCheck.Ok, trust.Describe());
        }

        if (trust.Warning() is { } warning)
        {
            return new DoctorCheck("workspace trust", DoctorCheck.Warn, warning);
        }

        var detail = hasProjectConfig ? "its project config only tightens settings, so nothing is ignored" : "it has no project config";
        return new DoctorCheck("workspace trust", DoctorCheck.Ok, $"{trust.Describe()}; {detail}");
    }

    /// <summary>
    /// Config files holding a secret that group or others can read (fail: chmod 600), and Chitin's own private files
    /// and folders that are open to others (warn: chmod 600 / 700).
    /// </summary>
    public static DoctorCheck SecretsAtRest(ChitinPaths paths, IEnumerable<ConfigFile> files)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(files);
        if (OperatingSystem.IsWindows())
        {
            return new DoctorCheck("secrets at rest", DoctorCheck.Ok, "file modes are not checked on Windows");
        }

        var exposedKeys = new List<string>();
        foreach (var file in files.Where(f => f.Exists && OwnerOnly.IsOpenToOthers(f.Path)))
        {
            var secrets = file.Nodes.Where(IsLiteralSecret).Select(n => n.DisplayPath).ToList();
            if (secrets.Count > 0)
            {
                exposedKeys.Add($"{file.Path} holds {string.Join(", ", secrets)} and is readable by group or others (mode {Mode(file.Path)}): run chmod 600 {file.Path}");
            }
        }

        var loose = PrivateState(paths).Where(OwnerOnly.IsOpenToOthers)
            .Select(p => $"{p} (mode {Mode(p)}): run chmod {(Directory.Exists(p) ? "700" : "600")} {p}")
            .ToList();
        if (exposedKeys.Count > 0)
        {
            return new DoctorCheck("secrets at rest", DoctorCheck.Fail, string.Join("; ", exposedKeys.Concat(loose.Select(l => "open to others: " + l))));
        }

        return loose.Count > 0
            ? new DoctorCheck("secrets at rest", DoctorCheck.Warn, "open to others: " + string.Join("; ", loose))
            : new DoctorCheck("secrets at rest", DoctorCheck.Ok, "no config file with a key is readable by others; sessions, audit log and trust file are owner-only");
    }

    /// <summary>provider.apiKey, or a secret-looking env/header value of an MCP server written out rather than ${VAR}.</summary>
    private static bool IsLiteralSecret(ConfigNode node)
    {
        if (node.Kind != System.Text.Json.JsonValueKind.String || string.IsNullOrEmpty(node.Value))
        {
            return false;
        }

        if (node.Is("provider", "apiKey"))
        {
            return true;
        }

        var s = node.Segments;
        var literal = !node.Value.Contains("${", StringComparison.Ordinal);
        return literal && s.Count == 4 && s[0].Equals("mcpServers", StringComparison.OrdinalIgnoreCase)
            && (s[2].Equals("env", StringComparison.OrdinalIgnoreCase) || s[2].Equals("headers", StringComparison.OrdinalIgnoreCase))
            && (SecretVariables.LooksSecret(s[3]) || s[3].Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> PrivateState(ChitinPaths paths)
    {
        yield return paths.Home;
        yield return paths.DatabaseFile;
        yield return paths.DatabaseFile + "-wal";
        yield return paths.DatabaseFile + "-shm";
        yield return Path.Combine(paths.Home, TrustStore.FileName);
        yield return paths.ArtifactsDirectory;
        var audit = Path.GetDirectoryName(JsonlAuditLog.DailyPath(paths.Home, DateTimeOffset.UnixEpoch))!;
        yield return audit;
        if (Directory.Exists(audit))
        {
            foreach (var file in Directory.EnumerateFiles(audit, "*.jsonl").Order(StringComparer.Ordinal).Take(1_000))
            {
                yield return file;
            }
        }
    }

    private static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}
