using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Packaging;

/// <summary>What users install: the chitin CLI carries no test code and no ASP.NET Core.</summary>
public sealed class ShippedDependenciesTests
{
    private static readonly string[] Forbidden = ["Chitin.Testing", "Chitin.DevServer", "Microsoft.AspNetCore"];

    [Fact]
    public void The_cli_project_graph_references_neither_test_code_nor_aspnet_core()
    {
        var root = RepositoryFolder.Root();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(root, "src", "Chitin.Cli", "Chitin.Cli.csproj")]);
        var problems = new List<string>();
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            var xml = XDocument.Load(project);
            var name = Path.GetFileNameWithoutExtension(project);
            foreach (var reference in xml.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference" or "FrameworkReference"))
            {
                var include = reference.Attribute("Include")?.Value ?? "";
                if (Forbidden.Any(f => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')).StartsWith(f, StringComparison.Ordinal)))
                {
                    problems.Add($"{name} → {reference.Name.LocalName} {include}");
                }

                if (reference.Name.LocalName == "ProjectReference")
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', '/'))));
                }
            }
        }

        Assert.Empty(problems);
        Assert.Contains(seen, p => p.EndsWith("Chitin.Core.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void The_built_cli_runs_on_the_base_runtime_alone()
    {
        var runtimeConfig = Path.ChangeExtension(ChitinProcess.ChitinDll, ".runtimeconfig.json");

        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var options = json.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var list)
            ? list.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList()
            : [options.GetProperty("framework").GetProperty("name").GetString()];
        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
    }

    [Fact]
    public void No_assembly_the_cli_loads_is_test_code_or_aspnet_core()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(ChitinCli).Assembly]);
        var problems = new List<string>();
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var name = reference.Name ?? "";
                if (Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)))
                {
                    problems.Add($"{assembly.GetName().Name} → {name}");
                }

                // Chitin's own assemblies are followed; third-party ones are checked by name only.
                if (name.StartsWith("Chitin.", StringComparison.Ordinal) && seen.Add(name))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        Assert.Empty(problems);
        Assert.Contains("Chitin.Core", seen);
    }
}
