namespace Chitin.Testing.Scripting;

/// <summary>What the script produced for a request: a step, or why it could not produce one.</summary>
internal readonly record struct ScriptAnswer(ScriptStep? Step, string? Failure)
{
    public static ScriptAnswer Of(ScriptStep step) => new(step, null);

    public static ScriptAnswer Failed(string failure) => new(null, failure);
}
