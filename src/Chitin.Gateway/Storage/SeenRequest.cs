namespace Chitin.Gateway.Storage;

/// <summary>A /ws request id seen before: what it was and the session and run it started.</summary>
public sealed record SeenRequest(string Type, string? SessionKey, string? RunId);
