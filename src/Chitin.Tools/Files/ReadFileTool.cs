namespace Chitin.Tools.Files;

/// <summary>read_file: a range of numbered lines of a text file, capped in lines and bytes.</summary>
public sealed class ReadFileTool : ToolBase
{
    private const int LineNumberWidth = 5;
    private const int CutNoteReserve = 200;

    private const string Schema =
        """
        {"type":"object","properties":{"path":{"type":"string","description":"File path, relative to the workspace"},"offset":{"type":"integer","minimum":1,"description":"First line to read, 1-based"},"limit":{"type":"integer","minimum":1,"description":"Max lines to read"}},"required":["path"]}
        """;

    private readonly BuiltInToolOptions _options;

    public ReadFileTool(BuiltInToolOptions? options = null)
        : base("read_file", Describe(options ?? BuiltInToolOptions.Default), Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath())
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
    }

    private static string Describe(BuiltInToolOptions options) =>
        $"Read a text file. Lines come numbered as \"N<tab>text\". At most {options.ReadMaxLines} lines "
        + $"/ {options.ReadMaxBytes / 1024} KB per call; use offset and limit to page.";

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var path = arguments.String("path", required: true);
        var offset = arguments.Integer("offset", minimum: 1) ?? 1;
        var limit = Math.Min(arguments.Integer("limit", minimum: 1) ?? int.MaxValue, _options.ReadMaxLines);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (!new WorkspacePaths(invocation.Context).TryResolveFile(path!, "use list_dir to see its entries.", out var file, out var refused))
        {
            return ToolResult.Error(refused);
        }

        if (!file.Exists)
        {
            return ToolResult.Error($"File not found: '{file.DisplayPath}'. Use list_dir to see what exists.");
        }

        try
        {
            return await ReadAsync(file, offset, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ToolResult.Error($"Cannot read '{file.DisplayPath}': {ex.Message}");
        }
    }

    private async Task<ToolResult> ReadAsync(ResolvedPath file, int offset, int limit, CancellationToken cancellationToken)
    {
        var stream = TextFile.OpenShared(file.FullPath);
        await using (stream.ConfigureAwait(false))
        {
            var (sampled, binaryKind) = await TextFile.SniffAsync(stream, cancellationToken).ConfigureAwait(false);
            if (sampled == 0)
            {
                return ToolResult.Ok($"'{file.DisplayPath}' is empty (0 bytes).", Data(file, 0, 0, 0, truncated: false));
            }

            if (binaryKind is { } kind)
            {
                var quoted = ShellQuote.Quote(file.DisplayPath);
                return ToolResult.Error(
                    $"'{file.DisplayPath}' is a binary file ({kind}, {stream.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes); "
                    + $"read_file reads text only. Inspect it with run_shell, e.g. `file {quoted}` or `xxd {quoted} | head -n 32`.");
            }

            using var decoder = TextFile.Decoder(stream);
            return await RenderAsync(file, new LineReader(decoder), offset, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ToolResult> RenderAsync(ResolvedPath file, LineReader lines, int offset, int limit, CancellationToken cancellationToken)
    {
        long skipped = 0;
        while (skipped < offset - 1 && await lines.ReadLineAsync(0, cancellationToken).ConfigureAwait(false) is not null)
        {
            skipped++;
        }

        var maxBytes = _options.ReadMaxBytes;
        var output = new StringBuilder();
        var usedBytes = 0;
        var emitted = 0;
        var capped = false;
        long remaining = 0;
        string? cutNote = null;
        while (emitted < limit && await lines.ReadLineAsync(maxBytes, cancellationToken).ConfigureAwait(false) is { } line)
        {
            var number = offset + emitted;
            var prefix = number.ToString(CultureInfo.InvariantCulture).PadLeft(LineNumberWidth) + "\t";
            var size = prefix.Length + Utf8Budget.Size(line.Text) + 1;
            if (usedBytes + size <= maxBytes && !line.IsCut)
            {
                output.Append(prefix).Append(line.Text).Append('\n');
                usedBytes += size;
                emitted++;
                continue;
            }

            capped = true;
            if (emitted > 0)
            {
                remaining = 1; // this line did not fit; it is the first of the next page
                break;
            }

            // A single line larger than the whole budget: show its start and say how to get the rest.
            var shown = Utf8Budget.Prefix(line.Text, maxBytes - prefix.Length - CutNoteReserve);
            output.Append(prefix).Append(shown).Append('\n');
            cutNote = $"[line {number} cut after {shown.Length:N0} of {line.Length:N0} chars; read the rest with run_shell, "
                      + $"e.g. `sed -n '{number}p' {ShellQuote.Quote(file.DisplayPath)} | cut -c {shown.Length + 1}-{shown.Length + maxBytes / 2}`]";
            emitted = 1;
            break;
        }

        while (await lines.ReadLineAsync(0, cancellationToken).ConfigureAwait(false) is not null)
        {
            remaining++;
        }

        var lastLine = offset + emitted - 1;
        var totalLines = lastLine + remaining;
        if (emitted == 0)
        {
            return ToolResult.Error($"offset {offset} is past the end of '{file.DisplayPath}', which has {Wording.Count(skipped, "line")}.");
        }

        if (cutNote is not null)
        {
            output.Append(cutNote).Append('\n');
        }

        if (remaining > 0)
        {
            var capNote = capped ? $"output capped at {maxBytes / 1024} KB; " : "";
            output.Append(CultureInfo.InvariantCulture,
                $"... {capNote}{Wording.Count(remaining, "more line")} ({lastLine + 1}-{totalLines}); call read_file with offset={lastLine + 1}\n");
        }

        output.Length--; // the last newline
        return ToolResult.Ok(output.ToString(), Data(file, offset, lastLine, totalLines, remaining > 0 || cutNote is not null));
    }

    private static JsonElement Data(ResolvedPath file, int firstLine, int lastLine, long totalLines, bool truncated) =>
        JsonSerializer.SerializeToElement(
            new ReadFileData(file.DisplayPath, firstLine, lastLine, totalLines, truncated),
            ToolsJsonContext.Default.ReadFileData);
}
