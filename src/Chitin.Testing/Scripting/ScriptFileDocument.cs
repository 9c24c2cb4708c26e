namespace Chitin.Testing.Scripting;

/// <summary>The JSON shape of a script file (see <see cref="ModelScript.LoadFile"/>).</summary>
internal sealed class ScriptFileDocument
{
    public string? Model { get; set; }

    public List<ScriptFileStep?>? Steps { get; set; }
}
