using System.Globalization;
using System.Text;
using Chitin.Memory.Evaluation;

namespace Chitin.Bench.Memory;

/// <summary>
/// Writes facts as an OpenClaw workspace: a curated <c>MEMORY.md</c> with topic headings, and daily logs
/// <c>memory/YYYY-MM-DD.md</c> for the episodic ones, one bullet per fact.
/// </summary>
internal static class MarkdownCorpus
{
    private const int BulletsPerDailyLog = 100;

    /// <summary>Every fact as one bullet of a single <c>MEMORY.md</c>, under topic headings; returns 1.</summary>
    public static int WriteSingleFile(string workspace, IReadOnlyList<RetrievalFact> facts)
    {
        var memory = new StringBuilder("# Memory\n");
        foreach (var topic in facts.GroupBy(f => f.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            memory.Append("\n## ").Append(topic.Key).Append("\n\n");
            foreach (var fact in topic)
            {
                memory.Append("- ").Append(fact.Text).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(workspace, "MEMORY.md"), memory.ToString());
        return 1;
    }

    /// <summary>Returns how many files were written.</summary>
    public static int Write(string workspace, IReadOnlyList<RetrievalFact> facts)
    {
        var daily = facts.Where(f => f.Layer == Chitin.Memory.Model.MemoryLayer.Episodic).ToList();
        var curated = facts.Except(daily).GroupBy(f => f.Topic, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        var memory = new StringBuilder("# Memory\n");
        foreach (var topic in curated)
        {
            memory.Append("\n## ").Append(topic.Key).Append("\n\n");
            foreach (var fact in topic)
            {
                memory.Append("- ").Append(fact.Text).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(workspace, "MEMORY.md"), memory.ToString());
        var folder = Directory.CreateDirectory(Path.Combine(workspace, "memory")).FullName;
        var files = 1;
        var day = new DateOnly(2025, 1, 1);
        foreach (var chunk in daily.Chunk(BulletsPerDailyLog))
        {
            var log = new StringBuilder("# ").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\n\n");
            foreach (var fact in chunk)
            {
                log.Append("- ").Append(fact.Text).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".md"), log.ToString());
            day = day.AddDays(1);
            files++;
        }

        return files;
    }
}
