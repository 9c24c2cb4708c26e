namespace Chitin.Cli.Trust;

/// <summary><c>chitin trust [path]</c>: let a folder's project config loosen settings (hooks, MCP servers, allow rules …).</summary>
public static class TrustCommand
{
    private const string Description =
        """
        Trust a folder (default: the current one) so its .chitin/config.json applies in full. Without trust a
        project config may only tighten: deny and ask rules, plan mode, lower limits. Its hooks, mcpServers, allow
        rules, permission mode and sandbox changes, additionalDirectories, provider settings and project skills
        with vetting warnings are ignored, and runs say so.

        Trust is recorded in $CHITIN_HOME/trust.json (owner-only) for the folder's real path with a SHA-256 of
        its project config: when the config changes, the folder is untrusted again until you trust it again.
        --yes never grants trust. The managed policy can trust folders (trust.trustedPaths) or forbid trusting
        them (trust.allowTrust: false). Exit codes: 0 done, 2 usage error, policy forbids, or bad trust file.

        Examples:
          chitin trust
          chitin trust ~/src/project
          chitin trust --list
          chitin trust --revoke
        """;

    public static Command Create(CommandRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var path = new Argument<string?>("path") { Description = "The folder to trust (default: the current directory).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List trusted folders and whether their config changed since." };
        var revoke = new Option<bool>("--revoke") { Description = "Stop trusting the folder." };
        var json = CommonOptions.Json("the result");
        var command = new Command("trust", Description) { path, list, revoke, json };
        command.SetAction(parse => Execute(runtime, parse.GetValue(path), parse.GetValue(list), parse.GetValue(revoke), parse.GetValue(json)));
        return command;
    }

    private static int Execute(CommandRuntime runtime, string? path, bool list, bool revoke, bool json)
    {
        if (list && (revoke || path is not null))
        {
            return Fail(runtime, json, "--list takes no path and cannot be combined with --revoke");
        }

        var store = new TrustStore(runtime.Paths.Home);
        try
        {
            if (list)
            {
                return List(runtime, store, json);
            }

            var folder = Path.GetFullPath(path ?? ".", runtime.Context.WorkingDirectory);
            if (!Directory.Exists(folder))
            {
                return Fail(runtime, json, $"{folder} is not a folder");
            }

            var real = TrustResolver.RealFolder(folder);
            return revoke ? Revoke(runtime, store, real, json) : Grant(runtime, store, real, json);
        }
        catch (TrustStoreException ex)
        {
            return Fail(runtime, json, ex.Message);
        }
    }

    private static int Grant(CommandRuntime runtime, TrustStore store, string folder, bool json)
    {
        var environment = runtime.Context.Environment;
        var project = ConfigFile.Read(Path.Combine(folder, ".chitin", "config.json"), ConfigScope.Project, environment);
        var hash = project.Exists ? TrustResolver.Sha256(project.Content.Span) : null;
        var current = TrustResolver.Resolve(runtime.Context, store.Home, folder, hash);
        if (current.Status == TrustStatus.Forbidden)
        {
            return Fail(runtime, json, $"cannot trust {folder}: {current.Detail}");
        }

        // Reading first also refuses to overwrite a trust file that does not parse.
        _ = store.Read();
        var user = ConfigFile.Read(runtime.Paths.UserConfigFile, ConfigScope.User, environment);
        var applies = AppliesWithTrust(runtime, project, user);
        if (current.Status == TrustStatus.TrustedByPolicy)
        {
            return Done(runtime, json, new TrustOutput("trusted_by_policy", folder, hash, null, applies), $"{folder} is already trusted by the managed policy ({current.Detail})");
        }

        var record = store.Trust(folder, hash, runtime.Context.Time.GetUtcNow());
        if (project.Exists && !project.IsUsable)
        {
            runtime.Warn($"{project.Path} has errors; runs stop until they are fixed (and trust it again after fixing): {project.Errors[0].Format("error")}");
        }

        var what = !project.Exists ? "it has no .chitin/config.json; a config added later needs trust again"
            : applies.Count == 0 ? "its project config only tightens settings, so nothing changes"
            : $"now applies: {string.Join("; ", applies)}";
        return Done(runtime, json, new TrustOutput("trusted", folder, hash, record.TrustedAt, applies), $"trusted {folder} ({what})");
    }

