namespace Chitin.Tools.Files;

/// <summary>write_file: creates or replaces a UTF-8 file atomically, creating parent folders.</summary>
public sealed class WriteFileTool : ToolBase
{
    private const string Schema =
        """
        {"type":"object","properties":{"path":{"type":"string","description":"File path, relative to the workspace"},"content":{"type":"string","description":"Full new content of the file"}},"required":["path","content"]}
        """;

    public WriteFileTool(BuiltInToolOptions? options = null)
        : base("write_file", "Create or overwrite a UTF-8 text file with the given content; missing parent folders are created.", Schema, ToolTraits.Destructive, ToolSubject.EditPath())
    {
        (options ?? BuiltInToolOptions.Default).Validated();
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var path = arguments.String("path", required: true);
        var content = arguments.String("content", required: true, allowEmpty: true);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (Path.EndsInDirectorySeparator(path))
        {
            return ToolResult.Error($"'{path}' ends with a directory separator; give the path of a file, e.g. '{path}notes.txt'.");
        }

        if (!new WorkspacePaths(invocation.Context).TryResolveFile(path!, "give a file path inside it.", out var file, out var refused))
        {
            return ToolResult.Error(refused);
        }

        byte[] bytes;
        try
        {
            bytes = TextFile.StrictUtf8.GetBytes(content!);
        }
        catch (EncoderFallbackException)
        {
            return ToolResult.Error("'content' contains an unpaired surrogate and cannot be written as UTF-8.");
        }

        var previousSize = file.Exists ? new FileInfo(file.FullPath).Length : 0;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file.FullPath)!);
            await AtomicFileWriter.WriteAsync(file.FullPath, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"Cannot write '{file.DisplayPath}': {ex.Message} The file was not changed.");
        }

        var lines = TextFile.CountLines(content!);
        var text = file.Exists
            ? $"Overwrote '{file.DisplayPath}': {Wording.Count(bytes.Length, "byte")}, {Wording.Count(lines, "line")} (was {Wording.Count(previousSize, "byte")})."
            : $"Created '{file.DisplayPath}': {Wording.Count(bytes.Length, "byte")}, {Wording.Count(lines, "line")}.";
        var data = JsonSerializer.SerializeToElement(
            new WriteFileData(file.DisplayPath, bytes.Length, lines, Created: !file.Exists), ToolsJsonContext.Default.WriteFileData);
        return ToolResult.Ok(text, data);
    }
}
