namespace Chitin.Skills.Distill;

/// <summary>Reads the model's answer: one JSON object, tolerating a Markdown code fence or a sentence around it.</summary>
internal static class DistilledDraftParser
{
    public static bool TryParse(string answer, [NotNullWhen(true)] out DistilledSkillDraft? draft, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            error = $"The model did not answer with a JSON object (it said: \"{Excerpt(answer)}\"). Nothing was written; run distill again or try another model.";
            return false;
        }

        DistilledSkillDraft? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(answer.AsSpan(start, end - start + 1), DistillJsonContext.Default.DistilledSkillDraft);
        }
        catch (JsonException ex)
        {
            error = $"The model's answer is not valid JSON ({ex.Message}). Nothing was written; run distill again or try another model.";
            return false;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(parsed?.Name))
        {
            missing.Add("name");
        }

        if (string.IsNullOrWhiteSpace(parsed?.Description))
        {
            missing.Add("description");
        }

        if (string.IsNullOrWhiteSpace(parsed?.WhenToUse))
        {
            missing.Add("whenToUse");
        }

        if (string.IsNullOrWhiteSpace(parsed?.Body))
        {
            missing.Add("body");
        }

        if (missing.Count > 0)
        {
            error = $"The model's JSON lacks {string.Join(", ", missing)}. Nothing was written; run distill again or try another model.";
            return false;
        }

        draft = parsed!;
        error = null;
        return true;
    }

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..119] + "…";
    }
}
