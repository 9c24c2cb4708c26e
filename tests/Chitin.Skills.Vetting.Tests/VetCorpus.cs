using System.Text.Json;

namespace Chitin.Skills.Vetting.Tests;

/// <summary>The vetting corpus copied next to the tests: Corpus/corpus.json plus Corpus/{malicious,benign}/&lt;name&gt;/.</summary>
internal static class VetCorpus
{
    public static string Root { get; } = Locate();

    public static IReadOnlyList<CorpusSkill> Skills { get; } = Load();

    public static IEnumerable<CorpusSkill> Malicious => Skills.Where(s => s.Kind == "malicious");

    public static IEnumerable<CorpusSkill> Benign => Skills.Where(s => s.Kind == "benign");

    private static string Locate()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Corpus");
        if (File.Exists(Path.Combine(copied, "corpus.json")))
        {
            return copied;
        }

        throw new InvalidOperationException($"The vetting corpus was not copied to {copied}; check the Corpus item in Chitin.Skills.Vetting.Tests.csproj.");
    }

    private static List<CorpusSkill> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "corpus.json")));
        return document.RootElement.GetProperty("skills").EnumerateArray()
            .Select(e => new CorpusSkill(
                e.GetProperty("name").GetString()!,
                e.GetProperty("kind").GetString()!,
                e.GetProperty("technique").GetString()!,
                e.GetProperty("reference").GetString()!,
                Path.Combine(Root, e.GetProperty("kind").GetString()!, e.GetProperty("name").GetString()!)))
            .ToList();
    }
}
