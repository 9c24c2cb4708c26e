namespace Chitin.Hosting.Trust;

/// <summary>
/// Cuts an untrusted project config down to what may only tighten: deny and ask rules, a stricter permission or
/// sandbox mode, lower limits, features turned off, and neutral choices (model, prices, context sizes). Hooks, MCP
/// servers, allow rules, additional directories, looser modes, sandbox loosening (bwrapPath, landlock off), provider
/// changes, higher limits and embedding endpoints are dropped and named. Baselines are the user file's values, else the defaults.
/// </summary>
internal static class UntrustedProjectFilter
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <returns>The restricted file and what was ignored (empty, and the file itself, when nothing loosens).</returns>
    public static (ConfigFile File, IReadOnlyList<string> Ignored) Apply(ConfigFile project, ConfigFile user, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(user);
        if (!project.IsUsable || JsonNode.Parse(project.Content.Span, NodeOptions, DocumentOptions) is not JsonObject root)
        {
            return (project, []);
        }

        var ignored = new List<string>();
        foreach (var (name, value) in root.ToList())
        {
            switch (name.ToLowerInvariant())
            {
                case "hooks":
                    Drop(root, name, ignored, value is JsonObject events && events.Count > 0 ? $"hooks ({string.Join(", ", events.Select(e => e.Key))})" : "hooks");
                    break;
                case "mcpservers":
                    Drop(root, name, ignored, value is JsonObject servers && servers.Count > 0 ? $"mcpServers ({string.Join(", ", servers.Select(s => s.Key))})" : "mcpServers");
                    break;
                case "endpoints":
                    // Each endpoint names a URL and a key variable: an untrusted repository could send the key anywhere.
                    Drop(root, name, ignored, value is JsonArray endpoints ? $"endpoints ({endpoints.Count})" : "endpoints");
                    break;
                case "checkpoints":
                    // Switching checkpoints off, shrinking their file cap or expiring them early all take undo away.
                    Drop(root, name, ignored, "checkpoints");
                    break;
                case "agents":
                    // Trees of agents spend in parallel: an untrusted repository must not switch them on or widen them.
                    Drop(root, name, ignored, "agents");
                    break;
                case "agent":
                    // agent.loopGuard: a repository could switch off or loosen the guard against runaway loops.
                    Drop(root, name, ignored, "agent");
                    break;
                case "telemetry":
                    // A collector URL would learn which tools ran, when, and what it cost.
                    Drop(root, name, ignored, "telemetry");
                    break;
                case "permissions" when value is JsonObject permissions:
                    FilterPermissions(permissions, user, ignored);
                    break;
                case "sandbox" when value is JsonObject sandbox:
                    FilterSandbox(sandbox, user, ignored);
                    break;
                case "provider" when value is JsonObject provider:
                    KeepOnly(provider, "provider", ignored, key => key is "maxretries" or "apikey");
                    break;
                case "limits" when value is JsonObject limits:
                    FilterNumbers(limits, "limits", user, ignored, LimitBaseline);
                    break;
                case "memory" when value is JsonObject memory:
                    KeepOnly(memory, "memory", ignored, key => !key.StartsWith("embedding", StringComparison.Ordinal));
                    FilterSwitches(memory, "memory", user, ignored, ["enabled", "capture"], [true, true]);
                    FilterNumbers(memory, "memory", user, ignored, key => key == "digesttokens" ? MemorySettings.Default.DigestTokens : null);
                    break;
                case "skills" when value is JsonObject skills:
                    FilterSwitches(skills, "skills", user, ignored, ["enabled", "allowWarned", "autoDistill"],
                        [SkillsSettings.Default.Enabled, SkillsSettings.Default.AllowWarned, SkillsSettings.Default.AutoDistill]);
                    FilterNumbers(skills, "skills", user, ignored, key => key == "indextokens" ? SkillsSettings.Default.IndexTokens : null);
                    break;
                default:
                    break; // model, fallbackModels, prices, context, systemPrompt change no permission; "web" is user-file only anyway.
            }
        }

        if (ignored.Count == 0)
        {
            return (project, []);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root.WriteTo(writer);
        }

        return (project.Restrict(buffer.WrittenMemory, environment), ignored);
    }

    private static void FilterPermissions(JsonObject permissions, ConfigFile user, List<string> ignored)
    {
        foreach (var (name, value) in permissions.ToList())
        {
            switch (name)
            {
                case "allow":
                    Drop(permissions, name, ignored, $"permissions.allow ({Count(value, "rule")})");
                    break;
                case "additionalDirectories":
                    Drop(permissions, name, ignored, $"permissions.additionalDirectories ({Count(value, "folder")})");
                    break;
                case "mode":
                    var baseline = user.Find("permissions", "mode") ?? "default";
                    if (ModeStrictness(Text(value)) < ModeStrictness(baseline))
                    {
                        Drop(permissions, name, ignored, $"permissions.mode \"{Text(value)}\"");
                    }

                    break;
                case "disableUnrestrictedMode":
                    if (value?.GetValueKind() != JsonValueKind.True)
                    {
                        permissions.Remove(name);
                    }

                    break;
                default:
                    break; // ask and deny only tighten.
            }
        }
    }

    private static void FilterSandbox(JsonObject sandbox, ConfigFile user, List<string> ignored)
    {
        foreach (var (name, value) in sandbox.ToList())
        {
            switch (name.ToLowerInvariant())
            {
                case "mode":
                    var baseline = user.Find("sandbox", "mode") ?? "preferred";
                    if (SandboxStrictness(Text(value)) < SandboxStrictness(baseline))
                    {
                        Drop(sandbox, name, ignored, $"sandbox.mode \"{Text(value)}\"");
                    }

                    break;
                case "allownetwork":
                    if (IsTrue(value) && !IsTrue(UserValue(user, "sandbox", "allowNetwork")))
                    {
                        Drop(sandbox, name, ignored, "sandbox.allowNetwork true");
                    }

                    break;
                case "landlock":
                    var userLandlock = UserValue(user, "sandbox", "landlock");
                    if (!IsTrue(value) && (userLandlock is null || IsTrue(userLandlock)))
                    {
                        Drop(sandbox, name, ignored, "sandbox.landlock false");
                    }

                    break;
                case "envpassthrough":
                    break; // Read from the user file only, trusted or not; the schema warns about it here.
                default:
                    Drop(sandbox, name, ignored, $"sandbox.{name}");
                    break;
            }
        }
    }

    /// <summary>Booleans that turn something on: true is kept only when the baseline is already true.</summary>
    private static void FilterSwitches(JsonObject section, string sectionName, ConfigFile user, List<string> ignored, string[] keys, bool[] defaults)
    {
        foreach (var (name, value) in section.ToList())
        {
            var index = Array.FindIndex(keys, k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || !IsTrue(value))
            {
                continue;
            }

            var baseline = UserValue(user, sectionName, keys[index]) is { } set ? IsTrue(set) : defaults[index];
            if (!baseline)
            {
                Drop(section, name, ignored, $"{sectionName}.{name} true");
            }
        }
    }

    /// <summary>Numbers kept only when not above the baseline (0 in limits.maxTokens means unlimited).</summary>
    private static void FilterNumbers(JsonObject section, string sectionName, ConfigFile user, List<string> ignored, Func<string, double?> defaults)
    {
        foreach (var (name, value) in section.ToList())
        {
            var key = name.ToLowerInvariant();
            if (defaults(key) is not { } fallback || Number(value) is not { } wanted)
            {
                continue;
            }

            var baseline = Number(UserValue(user, sectionName, name)) ?? fallback;
            var unlimitedIsZero = key == "maxtokens";
            var tighter = unlimitedIsZero
                ? wanted > 0 && (baseline <= 0 || wanted <= baseline)
                : wanted <= baseline;
            if (!tighter && !(unlimitedIsZero && wanted <= 0 && baseline <= 0))
            {
                Drop(section, name, ignored, string.Create(CultureInfo.InvariantCulture, $"{sectionName}.{name} {wanted} (above {(unlimitedIsZero && baseline <= 0 ? "unlimited" : baseline.ToString(CultureInfo.InvariantCulture))})"));
            }
        }
    }

    private static double? LimitBaseline(string key) => key switch
    {
        "maxsteps" => 50,
        "maxtokens" => 0,
        "maxwallclockseconds" => TimeSpan.FromMinutes(30).TotalSeconds,
        "modelcalltimeoutseconds" => TimeSpan.FromMinutes(5).TotalSeconds,
        _ => null,
    };

    private static void KeepOnly(JsonObject section, string sectionName, List<string> ignored, Func<string, bool> keep)
    {
        foreach (var (name, _) in section.ToList())
        {
            if (!keep(name.ToLowerInvariant()))
            {
                Drop(section, name, ignored, $"{sectionName}.{name}");
            }
        }
    }

    private static void Drop(JsonObject parent, string name, List<string> ignored, string description)
    {
        parent.Remove(name);
        ignored.Add(description);
    }

    private static int ModeStrictness(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "plan" => 3,
        "default" => 2,
        "acceptedits" => 1,
        _ => 0,
    };

    private static int SandboxStrictness(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "required" => 2,
        "preferred" => 1,
        _ => 0,
    };

    private static ConfigNode? UserValue(ConfigFile user, string section, string key) =>
        user.IsUsable ? user.Nodes.FirstOrDefault(n => n.Is(section, key)) : null;

    private static bool IsTrue(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var parsed) && parsed,
        _ => false,
    };

    private static bool IsTrue(ConfigNode? node) => node is not null && ConfigSchema.TryBoolean(node, out var value) && value;

    private static double? Number(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<double>(),
        JsonValueKind.String => double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    private static double? Number(ConfigNode? node) => node is not null && ConfigSchema.TryNumber(node, out var value) ? value : null;

    private static string? Text(JsonNode? value) => value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();

    private static string Count(JsonNode? value, string noun)
    {
        var count = value is JsonArray array ? array.Count : 0;
        return count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
