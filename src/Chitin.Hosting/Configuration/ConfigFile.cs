namespace Chitin.Hosting.Configuration;

/// <summary>One config file as read and checked: its values, errors and warnings.</summary>
public sealed class ConfigFile
{
    private ConfigFile(string path, ConfigScope scope)
    {
        Path = path;
        Scope = scope;
    }

    public string Path { get; }

    public ConfigScope Scope { get; }

    public bool Exists { get; private init; }

    /// <summary>File content with any UTF-8 byte order mark removed.</summary>
    public ReadOnlyMemory<byte> Content { get; private init; }

    public IReadOnlyList<ConfigNode> Nodes { get; private init; } = [];

    public IReadOnlyList<ConfigIssue> Errors { get; private init; } = [];

    public IReadOnlyList<ConfigIssue> Warnings { get; private init; } = [];

    /// <summary>Its "permissions", "hooks" and "mcpServers" sections, parsed.</summary>
    public ParsedConfigSections Sections { get; private init; } = ParsedConfigSections.None;

    public bool IsUsable => Exists && Errors.Count == 0;

    /// <summary>Reads and checks a file; a missing file is not an error.</summary>
    /// <param name="environment">Expands ${VAR} in "mcpServers".</param>
    public static ConfigFile Read(string path, ConfigScope scope, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(path))
        {
            // The common case; checked first because a thrown FileNotFoundException costs start-up time.
            return new ConfigFile(path, scope);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ConfigFile(path, scope);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigFile(path, scope) { Exists = true, Errors = [new ConfigIssue(path, 0, 0, "", $"cannot read the file: {ex.Message}")] };
        }

        ReadOnlyMemory<byte> content = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes;
        return Check(path, scope, content, environment);
    }

    /// <summary>
    /// This file with its content replaced by <paramref name="content"/> (what an untrusted project may set); its
    /// warnings stay those of the original, so nothing is reported twice.
    /// </summary>
    internal ConfigFile Restrict(ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> environment)
    {
        var restricted = Check(Path, Scope, content, environment);
        return new ConfigFile(Path, Scope)
        {
            Exists = true,
            Content = content,
            Nodes = restricted.Nodes,
            Errors = restricted.Errors,
            Warnings = Warnings,
            Sections = restricted.Sections,
        };
    }

    private static ConfigFile Check(string path, ConfigScope scope, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> environment)
    {
        var (nodes, syntaxError) = ConfigFileParser.Parse(path, content.Span);
        var errors = new List<ConfigIssue>();
        var warnings = new List<ConfigIssue>();
        var sections = ParsedConfigSections.None;
        if (syntaxError is not null)
        {
            errors.Add(syntaxError);
        }
        else
        {
            ConfigSchema.Validate(path, scope, nodes, errors, warnings);
            sections = ConfigSections.Parse(path, scope, content, nodes, environment, errors, warnings);
        }

        return new ConfigFile(path, scope) { Exists = true, Content = content, Nodes = nodes, Errors = errors, Warnings = warnings, Sections = sections };
    }

    /// <summary>The string value at a path (case-insensitive), if the file sets one.</summary>
    public string? Find(params string[] path) =>
        Nodes.FirstOrDefault(n => n.Kind == System.Text.Json.JsonValueKind.String && n.Is(path))?.Value;
}
