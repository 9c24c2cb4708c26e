using System.Diagnostics;

namespace Chitin.Cli.Gateway;

/// <summary>
/// Finds <c>chitin-gateway</c>: $CHITIN_GATEWAY_PATH (development and tests), else next to the CLI's own assembly
/// (scripts/setup publishes both into artifacts/chitin). The CLI itself carries no ASP.NET Core.
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
            : new[] { Path.Combine(baseDirectory, OperatingSystem.IsWindows() ? "chitin-gateway.exe" : "chitin-gateway"), Path.Combine(baseDirectory, "chitin-gateway.dll") };
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
            : $"chitin-gateway was not found next to chitin in {baseDirectory}; run scripts/setup (it publishes both), or set {PathVariable}";
        return null;
    }
}
