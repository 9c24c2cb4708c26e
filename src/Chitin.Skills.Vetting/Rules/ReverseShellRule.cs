namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Reverse and bind shells: <c>/dev/tcp</c> redirections, <c>nc -e</c>, <c>ncat --exec</c>, <c>socat … exec:</c>,
/// <c>mkfifo</c> relays, and socket-plus-spawned-shell code in Python, Perl, PHP, Ruby, Node and PowerShell.
/// </summary>
internal sealed partial class ReverseShellRule() : VetRule(
    "net.reverse-shell", FindingSeverity.Block, "Reverse or bind shells: /dev/tcp, nc -e, ncat --exec, socat exec:, mkfifo relays, socket code that spawns a shell.")
{
    /// <summary>Per language: tokens that must all occur in one script or code block, and tokens at least one of which must.</summary>
    private static readonly (string Language, string[] All, string[] Any)[] SocketShells =
    [
        ("Python", ["socket", "connect("], ["pty.spawn", "dup2(", "/bin/sh", "/bin/bash", "cmd.exe"]),
        ("Node.js", ["child_process"], ["net.socket", "net.connect", "net.createconnection"]),
        ("PowerShell", ["net.sockets.tcpclient", "getstream"], ["iex", "invoke-expression", "invokecommand", "start-process"]),
        ("Perl", ["socket(", "exec"], ["/bin/sh", "/bin/bash", "cmd.exe"]),
        ("PHP", ["fsockopen"], ["exec(", "shell_exec", "proc_open", "system(", "passthru", "popen("]),
        ("Ruby", ["tcpsocket"], ["exec ", "exec(", "spawn", "io.popen", "system("]),
    ];

    private static readonly string[] NodeShells = ["/bin/sh", "/bin/bash", "cmd.exe", "powershell"];

    private static readonly SearchValues<string> Triggers = SearchValues.Create(
        ["/dev/tcp", "/dev/udp", "nc -", "ncat", "netcat", "socat", "mkfifo", "mknod", "sh -i", "telnet", "s_client", "fsockopen", "socket", "/inet/tcp", "xterm"],
        StringComparison.OrdinalIgnoreCase);

    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var unit in file.Units)
            {
                CheckUnit(file, unit, sink);
            }

            foreach (var block in file.Blocks)
            {
                CheckBlock(file, block, sink);
            }
        }
    }

    private void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var code = unit.Code;
        if (!code.AsSpan().ContainsAny(Triggers))
        {
            return;
        }

        var devTcp = DevTcp().Match(code);
        if (devTcp.Success)
        {
            var host = devTcp.Groups["host"].Value;
            var interactive = InteractiveRedirect().IsMatch(code);
            var severity = interactive || !Urls.IsLocal(host) ? FindingSeverity.Block : FindingSeverity.Warning;
            sink.Add(file, unit.LineOfCode(devTcp.Index), Id, severity,
                severity == FindingSeverity.Block
                    ? $"Opens a raw TCP connection to {host} through /dev/tcp{(interactive ? " and wires a shell to it" : string.Empty)}: a reverse shell hands control of the machine to whoever listens there."
                    : "Uses /dev/tcp to reach a local port (a health check?); make sure no shell is attached to it.",
                "/dev/");
            return;
        }

        var match = Patterns.FirstMatch(code, NetcatExec(), SocatExec(), FifoRelay(), InteractiveShellRedirect(), InlineSocketShell());
        if (match.Success)
        {
            sink.Add(file, unit.LineOfCode(match.Index), Id, FindingSeverity.Block,
                "Wires a shell to a network connection (reverse or bind shell): anyone on the other end can run commands on this machine. Remove it.",
                match.Value.TrimStart().Split(' ')[0]);
        }
    }

    private void CheckBlock(VetFile file, CodeBlock block, FindingSink sink)
    {
        if (block.Units.Count == 0)
        {
            return;
        }

        var code = block.Code;
        foreach (var (language, all, any) in SocketShells)
        {
            if (!Array.TrueForAll(all, t => code.Contains(t, StringComparison.OrdinalIgnoreCase)) || !Array.Exists(any, t => code.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (language == "Node.js" && !Array.Exists(NodeShells, t => code.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var unit = block.Units.Find(u => u.Code.Contains(all[0], StringComparison.OrdinalIgnoreCase)) ?? block.Units[0];
            var index = Math.Max(0, unit.Code.IndexOf(all[0], StringComparison.OrdinalIgnoreCase));
            sink.Add(file, unit.LineOfCode(index), Id, FindingSeverity.Block,
                $"{language} code opens a network socket and attaches a shell or command execution to it: the shape of a reverse shell. Remove it.",
                all[0]);
            return;
        }
    }

    [GeneratedRegex(@"/dev/(tcp|udp)/(?<host>[^/\s]+)/\d+", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex DevTcp();

    [GeneratedRegex(@"(\s-i\b|>&|<&|&>|0>&1|\bexec\s+\d*<>|\|\s*(ba|z)?sh\b|\b(ba|z)?sh\s+-i)", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex InteractiveRedirect();

    [GeneratedRegex(@"\b(nc|ncat|netcat|nc\.traditional|nc\.openbsd|busybox\s+nc)\b[^\n|;]*\s-[a-z]*[ec]\s*\S*(sh|bash|zsh|cmd(\.exe)?|powershell(\.exe)?)\b|\bncat\b[^\n]*--(exec|sh-exec|lua-exec)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex NetcatExec();

    [GeneratedRegex(@"\bsocat\b[^\n]*\b(exec|system):", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex SocatExec();

    [GeneratedRegex(@"\b(mkfifo|mknod)\b[^\n]*\b(nc|ncat|netcat|telnet|openssl\s+s_client)\b|\btelnet\b[^\n]*\|\s*(/bin/)?(ba)?sh\b[^\n]*\|\s*telnet\b|\bopenssl\s+s_client\b[^\n]*\|\s*(/bin/)?(ba|z)?sh\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex FifoRelay();

    [GeneratedRegex(@"\b(ba|z|k)?sh\s+-i\s*([0-9]?>&|&>|[0-9]?<&)", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex InteractiveShellRedirect();

    [GeneratedRegex(@"\bphp\s+-r\s+[^\n]*\bfsockopen\b|\bperl\s+(-\w+\s+)*-e\s+[^\n]*\bsocket\s*\(|\bruby\s+-rsocket\b|\bpython[0-9.]*\s+-c\s+[^\n]*\bsocket\b[^\n]*\b(dup2|pty|subprocess|spawn)\b|\bnode\s+-e\s+[^\n]*\bnet\b[^\n]*\bchild_process\b|\b(g?awk)\b[^\n]*/inet/tcp/|\bxterm\s+-display\s+[\w.]+:\d", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex InlineSocketShell();
}