    private static int Revoke(CommandRuntime runtime, TrustStore store, string folder, bool json)
    {
        var removed = store.Revoke(folder);
        return removed is null
            ? Done(runtime, json, new TrustOutput("not_trusted", folder, null, null, []), $"{folder} was not trusted; nothing to revoke")
            : Done(runtime, json, new TrustOutput("revoked", folder, removed.ConfigSha256, removed.TrustedAt, []), $"revoked trust in {folder}; its project config may only tighten settings again");
    }

    private static int List(CommandRuntime runtime, TrustStore store, bool json)
    {
        ManagedTrustPolicy policy;
        try
        {
            policy = AgentSafety.LoadManagedPolicy(runtime.Context)?.Trust ?? ManagedTrustPolicy.None;
        }
        catch (ConfigException ex)
        {
            return Fail(runtime, json, ex.Message);
        }

        var user = ConfigFile.Read(runtime.Paths.UserConfigFile, ConfigScope.User, runtime.Context.Environment);
        var folders = store.Read().Folders.Select(f => new TrustOutput(StateOf(f), f.Path, f.ConfigSha256, f.TrustedAt, AppliesWithTrust(runtime, f.Path, user))).ToList();
        runtime.PrintTable(
            json,
            new TrustListOutput(store.Path, policy.AllowTrust, policy.TrustedPaths, folders),
            TrustOutputJsonContext.Default.TrustListOutput,
            folders,
            $"no trusted folders in {store.Path}; trust one with 'chitin trust [path]'",
            ["folder", "state", "trusted at"],
            f => [f.Path, f.Status, f.TrustedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? ""]);
        if (json)
        {
            return ExitCodes.Ok;
        }

        foreach (var entry in policy.TrustedPaths)
        {
            runtime.Error.Line(Markup.Escape($"trusted by the managed policy: {entry} (and below)"));
        }

        if (!policy.AllowTrust)
        {
            runtime.Error.Line(Markup.Escape("the managed policy does not allow trusting folders (trust.allowTrust: false): the records above do not count"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The settings of a folder's project config that only trust lets apply; none when it has no usable config.</summary>
    private static IReadOnlyList<string> AppliesWithTrust(CommandRuntime runtime, string folder, ConfigFile user) =>
        Directory.Exists(folder)
            ? AppliesWithTrust(runtime, ConfigFile.Read(Path.Combine(folder, ".chitin", "config.json"), ConfigScope.Project, runtime.Context.Environment), user)
            : [];

    private static IReadOnlyList<string> AppliesWithTrust(CommandRuntime runtime, ConfigFile project, ConfigFile user) =>
        project.IsUsable ? UntrustedProjectFilter.Apply(project, user, runtime.Context.Environment).Ignored : [];

    /// <summary>trusted while the config hashes the same; changed after an edit; missing when the folder is gone.</summary>
    private static string StateOf(TrustRecord record)
    {
        if (!Directory.Exists(record.Path))
        {
            return "missing";
        }

        var config = Path.Combine(record.Path, ".chitin", "config.json");
        string? hash;
        try
        {
            hash = File.Exists(config) ? TrustResolver.Sha256(StripBom(File.ReadAllBytes(config))) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }

        return string.Equals(hash, record.ConfigSha256, StringComparison.Ordinal) ? "trusted" : "changed";
    }

    private static ReadOnlySpan<byte> StripBom(byte[] bytes) => bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes;

    private static int Done(CommandRuntime runtime, bool json, TrustOutput output, string message) =>
        runtime.Print(json, output, TrustOutputJsonContext.Default.TrustOutput, message);

    private static int Fail(CommandRuntime runtime, bool json, string message)
    {
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(new CommandResultOutput("error", Error: runtime.Redactor.Redact(message)), TrustOutputJsonContext.Default.CommandResultOutput));
        }

        return runtime.Fail(ExitCodes.UsageError, message);
    }
}
