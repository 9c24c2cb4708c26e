namespace Chitin.Cli.Gateway;

/// <summary>
/// Finds <c>chitin-gateway</c>: $CHITIN_GATEWAY_PATH (development and tests), else in <c>gateway/</c> below the CLI's
/// folder (scripts/setup publishes it to artifacts/chitin/gateway, with its own copies of the shared assemblies, so the
/// long-running gateway can stay lighter JIT code while the CLI's copies are compiled ahead of time), else next to the
/// CLI. The CLI itself carries no ASP.NET Core.
/// </summary>
public static class GatewayExecutable
{
    public const string PathVariable = "CHITIN_GATEWAY_PATH";

    /// <summary>How to start it, or null with <paramref name="error"/> saying what to do.</summary>
    public static ProcessStartInfo? StartInfo(string? overridePath, string baseDirectory, out string error)
    {
        error = "";
        var candidates = overridePath is { Length: > 0 }
            ? [overridePath]
            : new[] { Path.Combine(baseDirectory, "gateway"), baseDirectory }
                .SelectMany(folder => new[] { Path.Combine(folder, OperatingSystem.IsWindows() ? "chitin-gateway.exe" : "chitin-gateway"), Path.Combine(folder, "chitin-gateway.dll") })
                .ToArray();
        foreach (var path in candidates.Select(Path.GetFullPath))
        {
            if (!File.Exists(path))
            {
                continue;
            }

            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                // The dotnet host that runs this CLI when it runs as a .dll, else the one on PATH.
                var host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
                var start = new ProcessStartInfo(host) { UseShellExecute = false };
                start.ArgumentList.Add(path);
                return start;
            }

            return new ProcessStartInfo(path) { UseShellExecute = false };
        }

        error = overridePath is { Length: > 0 }
            ? $"{PathVariable} names '{overridePath}', which does not exist; point it at the chitin-gateway executable or its .dll"
            : $"chitin-gateway was not found in {Path.Combine(baseDirectory, "gateway")} or {baseDirectory}; run scripts/setup (it publishes both), or set {PathVariable}";
        return null;
    }
}
