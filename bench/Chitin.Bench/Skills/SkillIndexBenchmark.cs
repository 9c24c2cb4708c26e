using System.Globalization;
using Chitin.Core.Context;
using Chitin.Skills.Discovery;
using Chitin.Skills.Index;

namespace Chitin.Bench.Skills;

/// <summary>
/// Size of the skills index layer in the system prompt for 10 and 100 installed skills with realistic descriptions,
/// discovered from real folders and counted with the o200k tokenizer, against the default budget of 1,500 tokens.
/// </summary>
public static class SkillIndexBenchmark
{
    private static readonly string[] Subjects =
    [
        "CSV files", "PDF forms", "Docker images", "Kubernetes manifests", "SQL migrations", "release notes", "REST APIs",
        "Terraform plans", "Python packages", "npm dependencies", "GitHub Actions workflows", "log files", "Markdown docs",
        "unit tests", "OpenAPI specs", "Helm charts", "Jupyter notebooks", "Excel workbooks", "shell scripts", "CSS styles",
    ];

    private static readonly string[] Actions =
    [
        "Summarise", "Validate", "Refactor", "Migrate", "Audit",
    ];

    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        _ = quick; // Both sizes are cheap to measure; quick and full runs do the same work.
        var root = Directory.CreateTempSubdirectory("chitin-bench-skills-").FullName;
        try
        {
            var ten = await MeasureAsync(Path.Combine(root, "ten"), 10, ct);
            var hundred = await MeasureAsync(Path.Combine(root, "hundred"), 100, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT skills index tokens: 10 skills {ten.Tokens}, 100 skills {hundred.Tokens} (budget 1,500)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT skills index listing: 10 skills {ten.Listed} listed, 100 skills {hundred.Listed} listed (the rest found with skill_search)"));
            return ten.Tokens <= 1_500 && hundred.Tokens <= 1_500 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(int Tokens, int Listed)> MeasureAsync(string home, int count, CancellationToken ct)
    {
        var skills = Path.Combine(home, "skills");
        for (var i = 0; i < count; i++)
        {
            var subject = Subjects[i % Subjects.Length];
            var action = Actions[i / Subjects.Length % Actions.Length];
            var name = $"{action}-{subject}-{i}".ToLowerInvariant().Replace(' ', '-');
            var folder = Directory.CreateDirectory(Path.Combine(skills, name)).FullName;
            var description = $"{action} {subject} step by step, checking the result and reporting what changed. Use when the user asks to {action.ToLowerInvariant()} {subject}.";
            await File.WriteAllTextAsync(Path.Combine(folder, "SKILL.md"), $"---\nname: {name}\ndescription: {description}\n---\n\n# {action} {subject}\n\n1. Look.\n2. Act.\n", ct);
        }

        var catalog = await SkillCatalog.DiscoverAsync(new SkillLocations(null, skills, null), null, ct);
        var layer = new SkillIndexLayer(_ => catalog, TiktokenCounter.Instance);
        var text = await layer.GetTextAsync(new PromptLayerContext("default", home), ct) ?? "";
        var again = await layer.GetTextAsync(new PromptLayerContext("default", home), ct) ?? "";
        if (!string.Equals(text, again, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The skills index changed between two calls.");
        }

        var listed = text.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal));
        return (TiktokenCounter.Instance.CountTokens(text), listed);
    }
}
