namespace Chitin.Core.Agents.Guards;

/// <summary>One finished tool call as the loop guard sees it.</summary>
public sealed record ObservedCall(string Name, string ArgumentsJson, string ResultText, bool IsError);
