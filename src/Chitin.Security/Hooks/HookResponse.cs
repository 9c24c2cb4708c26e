namespace Chitin.Security.Hooks;

/// <summary>What a hook prints on stdout: <c>{"decision":"allow|deny|continue","reason":"...","arguments":{...}}</c>.</summary>
internal sealed record HookResponse
{
    public string? Decision { get; init; }

    public string? Reason { get; init; }

    public JsonElement? Arguments { get; init; }
}
