namespace Chitin.Mcp.Auth;

/// <summary>
/// Opens an authorization URL: the command in <c>$BROWSER</c> when set (a "%s" in it is replaced by the URL, otherwise
/// the URL is appended), else <c>xdg-open</c> (<c>open</c> on macOS), else nothing. The caller prints the URL as well, so
/// the user can always open it by hand.
/// </summary>
public static class BrowserLauncher
{
    /// <returns>The command that was started, or null when none could be.</returns>
    public static string? TryOpen(Uri url, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(environment);
        environment.TryGetValue("PATH", out var path);
        if (environment.TryGetValue("BROWSER", out var browser) && !string.IsNullOrWhiteSpace(browser))
        {
            // $BROWSER may list several commands separated by ':'; the first that exists wins.
            foreach (var candidate in browser.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (Start(words[0], Arguments(words.Skip(1), url), path) is { } started)
                {
                    return started;
                }
            }

            return null;
        }

        return Start(OperatingSystem.IsMacOS() ? "open" : "xdg-open", [url.AbsoluteUri], path);
    }

    private static List<string> Arguments(IEnumerable<string> words, Uri url)
    {
        var arguments = words.Select(w => w.Replace("%s", url.AbsoluteUri, StringComparison.Ordinal)).ToList();
        if (!arguments.Any(a => a.Contains(url.AbsoluteUri, StringComparison.Ordinal)))
        {
            arguments.Add(url.AbsoluteUri);
        }

        return arguments;
    }

    private static string? Start(string command, IReadOnlyList<string> arguments, string? path)
    {
        if (CommandLocator.Find(command, path) is not { } resolved)
        {
            return null;
        }

        try
        {
            // In its own session: the browser outlives this command, and a Ctrl+C here is not sent to it.
            var process = Process.Start(ProcessGroup.StartInfo(resolved, arguments, workingDirectory: ""));
            if (process is null)
            {
                return null;
            }

            // The browser's output is not ours to show; drain it so it never blocks, and reap the process when it ends.
            process.StandardInput.Close();
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            _ = process.WaitForExitAsync().ContinueWith(_ => process.Dispose(), TaskScheduler.Default);
            return command;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
