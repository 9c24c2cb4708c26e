namespace Chitin.Tools.Shell;

/// <summary>Receives a command's decoded output as it arrives; must accept concurrent appends from stdout and stderr.</summary>
internal interface IOutputSink
{
    void Append(ReadOnlySpan<char> text);
}
