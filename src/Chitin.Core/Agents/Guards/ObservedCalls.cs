namespace Chitin.Core.Agents.Guards;

/// <summary>Pairs a step's tool calls with the results the transcript recorded for them.</summary>
internal static class ObservedCalls
{
    public static List<ObservedCall> Of(IEnumerable<ToolCallRecord> calls, IReadOnlyList<SessionMessage> transcript, int step)
    {
        var results = new Dictionary<string, SessionMessage>(StringComparer.Ordinal);
        for (var i = transcript.Count - 1; i >= 0 && transcript[i].Step == step; i--)
        {
            if (transcript[i] is { Role: MessageRole.Tool, ToolCallId: { } id })
            {
                results.TryAdd(id, transcript[i]);
            }
        }

        var observed = new List<ObservedCall>();
        foreach (var call in calls)
        {
            var result = results.GetValueOrDefault(call.Id);
            observed.Add(new ObservedCall(call.Name, call.ArgumentsJson, result?.Text ?? "", result?.IsError ?? true));
        }

        return observed;
    }
}
