namespace Chitin.Testing.Scripting;

/// <summary>An error step in a script file.</summary>
internal sealed class ScriptFileError
{
    public int? Status { get; set; }

    public string? Message { get; set; }
}
