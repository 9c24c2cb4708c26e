namespace Chitin.Tools.Files;

/// <summary>
/// edit_file: exact-text replacements in one UTF-8 file, validated together and written atomically (all or
/// nothing); returns a unified diff. An empty old text creates a file that does not exist yet.
/// </summary>
public sealed class EditFileTool : ToolBase
{
    /// <summary>Larger files are edited with run_shell (sed, patch): a whole-file string round trip would be wasteful.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private const string Schema =
        """
        {"type":"object","properties":{"path":{"type":"string"},"edits":{"type":"array","items":{"type":"object","properties":{"old":{"type":"string","description":"Exact text to replace; must be unique unless replace_all. \"\" creates a new file"},"new":{"type":"string"},"replace_all":{"type":"boolean"}},"required":["old","new"]}}},"required":["path","edits"]}
        """;

    private readonly BuiltInToolOptions _options;

    public EditFileTool(BuiltInToolOptions? options = null)
        : base("edit_file", "Replace exact text in a file; edits apply in order, all or none. Returns a diff.", Schema, ToolTraits.Destructive, ToolSubject.EditPath())
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var path = arguments.String("path", required: true);
        var edits = ReadEdits(arguments);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (!new WorkspacePaths(invocation.Context).TryResolveFile(path!, "give a file path.", out var file, out var refused))
        {
            return ToolResult.Error(refused);
        }

        try
        {
            return file.Exists
                ? await EditAsync(file, edits, cancellationToken).ConfigureAwait(false)
                : await CreateAsync(file, edits, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"Cannot edit '{file.DisplayPath}': {ex.Message} The file was not changed.");
        }
    }

    private static List<TextEdit> ReadEdits(ToolArguments arguments)
    {
        var items = arguments.Objects("edits", required: true);
        var edits = new List<TextEdit>();
        foreach (var item in items ?? [])
        {
            var old = item.String("old", required: true, allowEmpty: true);
            var replacement = item.String("new", required: true, allowEmpty: true);
            var replaceAll = item.Boolean("replace_all") ?? false;
            if (old is not null && replacement is not null)
            {
                edits.Add(new TextEdit(old, replacement, replaceAll));
            }
        }

        if (items is { Count: 0 })
        {
            arguments.Problem("'edits' must contain at least one edit");
        }

        return edits;
    }

    private async Task<ToolResult> CreateAsync(ResolvedPath file, List<TextEdit> edits, CancellationToken cancellationToken)
    {
        if (edits is not [{ Old: "" } creation])
        {
            return ToolResult.Error($"File not found: '{file.DisplayPath}'. To create it, send one edit with old \"\" and the whole content as new.");
        }

        if (!TryEncode(creation.New, preamble: [], out var bytes, out var error))
        {
            return ToolResult.Error(error);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file.FullPath)!);
        await AtomicFileWriter.WriteAsync(file.FullPath, bytes, cancellationToken).ConfigureAwait(false);
        var diff = UnifiedDiff.Create("", creation.New, "/dev/null", "b/" + file.DisplayPath);
        return Result(file, edits.Count, replacements: 1, diff, created: true);
    }

    private async Task<ToolResult> EditAsync(ResolvedPath file, List<TextEdit> edits, CancellationToken cancellationToken)
    {
        var length = new FileInfo(file.FullPath).Length;
        if (length > MaxFileBytes)
        {
            return ToolResult.Error($"'{file.DisplayPath}' is {SizeFormat.Of(length)}; edit_file handles files up to {SizeFormat.Of(MaxFileBytes)}. Use run_shell (sed, patch) instead.");
        }

        var raw = await File.ReadAllBytesAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        if (BinarySniffer.BinaryKind(raw.AsSpan(0, Math.Min(raw.Length, BinarySniffer.SampleSize))) is { } kind)
        {
            return ToolResult.Error($"'{file.DisplayPath}' is a binary file ({kind}); edit_file edits UTF-8 text only.");
        }

        var preamble = raw.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.ToArray() : [];
        string content;
        try
        {
            content = TextFile.StrictUtf8.GetString(raw, preamble.Length, raw.Length - preamble.Length);
        }
        catch (DecoderFallbackException)
        {
            return ToolResult.Error($"'{file.DisplayPath}' is not valid UTF-8 text; edit_file would corrupt it. Use run_shell (sed, iconv) instead.");
        }

        if (content.Length > 0 && edits.Any(edit => edit.Old.Length == 0))
        {
            return ToolResult.Error($"'old' is empty, which only creates a file, but '{file.DisplayPath}' already exists ({Wording.Count(TextFile.CountLines(content), "line")}). "
                                    + "Give the exact text to replace, or use write_file to replace the whole file.");
        }

        var problems = new List<string>();
        var replacements = 1;
        var edited = content.Length == 0 && edits is [{ Old: "" } fill] ? fill.New : TextEditor.Apply(content, edits, problems, out replacements);
        if (edited is null)
        {
            return ToolResult.Error($"No edit was applied to '{file.DisplayPath}': " + string.Join(" ", problems));
        }

        if (!TryEncode(edited, preamble, out var bytes, out var error))
        {
            return ToolResult.Error(error);
        }

        await AtomicFileWriter.WriteAsync(file.FullPath, bytes, cancellationToken).ConfigureAwait(false);
        var diff = UnifiedDiff.Create(content, edited, "a/" + file.DisplayPath, "b/" + file.DisplayPath);
        return Result(file, edits.Count, replacements, diff, created: false);
    }

    private static bool TryEncode(string text, byte[] preamble, out byte[] bytes, out string error)
    {
        try
        {
            bytes = [.. preamble, .. TextFile.StrictUtf8.GetBytes(text)];
            error = "";
            return true;
        }
        catch (EncoderFallbackException)
        {
            bytes = [];
            error = "'new' contains an unpaired surrogate and cannot be written as UTF-8. The file was not changed.";
            return false;
        }
    }

    private ToolResult Result(ResolvedPath file, int edits, int replacements, UnifiedDiff diff, bool created)
    {
        var verb = created ? "Created" : "Edited";
        var headline = $"{verb} '{file.DisplayPath}': {Wording.Count(replacements, "replacement")}, +{diff.LinesAdded} -{diff.LinesRemoved} lines.";
        var text = diff.Text.Length == 0 ? headline : headline + "\n" + diff.Text;
        if (text.Length > _options.MaxOutputChars)
        {
            text = text[.._options.MaxOutputChars] + "\n[diff cut at the output limit]";
        }

        var data = JsonSerializer.SerializeToElement(
            new EditFileData(file.DisplayPath, edits, replacements, diff.LinesAdded, diff.LinesRemoved, created), ToolsJsonContext.Default.EditFileData);
        return ToolResult.Ok(text, data);
    }
}
