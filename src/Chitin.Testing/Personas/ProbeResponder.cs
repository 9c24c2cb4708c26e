namespace Chitin.Testing.Personas;

/// <summary>
/// The scripted model as provider probes see it: it follows the plain instructions the probes give ("Reply with
/// exactly: X", "Call the tool T with arguments {...}", "Reply with the JSON object: {...}", counting, letters)
/// greedily, and samples open questions ("Name a colour.") from a fixed distribution with a seeded generator, as
/// a model at temperature 1 would. Anything else gets a short acknowledgement.
/// </summary>
public sealed partial class ProbeResponder(int seed = 1)
{
    private static readonly (string Answer, double Weight)[] Colours = [("red", 0.4), ("blue", 0.3), ("green", 0.2), ("yellow", 0.1)];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public ModelScript Script() => ModelScript.FromResponder(Respond);

    public ScriptStep Respond(ScriptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string prompt = request.LastUserText ?? string.Empty;
        if (Exactly().Match(prompt) is { Success: true } exact)
        {
            return ScriptStep.Text(exact.Groups[1].Value.Trim());
        }

        if (ToolCall().Match(prompt) is { Success: true } call && request.ToolNames.Contains(call.Groups[1].Value))
        {
            return ScriptStep.ToolCalls(new ScriptToolCall(call.Groups[1].Value, call.Groups[2].Value));
        }

        if (JsonObject().Match(prompt) is { Success: true } json)
        {
            return ScriptStep.Text(json.Groups[1].Value);
        }

        if (CountTo().Match(prompt) is { Success: true } count)
        {
            int to = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
            return ScriptStep.Text(string.Join(' ', Enumerable.Range(1, to).Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }

        if (prompt.StartsWith("Write the letters A to J", StringComparison.Ordinal))
        {
            return ScriptStep.Text("A B C D E F G H I J");
        }

        if (prompt.StartsWith("Name a colour", StringComparison.Ordinal))
        {
            return ScriptStep.Text(Sample());
        }

        return ScriptStep.Text(new StringBuilder("ok, ").Append(prompt.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters read").ToString());
    }

    private string Sample()
    {
        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        foreach ((string answer, double weight) in Colours)
        {
            roll -= weight;
            if (roll < 0)
            {
                return answer;
            }
        }

        return Colours[^1].Answer;
    }

    [GeneratedRegex(@"Reply with exactly: (.+)$", RegexOptions.Singleline)]
    private static partial Regex Exactly();

    [GeneratedRegex(@"Call the tool (\w+) with arguments (\{.*\})", RegexOptions.Singleline)]
    private static partial Regex ToolCall();

    [GeneratedRegex(@"Reply with the JSON object: (\{.*\})", RegexOptions.Singleline)]
    private static partial Regex JsonObject();

    [GeneratedRegex(@"Count from 1 to (\d+)")]
    private static partial Regex CountTo();
}
