namespace Chitin.Memory.Capture;

/// <summary>
/// Validates the extraction answer as a whole: either every fact is well-formed and the list is returned, or the
/// answer is rejected with the first problem found, so a bad answer is never stored in part.
/// </summary>
internal static class CaptureAnswer
{
    public const int MaxFactChars = 1_000;

    public static readonly MemoryLayer[] Layers = [MemoryLayer.Semantic, MemoryLayer.Procedural, MemoryLayer.Episodic];

    public static readonly MemoryScope[] Scopes = [MemoryScope.User, MemoryScope.Project, MemoryScope.Agent];

    public static bool TryParse(string answer, [NotNullWhen(true)] out IReadOnlyList<ExtractedFact>? facts, [NotNullWhen(false)] out string? problem)
    {
        facts = null;
        CaptureAnswerDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(StripCodeFence(answer), CaptureJsonContext.Default.CaptureAnswerDto);
        }
        catch (JsonException ex)
        {
            problem = $"the answer is not valid JSON of the expected shape ({ex.Message})";
            return false;
        }

        if (dto?.Facts is not { } list)
        {
            problem = "the answer has no \"facts\" array";
            return false;
        }

        var parsed = new List<ExtractedFact>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (!TryValidate(list[i], out var fact, out var why))
            {
                problem = $"facts[{i}] {why}";
                return false;
            }

            parsed.Add(fact);
        }

        facts = parsed;
        problem = null;
        return true;
    }

    private static bool TryValidate(CapturedFactDto? dto, [NotNullWhen(true)] out ExtractedFact? fact, [NotNullWhen(false)] out string? why)
    {
        fact = null;
        if (dto is null)
        {
            why = "is null";
            return false;
        }

        var text = dto.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            why = "has no \"text\"";
            return false;
        }

        if (text.Length > MaxFactChars)
        {
            why = $"is {text.Length} characters long (at most {MaxFactChars})";
            return false;
        }

        if (dto.Layer is null || !MemoryNames.TryParse<MemoryLayer>(dto.Layer, out var layer) || !Layers.Contains(layer))
        {
            why = $"has layer \"{dto.Layer}\"; expected one of {string.Join(", ", Layers.Select(MemoryNames.Of))}";
            return false;
        }

        if (dto.Scope is null || !MemoryNames.TryParse<MemoryScope>(dto.Scope, out var scope) || !Scopes.Contains(scope))
        {
            why = $"has scope \"{dto.Scope}\"; expected one of {string.Join(", ", Scopes.Select(MemoryNames.Of))}";
            return false;
        }

        var tags = new List<string>();
        foreach (var tag in dto.Tags ?? [])
        {
            if (string.IsNullOrWhiteSpace(tag))
            {
                why = "has an empty tag";
                return false;
            }

            if (!tags.Contains(tag.Trim(), StringComparer.Ordinal))
            {
                tags.Add(tag.Trim());
            }
        }

        var subject = string.IsNullOrWhiteSpace(dto.Subject) ? null : dto.Subject.Trim();
        fact = new ExtractedFact(text, layer, scope, subject, tags, dto.Message);
        why = null;
        return true;
    }

    /// <summary>Providers without structured output sometimes wrap the JSON in a Markdown code fence.</summary>
    private static string StripCodeFence(string answer)
    {
        var text = answer.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        return firstNewline < 0 ? text : text[(firstNewline + 1)..^3].Trim();
    }
}
