namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// A file downloaded (curl -o, wget, Invoke-WebRequest -OutFile, urlretrieve) or decoded to disk (base64 -d &gt; f) and
/// then run (bash f, ./f, python f, Start-Process f) within the same script or code block — the split form of
/// <c>curl | sh</c>. Downloading data to a file and using it as data is fine.
/// </summary>
internal sealed partial class DownloadThenExecuteRule() : VetRule(
    "exec.download-then-execute", FindingSeverity.Block, "A file downloaded or decoded to disk and then executed (curl -o x && bash x).")
{
    private static readonly HashSet<string> Runners = new(StringComparer.OrdinalIgnoreCase)
    {
        "bash", "sh", "zsh", "ksh", "dash", "source", ".", "python", "python3", "python2", "node", "perl", "ruby", "pwsh",
        "powershell", "powershell.exe", "osascript", "open", "start", "start-process", "msiexec", "installer", "wine", "php",
        "cmd", "cmd.exe", "&", "exec", "nohup", "setsid", "invoke-item", "ii", "cscript", "wscript", "java", "rundll32",
    };

    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var block in file.Blocks)
            {
                if (block.Units.Count > 0 && Fetchers().IsMatch(block.Code))
                {
                    CheckBlock(file, block, sink);
                }
            }
        }
    }

    private void CheckBlock(VetFile file, CodeBlock block, FindingSink sink)
    {
        var downloads = new List<(string Name, string? Url, string? Host, string? Path)>();
        foreach (var unit in block.Units)
        {
            foreach (var segment in Segments().Split(unit.Code))
            {
                var tokens = Tokens(segment);
                if (tokens.Count == 0)
                {
                    continue;
                }

                foreach (var (name, url, host, path) in downloads)
                {
                    if (Executes(tokens, name))
                    {
                        var trust = url is null || host is null ? UrlTrust.Untrusted : Urls.Classify(url, host, path ?? string.Empty);
                        // A hidden file name ("/tmp/.helper") is evasion no vendor installer needs.
                        var hidden = name.StartsWith('.');
                        var warn = !hidden && trust == UrlTrust.KnownInstaller;
                        var line = unit.LineOfCode(Math.Max(0, unit.Code.IndexOf(segment.Trim(), StringComparison.Ordinal)));
                        sink.Add(file, line, Id, warn ? FindingSeverity.Warning : FindingSeverity.Block,
                            warn
                                ? $"Runs '{name}' right after downloading it from the vendor host {host}; prefer a package manager or verify a checksum first."
                                : $"Runs '{name}' right after downloading or decoding it{(host is null ? string.Empty : " from " + host)}: code nobody reviewed executes with the user's rights. Ship the script inside the skill instead.",
                            name);
                        break;
                    }
                }

                if (DownloadTarget(segment, tokens) is { } download)
                {
                    downloads.Add(download);
                }
            }
        }
    }

    private static (string Name, string? Url, string? Host, string? Path)? DownloadTarget(string segment, List<string> tokens)
    {
        var command = CommandIndex(tokens);
        if (command < 0)
        {
            return null;
        }

        var verb = tokens[command].ToLowerInvariant();
        var urls = Urls.Find(segment);
        var url = urls.Count > 0 ? urls[0].Url : null;
        var host = urls.Count > 0 ? urls[0].Host : null;
        var path = urls.Count > 0 ? urls[0].Path : null;
        string? target = null;
        if (verb is "curl" or "wget" or "iwr" or "invoke-webrequest" or "invoke-restmethod" or "irm" or "aria2c")
        {
            for (var i = command + 1; i < tokens.Count; i++)
            {
                var token = tokens[i];
                var combinedCurlOutput = verb == "curl" && token.Length > 2 && token[0] == '-' && token[1] != '-' && token.EndsWith('o');
                if ((combinedCurlOutput || token is "-o" or "--output" or "-O" or "--output-document" or "-OutFile" or "-outfile" or ">" or ">>") && i + 1 < tokens.Count
                    && !(verb == "curl" && token == "-O"))
                {
                    target = tokens[i + 1];
                }
                else if (token.StartsWith("--output-document=", StringComparison.Ordinal) || token.StartsWith("-O=", StringComparison.Ordinal))
                {
                    target = token[(token.IndexOf('=', StringComparison.Ordinal) + 1)..];
                }
                else if (token.StartsWith('>') && token.Length > 1)
                {
                    target = token.TrimStart('>');
                }
            }

            var remoteName = verb == "wget" || tokens.Any(t => t is "-O" or "--remote-name" || (t.StartsWith('-') && !t.StartsWith("--", StringComparison.Ordinal) && t.Contains('O', StringComparison.Ordinal)));
            if (target is null && remoteName && path is not null)
            {
                target = Path.GetFileName(path.Split('?', '#')[0]);
            }
        }
        else if (DecodeToFile().IsMatch(segment))
        {
            var redirect = tokens.FindIndex(t => t is ">" or ">>");
            target = redirect >= 0 && redirect + 1 < tokens.Count ? tokens[redirect + 1] : tokens.FirstOrDefault(t => t.StartsWith('>') && t.Length > 1)?.TrimStart('>');
            (url, host) = (null, null);
        }
        else if (Retrieve().Match(segment) is { Success: true } retrieve)
        {
            target = retrieve.Groups["file"].Value;
        }

        if (string.IsNullOrWhiteSpace(target) || target is "-" or "/dev/null")
        {
            return null;
        }

        var name = Path.GetFileName(target.TrimEnd(')', ';', '/'));
        return string.IsNullOrEmpty(name) ? null : (name, url, host, path);
    }

    private static bool Executes(List<string> tokens, string name)
    {
        var command = CommandIndex(tokens);
        if (command < 0)
        {
            return false;
        }

        var verb = tokens[command];
        if (BaseName(verb).Equals(name, StringComparison.Ordinal) && (verb.Contains('/', StringComparison.Ordinal) || verb.StartsWith('$')))
        {
            return true;
        }

        if (!Runners.Contains(verb))
        {
            return false;
        }

        for (var i = command + 1; i < tokens.Count; i++)
        {
            if (BaseName(tokens[i]).Equals(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the command word, past sudo, env, time and nohup prefixes; -1 for an empty segment.</summary>
    private static int CommandIndex(List<string> tokens)
    {
        var i = 0;
        while (i < tokens.Count && (tokens[i] is "sudo" or "env" or "time" or "command" or "then" or "do" or "(" or "{" || tokens[i].StartsWith('-') && i > 0 && tokens[i - 1] == "sudo"))
        {
            i++;
        }

        return i < tokens.Count ? i : -1;
    }

    private static string BaseName(string token)
    {
        var trimmed = token.Trim('(', ')', ';', ',', '"', '\'', '`', '{', '}', '[', ']');
        var slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }

    private static List<string> Tokens(string segment) =>
        [.. segment.Split((char[])[' ', '\t', '\n', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"\b(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|aria2c|urlretrieve|downloadfile|base64|xxd)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Fetchers();

    [GeneratedRegex(@"\s*(;|&&|\|\||\||\bthen\b|\bdo\b)\s*", RegexOptions.CultureInvariant, Patterns.TimeoutMs)]
    private static partial Regex Segments();

    [GeneratedRegex(@"\b(base64|b64)\s+(-\w*d\w*|--decode)\b|\bxxd\s+(-\w+\s+)*-r\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex DecodeToFile();

    [GeneratedRegex(@"\b(urlretrieve|downloadfile)\s*\(\s*[^,\n]+,\s*(?<file>[^\s,)]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Patterns.TimeoutMs)]
    private static partial Regex Retrieve();
}
